// Search on an index without positions (FTS5 detail=none): the index finds candidates by their tokens; a candidate's own
// title and text, indexed alone with positions, decide what the index cannot (phrases, NEAR, column filters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/db.h"

namespace winnow::archive {

// An FTS5 string: the text in double quotes, each double quote doubled.
std::string fts5_string(std::string_view text);

// Whether the archive's search index keeps no positions (FTS5 detail=none, format 2); a format-1
// index keeps them until compact. Throws DbFailure.
bool index_is_positionless(Db& db);

// A token of a text and where it lies in that text's bytes: [start, end).
struct TokenSpan {
  std::string token;
  std::size_t start = 0;
  std::size_t end = 0;
};

// The archive's tokenizer (FTS5 unicode61, diacritics removed), called directly, and a scratch in-memory
// FTS5 table with positions: it splits text into the archive's tokens and tests one candidate's title and
// text against a full FTS5 expression.
class CandidateCheck {
 public:
  // Throws DbFailure when SQLite cannot make the in-memory tables or the tokenizer (out of memory).
  CandidateCheck();
  ~CandidateCheck();
  CandidateCheck(const CandidateCheck&) = delete;
  CandidateCheck& operator=(const CandidateCheck&) = delete;

  // The tokens of `text` as the index holds them (unicode61, case and diacritics folded), in order.
  std::vector<std::string> tokens(std::string_view text);

  // The same tokens with the byte range each came from in `text`.
  std::vector<TokenSpan> token_spans(std::string_view text);

  // Whether a document of this title and text matches the FTS5 expression `match`.
  // Throws DbFailure when `match` is not a valid FTS5 expression.
  bool matches(const std::string& match, std::string_view title, std::string_view text);

 private:
  Db db_;
  fts5_tokenizer tokenizer_methods_{};  // unicode61's functions, owned by SQLite
  Fts5Tokenizer* tokenizer_ = nullptr;  // our instance of it, deleted with us
};

// How one query runs on a positionless index.
struct SearchPlan {
  std::string index_match;  // the expression run on search_index
  std::string check_match;  // what each candidate must match on its own; empty when the index decides alone
};

// The plan for plain words, given the FTS5 strings search_expression() made of them (`terms`: one per
// word or quoted phrase): every token of every term must be in the version (AND), and a term of several
// tokens (a phrase, or a word such as "e-mail") is then checked as a phrase.
SearchPlan plan_for_words(const std::vector<std::string>& terms, CandidateCheck& check);

// The plan for a raw FTS5 expression the index refused (phrases, NEAR, column filters need positions):
// candidates hold any of its tokens (its operators AND, OR, NOT and NEAR left out), and each is checked
// against the expression itself.
SearchPlan plan_for_raw(const std::string& expression, CandidateCheck& check);

}  // namespace winnow::archive
