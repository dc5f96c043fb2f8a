// Myers' O(ND) difference algorithm, shared by word counts (how much an article changed) and unified diffs (how it changed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::archive {

// The length of the shortest edit script (insertions + deletions) turning
// `a` into `b`, or nullopt when it exceeds `max_edits` (the search stops there).
std::optional<std::size_t> edit_distance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                                         std::size_t max_edits);

// The words of `text` (runs of letters and digits; every non-ASCII byte counts
// as a letter), each as a hash.
std::vector<std::uint64_t> word_hashes(std::string_view text);

// How many words changed between two article texts: per changed region the
// larger of words removed and words added, so a replaced word counts once.
std::size_t words_changed(std::string_view before, std::string_view after);

// A unified diff of two texts, line by line, with `context` lines around each
// change and the headers "--- old_name" / "+++ new_name". Empty when the
// texts are equal.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& old_name,
                         const std::string& new_name, int context = 3);

}  // namespace winnow::archive
