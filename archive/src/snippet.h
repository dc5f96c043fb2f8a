// Search snippets cut from a version's article text: the window of words holding most of the query's words, those
// words marked with [brackets]. Made with the archive's own tokenizer, so they agree with what the index matched.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search_plan.h"

namespace winnow::archive {

// The tokens a snippet marks: whole tokens, and prefixes (FTS5's "word*").
struct SnippetTerms {
  std::set<std::string> words;
  std::vector<std::string> prefixes;

  // Whether `token` (folded as the tokenizer folds it) is one of the words or starts with one of the prefixes.
  bool marks(const std::string& token) const;
};

// The terms of a query. For plain words every token counts; for FTS5 syntax the operators (upper-case AND,
// OR, NOT, NEAR) and column names ("title:") are left out and a token followed by '*' is a prefix.
// Throws DbFailure when the tokenizer fails.
SnippetTerms snippet_terms(std::string_view query, bool fts5_syntax, CandidateCheck& check);

// The snippet of `text`, whose tokens are `spans` (CandidateCheck::token_spans of the same text): at most
// `max_tokens` tokens around the densest cluster of marked tokens (most distinct terms, then most marks;
// the text's start when none is marked), each marked token as "[token]" in the text's own spelling, every
// run of whitespace as one space, and "…" where the window cuts the text.
std::string make_snippet(std::string_view text, const std::vector<TokenSpan>& spans, const SnippetTerms& terms,
                         std::size_t max_tokens);

}  // namespace winnow::archive
