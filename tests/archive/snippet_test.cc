// Search snippets: the query's terms as the archive's tokenizer reads them, the window with most of them, brackets and cuts.
#include <catch2/catch.hpp>

#include "snippet.h"

using winnow::archive::CandidateCheck;
using winnow::archive::make_snippet;
using winnow::archive::snippet_terms;

namespace {

std::string snippet_of(CandidateCheck& check, const std::string& text, const std::string& query, bool fts5,
                       std::size_t tokens) {
  return make_snippet(text, check.token_spans(text), snippet_terms(query, fts5, check), tokens);
}

}  // namespace

TEST_CASE("the tokenizer gives folded tokens with the bytes they came from", "[archive][search]") {
  CandidateCheck check;
  const std::string text = "Café  CRÈME, e-mail";
  const auto spans = check.token_spans(text);
  REQUIRE(spans.size() == 4);
  CHECK(spans[0].token == "cafe");
  CHECK(text.substr(spans[0].start, spans[0].end - spans[0].start) == "Café");
  CHECK(spans[1].token == "creme");
  CHECK(spans[2].token == "e");
  CHECK(spans[3].token == "mail");
  CHECK(check.tokens(text) == std::vector<std::string>{"cafe", "creme", "e", "mail"});
}

TEST_CASE("a snippet is the window with most of the query's words, each in brackets", "[archive][search]") {
  CandidateCheck check;
  const std::string text =
      "The harbour opened early. Officials spoke for an hour about budgets, roads and schools, then about parks. "
      "Later the ferry and the harbour shared one timetable.\nThe end.";
  const std::string snippet = snippet_of(check, text, "HARBOUR ferry", false, 8);
  // The second mention has both words within eight tokens; the first has one.
  CHECK(snippet == "…Later the [ferry] and the [harbour] shared one…");
  // The whole text fits: no cut marks, whitespace runs become one space, the closing punctuation stays.
  CHECK(snippet_of(check, "A  [b]\n\tferry  came.", "ferry", false, 16) == "A [b] [ferry] came.");
  // Nothing marked: the text's start.
  CHECK(snippet_of(check, "one two three four five", "zebra", false, 3) == "one two three…");
  CHECK(snippet_of(check, "", "zebra", false, 3).empty());
}

TEST_CASE("snippet terms: FTS5 operators and column names are not words, word* is a prefix", "[archive][search]") {
  CandidateCheck check;
  const auto fts = snippet_terms("title:harbour AND ferr* OR NOT tide", true, check);
  CHECK(fts.words == std::set<std::string>{"harbour", "tide"});
  CHECK(fts.prefixes == std::vector<std::string>{"ferr"});
  CHECK(fts.marks("ferry"));
  CHECK_FALSE(fts.marks("fer"));
  CHECK_FALSE(fts.marks("and"));
  // Read as plain words, "and" and "or" are words to find like any other.
  const auto words = snippet_terms("salt and pepper", false, check);
  CHECK(words.words == std::set<std::string>{"salt", "and", "pepper"});
  CHECK(snippet_of(check, "Ferries and ferrets ran.", "ferr*", true, 16) == "[Ferries] and [ferrets] ran.");
}
