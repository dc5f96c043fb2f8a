// Expands the INPUT arguments of a subcommand (files, directories, `-`) into the list of pages to read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace winnow::cli {

// One page to process, in the order the user will see it.
struct Input {
  bool is_stdin = false;
  std::filesystem::path path;     // the file to read; empty for stdin
  // Where the output goes under `-o DIR`, without extension: the file's stem
  // for a file argument, its path relative to the directory argument (minus
  // extension) for a file found in a directory, "stdin" for stdin. Not yet
  // made unique: see assign_output_names().
  std::filesystem::path output_stem;
  // Set when the argument itself is unusable (no such file, a directory
  // without HTML files...): the input is reported as failed and skipped.
  std::string error;

  // The name to use in JSON "source" fields: the path, or "-" for stdin.
  std::string source() const;
  // The name to use in messages and headers: the path, or "standard input".
  std::string label() const;
};

// What a directory argument contributes.
enum class DirectoryPages {
  // Files named *.html, *.htm, *.xhtml or *.shtml, and any other file whose
  // first 4 KiB look like an HTML page: they start (after a BOM and
  // whitespace) with a tag, a doctype or a comment, and are not XML other than
  // XHTML. So `wget -r` output (index.php?id=3, page) is found, while images,
  // scripts, style sheets, feeds and robots.txt are not.
  kHtml,
  // Files named *.txt.
  kText,
};

// Expands each argument in order: `-` is stdin, a directory contributes the
// files that `pages` says (recursively, sorted by path; names matched
// case-insensitively; a .gz, .zst or .bz2 file counts by the name without it,
// or for kHtml by its inflated head), anything else is taken as a file.
// Arguments that cannot be used become one Input with `error` set, so the
// batch can go on.
std::vector<Input> expand_inputs(const std::vector<std::string>& arguments, DirectoryPages pages);

// The output stem of a file: its name without a compression extension and
// then without its own extension when that is one to six letters or digits
// ("a.html.gz" -> "a", "b.php" -> "b", "index.php?id=3" stays whole).
std::filesystem::path stem_of(const std::filesystem::path& path);

// Makes the output stems unique across a batch: a stem already taken gets
// "-2", "-3"... appended (case-sensitive comparison). Inputs with an error
// keep their stem untouched and take no name.
void assign_output_names(std::vector<Input>& inputs);

}  // namespace winnow::cli
