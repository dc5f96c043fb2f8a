// A word-level diff of two article texts (Myers' O(ND) algorithm on words), for the diff page's inline and side-by-side views.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace winnow::cli::serve {

// A word of a text and the whitespace that follows it (both views into the text).
struct WordToken {
  std::string_view word;
  std::string_view space;
};

// A run of words that are kept (in both texts), deleted (only in a) or inserted (only in b).
enum class DiffOp { kEqual, kDelete, kInsert };
struct DiffRun {
  DiffOp op = DiffOp::kEqual;
  std::size_t a_begin = 0;  // first word in a (kEqual, kDelete)
  std::size_t b_begin = 0;  // first word in b (kEqual, kInsert)
  std::size_t count = 0;    // words in the run
};

// The words of both texts and the runs that turn a into b, in order. The
// texts must outlive it (tokens view them).
struct WordDiff {
  std::string_view a_lead, b_lead;  // whitespace before each text's first word
  std::vector<WordToken> a, b;
  std::vector<DiffRun> runs;
  std::size_t deleted = 0;       // words only in a
  std::size_t inserted = 0;      // words only in b
  bool approximate = false;      // too many changes to align word by word: the differing middle is one delete and one insert
};

// Splits `text` into words (runs of non-whitespace; whitespace is ASCII space,
// tab, CR, LF, FF, VT) each with its following whitespace.
std::vector<WordToken> split_words(std::string_view text, std::string_view* lead = nullptr);

// The shortest edit script from a's words to b's (words compared exactly,
// whitespace ignored), after their common prefix and suffix are set aside.
// When the two differ by more than `max_edits` words the middle is reported
// as deleted and inserted whole (approximate = true), which bounds time by
// O((N+M) * max_edits) and memory by O(max_edits^2).
WordDiff diff_words(std::string_view a, std::string_view b, std::size_t max_edits = 1000);

}  // namespace winnow::cli::serve
