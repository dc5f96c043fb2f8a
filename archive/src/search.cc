// Full-text search over the FTS5 index: the query read as plain words (or FTS5 syntax), each URL's latest matching version, URLs with the query's words in the title first, snippets made only for those shown.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "archive_impl.h"
#include "search_plan.h"
#include "snippet.h"

namespace winnow::archive {
namespace {

constexpr std::size_t kSnippetTokens = 16;  // words in a hit's snippet

// Whether the unicode61 tokenizer finds a token in `text`: an ASCII letter or
// digit, or any non-ASCII byte (letters of other scripts).
bool has_token(std::string_view text) {
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The FTS5 strings of a plain-words query: one per word or quoted phrase that holds a token.
std::vector<std::string> word_terms(std::string_view query) {
  std::vector<std::string> terms;
  std::size_t pos = 0;
  while (pos < query.size()) {
    if (is_space(query[pos])) {
      ++pos;
      continue;
    }
    std::string_view term;
    if (query[pos] == '"') {
      // A phrase runs to the next quote (or the end, when the quote is unbalanced).
      const std::size_t close = query.find('"', pos + 1);
      const std::size_t end = close == std::string_view::npos ? query.size() : close;
      term = query.substr(pos + 1, end - pos - 1);
      pos = close == std::string_view::npos ? end : end + 1;
    } else {
      std::size_t end = pos;
      while (end < query.size() && !is_space(query[end])) ++end;
      term = query.substr(pos, end - pos);
      pos = end;
    }
    if (has_token(term)) terms.push_back(fts5_string(term));
  }
  return terms;
}

std::string joined(const std::vector<std::string>& terms) {
  std::string expression;
  for (const std::string& term : terms) expression += (expression.empty() ? "" : " ") + term;
  return expression;
}

// A refusal FTS5 gives only for want of positions (the query itself is valid).
bool needs_positions(const DbFailure& failure) {
  return std::string_view(failure.what()).find("not supported") != std::string_view::npos;
}

}  // namespace

Result<std::string> search_expression(std::string_view query, QuerySyntax syntax) {
  if (syntax == QuerySyntax::kWords) {
    std::string expression = joined(word_terms(query));
    if (expression.empty()) {
      return Error{ErrorKind::kInvalidInput, "the search query has no words to look for (letters or digits)"};
    }
    return expression;
  }
  if (query.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error{ErrorKind::kInvalidInput, "the search query is empty"};
  }
  // FTS5 reports syntax errors only when it runs the query: run it on an empty table like the archive's.
  try {
    Db scratch(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY);
    scratch.exec("CREATE VIRTUAL TABLE search_index USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')");
    Statement statement = scratch.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ?");
    statement.bind_text(1, query);
    statement.run();
  } catch (const DbFailure& failure) {
    if ((failure.code() & 0xff) == SQLITE_NOMEM) throw std::bad_alloc();
    return Error{ErrorKind::kInvalidInput, "bad FTS5 query '" + std::string(query) + "': " + failure.what()};
  }
  return std::string(query);
}

Result<std::vector<SearchHit>> Archive::search(const std::string& query, int limit, QuerySyntax syntax) {
  Result<std::string> expression = search_expression(query, syntax);
  if (!expression) return expression.error();
  return impl_->guard<std::vector<SearchHit>>([&]() -> Result<std::vector<SearchHit>> {
    ReadTransaction read(impl_->db);
    std::optional<CandidateCheck> check;
    SearchPlan plan{expression.value(), ""};
    if (index_is_positionless(impl_->db)) {
      check.emplace();
      if (syntax == QuerySyntax::kWords) {
        plan = plan_for_words(word_terms(query), *check);
      } else {
        try {
          Statement probe = impl_->db.prepare("SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT 1");
          probe.bind_text(1, plan.index_match);
          probe.run();
        } catch (const DbFailure& failure) {
          if (!needs_positions(failure)) throw;
          plan = plan_for_raw(expression.value(), *check);
        }
      }
    }
    std::vector<SearchHit> hits;
    if (plan.index_match.empty()) return hits;
    // 1. Every version the index matches, without a rank (on an index without positions, bm25 decodes and
    // tokenizes each matched version's text).
    struct Candidate {
      std::int64_t version_id;
      int seq;
    };
    std::map<std::int64_t, std::vector<Candidate>> by_url;  // url id -> its matched versions
    {
      Statement matched = impl_->db.prepare(
          "SELECT s.rowid, v.url_id, v.seq FROM search_index s JOIN versions v ON v.id = s.rowid "
          "WHERE search_index MATCH ?");
      matched.bind_text(1, plan.index_match);
      while (matched.step()) {
        by_url[matched.integer(1)].push_back({matched.integer(0), static_cast<int>(matched.integer(2))});
      }
    }
    // 2. Each URL's latest version that matches (checked on its own text where the index cannot decide).
    struct Winner {
      std::int64_t text_blob_id;
      int seq;
      double score;
      std::string url, title;
    };
    std::vector<Winner> winners;
    for (auto& [url_id, candidates] : by_url) {
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.seq > b.seq; });
      for (const Candidate& candidate : candidates) {
        Statement version = impl_->db.prepare(
            "SELECT u.url, v.title, v.text_blob_id FROM versions v JOIN urls u ON u.id = v.url_id WHERE v.id = ?");
        version.bind(1, candidate.version_id);
        if (!version.step()) continue;
        if (!plan.check_match.empty()) {
          const std::shared_ptr<const std::string> text = impl_->blobs.get(version.integer(2));
          if (!check->matches(plan.check_match, version.text(1), *text)) continue;
        }
        winners.push_back({version.integer(2), candidate.seq, 0.0, version.text(0), version.text(1)});
        break;
      }
    }
    // 3. Their scores: the query's words found in the title (bm25 would decode and tokenize every scored
    // version's text on this index, hundreds of milliseconds on 10,000 versions).
    if (!check) check.emplace();
    const SnippetTerms terms = snippet_terms(query, syntax == QuerySyntax::kFts5, *check);
    for (Winner& winner : winners) {
      std::set<std::string> marked_in_title;
      for (std::string& token : check->tokens(winner.title)) {
        if (terms.marks(token)) marked_in_title.insert(std::move(token));
      }
      winner.score = -static_cast<double>(marked_in_title.size());
    }
    std::sort(winners.begin(), winners.end(), [](const Winner& a, const Winner& b) {
      return a.score != b.score ? a.score < b.score : a.url < b.url;
    });
    // 4. The shown hits' snippets, cut from their article texts with the same tokenizer (FTS5's snippet()
    // would run the match again and tokenize each text many times over).
    for (Winner& winner : winners) {
      if (static_cast<int>(hits.size()) >= limit) break;
      SearchHit hit;
      hit.url = std::move(winner.url);
      hit.version = winner.seq;
      hit.title = std::move(winner.title);
      hit.score = winner.score;
      const std::shared_ptr<const std::string> text = impl_->blobs.get(winner.text_blob_id);
      hit.snippet = make_snippet(*text, check->token_spans(*text), terms, kSnippetTokens);
      hits.push_back(std::move(hit));
    }
    return hits;
  });
}

}  // namespace winnow::archive
