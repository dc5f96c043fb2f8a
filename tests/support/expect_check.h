// Checks a cleaner's text output against a +/-/? expect file (keep / drop / either, one line each).
#pragma once

#include "support/temp_dir.h"  // read_file, for the tests that read expect files

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::test {

enum class ExpectMark { kKeep, kDrop, kEither };

// One line of an expect file. `text` is whitespace-collapsed.
struct ExpectLine {
  ExpectMark mark = ExpectMark::kKeep;
  std::string text;
  int line_number = 0;  // 1-based, in the expect file
};

// A parsed expect file. `errors` lists malformed lines (a line that is not
// empty and does not start with "+ ", "- " or "? "); such lines are skipped.
struct ExpectFile {
  std::vector<ExpectLine> lines;
  std::vector<std::string> errors;
};

// What check_output() found. All lists are empty when the output is right.
struct ExpectReport {
  std::vector<std::string> missing;     // kept lines not found at all
  std::vector<std::string> misordered;  // kept lines found only before an earlier kept line
  std::vector<std::string> leaked;      // dropped lines that are still in the output

  bool ok() const { return missing.empty() && misordered.empty() && leaked.empty(); }
  // A human-readable list of the problems, one per line; empty when ok().
  std::string describe() const;
};

// Drop lines with at least this many words are also caught inside a longer
// output line; shorter ones ("Continue", "Read more") only as a whole line,
// since as substrings they would match ordinary article prose.
inline constexpr int kSubstringDropWords = 5;

// Trims and turns every run of whitespace (ASCII whitespace and U+00A0
// NO-BREAK SPACE) into one ASCII space.
std::string collapse_whitespace(std::string_view text);

// Parses the content of an expect file.
ExpectFile parse_expect(std::string_view content);

// Reads and parses an expect file; a file that cannot be read gives an
// ExpectFile with no lines and one error.
ExpectFile read_expect_file(const std::filesystem::path& path);

// Checks `output` (the cleaner's plain-text output) against `expect`:
//  - each kKeep line must occur, whitespace-collapsed, as a contiguous
//    substring of the whitespace-collapsed output, after the previous one;
//  - no kDrop line may equal a (whitespace-collapsed) output line, nor, when it
//    has kSubstringDropWords words or more, occur inside one;
//  - kEither lines are ignored.
ExpectReport check_output(const std::vector<ExpectLine>& expect, std::string_view output);

// Problems in the expect file itself that would make check_output() unable
// to pass for any output: a kDrop line that check_output() would find inside
// a kKeep line. Returns one message per problem.
std::vector<std::string> self_contradictions(const std::vector<ExpectLine>& expect);

// The output a perfect cleaner would give: the kKeep lines, separated by
// blank lines, like `winnow clean` text output.
std::string perfect_output(const std::vector<ExpectLine>& expect);

// The output of a cleaner that keeps everything: every line of the expect
// file, one per line, like the naive extraction the seeds came from.
std::string naive_output(const std::vector<ExpectLine>& expect);

// The files with extension `extension` (e.g. ".html") directly in `dir`,
// sorted by name. Empty when the directory does not exist.
std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir,
                                              std::string_view extension);

}  // namespace winnow::test
