// Search snippets: the query's terms read with the archive's tokenizer, the best window of the text found, its matches bracketed.
#include "snippet.h"

#include <algorithm>

namespace winnow::archive {
namespace {

// Evaluating a window per marked token is enough to find a good one; a text where a common word is marked
// thousands of times needs no more candidates than this.
constexpr std::size_t kMaxWindowsTried = 4096;
constexpr std::size_t kLeadTokens = 2;  // tokens shown before the window's first mark

bool is_fts5_operator(std::string_view word) { return word == "AND" || word == "OR" || word == "NOT" || word == "NEAR"; }

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Appends `piece` to `out` with every run of whitespace as one space (none at the snippet's start).
void append_collapsed(std::string& out, std::string_view piece) {
  for (const char c : piece) {
    if (is_blank(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

}  // namespace

bool SnippetTerms::marks(const std::string& token) const {
  if (words.count(token) != 0) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& prefix) { return token.compare(0, prefix.size(), prefix) == 0; });
}

SnippetTerms snippet_terms(std::string_view query, bool fts5_syntax, CandidateCheck& check) {
  SnippetTerms terms;
  for (TokenSpan& span : check.token_spans(query)) {
    if (fts5_syntax) {
      if (is_fts5_operator(query.substr(span.start, span.end - span.start))) continue;
      const std::size_t next = query.find_first_not_of(" \t\r\n", span.end);
      if (next != std::string_view::npos && query[next] == ':') continue;  // a column name
      if (span.end < query.size() && query[span.end] == '*') {
        terms.prefixes.push_back(std::move(span.token));
        continue;
      }
    }
    terms.words.insert(std::move(span.token));
  }
  return terms;
}

std::string make_snippet(std::string_view text, const std::vector<TokenSpan>& spans, const SnippetTerms& terms,
                         std::size_t max_tokens) {
  if (spans.empty() || max_tokens == 0) return "";
  std::vector<bool> marked(spans.size());
  std::vector<std::size_t> marks;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    marked[i] = terms.marks(spans[i].token);
    if (marked[i]) marks.push_back(i);
  }
  const std::size_t last_start = spans.size() > max_tokens ? spans.size() - max_tokens : 0;
  std::size_t best_start = 0;
  std::size_t best_distinct = 0;
  std::size_t best_count = 0;
  for (std::size_t k = 0; k < marks.size() && k < kMaxWindowsTried; ++k) {
    const std::size_t start = std::min(marks[k] > kLeadTokens ? marks[k] - kLeadTokens : 0, last_start);
    const std::size_t end = std::min(start + max_tokens, spans.size());
    std::set<std::string_view> distinct;
    std::size_t count = 0;
    for (std::size_t i = start; i < end; ++i) {
      if (!marked[i]) continue;
      ++count;
      distinct.insert(spans[i].token);
    }
    if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
      best_start = start;
      best_distinct = distinct.size();
      best_count = count;
    }
  }
  const std::size_t end = std::min(best_start + max_tokens, spans.size());
  std::string snippet = best_start > 0 ? "…" : "";
  for (std::size_t i = best_start; i < end; ++i) {
    if (i > best_start) append_collapsed(snippet, text.substr(spans[i - 1].end, spans[i].start - spans[i - 1].end));
    const std::string_view word = text.substr(spans[i].start, spans[i].end - spans[i].start);
    if (marked[i]) {
      snippet += '[';
      snippet += word;
      snippet += ']';
    } else {
      snippet += word;
    }
  }
  if (end < spans.size()) {
    snippet += "…";
  } else {
    append_collapsed(snippet, text.substr(spans[end - 1].end));  // the text's closing punctuation
    while (!snippet.empty() && snippet.back() == ' ') snippet.pop_back();
  }
  return snippet;
}

}  // namespace winnow::archive
