// Turns INPUT arguments into pages: stdin, single files, and the HTML files under directories.
#include "io/inputs.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

#include "io/decompress.h"
#include "io/read_input.h"
#include "winnow/clean.h"
#include "winnow/ascii.h"

namespace winnow::cli {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kSniffBytes = 4096;

// The file's name without a compression extension: "a.HTML.gz" -> "a.HTML".
fs::path without_compression(const fs::path& path) {
  if (!has_compression_extension(path.filename().string())) return path;
  fs::path inner = path;
  inner.replace_extension();
  return inner;
}

bool has_extension(const fs::path& path, std::initializer_list<std::string_view> extensions) {
  const std::string extension = ascii::to_lower(without_compression(path).extension().string());
  return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

// Whether an unnamed file is a page: it must open like one, which is stricter
// than clean's own sniffing (a script that mentions "<body" is not a page).
bool head_looks_like_html(std::string_view head) {
  // UTF-16 pages (with their byte-order mark) are left to clean's sniffing, which decodes them first.
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    return clean::sniff_input_kind(head) == clean::InputKind::kHtml;
  }
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const std::size_t start = head.find_first_not_of(" \t\r\n\f");
  if (start == std::string_view::npos || head[start] != '<' || start + 1 >= head.size()) return false;
  const char next = head[start + 1];
  const bool opens_tag = next == '!' || next == '?' || std::isalpha(static_cast<unsigned char>(next));
  if (!opens_tag) return false;
  const std::string lower = ascii::to_lower(std::string(head.substr(start)));
  if (lower.starts_with("<?xml")) return lower.find("<html") != std::string::npos;  // XHTML only, not feeds
  return clean::sniff_input_kind(head) == clean::InputKind::kHtml;
}

bool is_page(const fs::path& file, DirectoryPages pages) {
  if (pages == DirectoryPages::kText) return has_extension(file, {".txt"});
  if (has_extension(file, {".html", ".htm", ".xhtml", ".shtml"})) return true;
  const Result<std::string> head = read_head(file, kSniffBytes);
  return head.ok() && head_looks_like_html(head.value());
}

std::string_view describe(DirectoryPages pages) {
  return pages == DirectoryPages::kText ? "no .txt files" : "no HTML pages (by name or content)";
}

Input failed_input(const std::string& argument, std::string message) {
  Input input;
  input.path = argument;
  input.error = std::move(message);
  return input;
}

// Appends the pages under `directory`, or one failed Input when there are
// none or the walk fails part-way (a partial listing would be silent data loss).
void expand_directory(const std::string& argument, DirectoryPages pages, std::vector<Input>& inputs) {
  const fs::path directory = argument;
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_page(it->path(), pages)) files.push_back(it->path());
  }
  if (ec) {
    inputs.push_back(failed_input(argument, "cannot list directory: " + ec.message()));
    return;
  }
  if (files.empty()) {
    inputs.push_back(failed_input(argument, std::string(describe(pages)) + " in this directory"));
    return;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    Input input;
    input.path = file;
    const fs::path relative = file.lexically_relative(directory);
    input.output_stem = relative.parent_path() / stem_of(relative);
    inputs.push_back(std::move(input));
  }
}

}  // namespace

fs::path stem_of(const fs::path& path) {
  const fs::path name = without_compression(path.filename());
  // "index.php?id=3" keeps its whole name: its "extension" is part of a URL, and
  // dropping it would make index.php?id=3 and index.php?id=4 one name.
  const std::string extension = name.extension().string();
  const bool plain = extension.size() >= 2 && extension.size() <= 6 &&
                     std::all_of(extension.begin() + 1, extension.end(), [](unsigned char c) { return std::isalnum(c); });
  return plain ? name.stem() : name;
}

std::string Input::source() const { return is_stdin ? "-" : path.string(); }

std::string Input::label() const { return is_stdin ? "standard input" : path.string(); }

std::vector<Input> expand_inputs(const std::vector<std::string>& arguments, DirectoryPages pages) {
  std::vector<Input> inputs;
  for (const std::string& argument : arguments) {
    if (argument == "-") {
      Input input;
      input.is_stdin = true;
      input.output_stem = "stdin";
      inputs.push_back(std::move(input));
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(argument, ec);
    if (ec || !fs::exists(status)) {
      const std::string reason = ec ? ec.message() : "no such file or directory";
      inputs.push_back(failed_input(argument, reason));
    } else if (fs::is_directory(status)) {
      expand_directory(argument, pages, inputs);
    } else {
      Input input;
      input.path = argument;
      input.output_stem = stem_of(input.path);
      inputs.push_back(std::move(input));
    }
  }
  return inputs;
}

void assign_output_names(std::vector<Input>& inputs) {
  std::set<fs::path> taken;
  for (Input& input : inputs) {
    if (!input.error.empty()) continue;
    fs::path candidate = input.output_stem;
    for (int n = 2; taken.count(candidate) != 0; ++n) {
      candidate = input.output_stem;
      candidate += "-" + std::to_string(n);
    }
    taken.insert(candidate);
    input.output_stem = std::move(candidate);
  }
}

}  // namespace winnow::cli
