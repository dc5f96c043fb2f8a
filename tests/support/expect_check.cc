// Checks a cleaner's text output against a +/-/? expect file (keep / drop / either, one line each).
#include "support/expect_check.h"

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <system_error>

namespace winnow::test {
namespace {

// Length in bytes of a whitespace character starting at text[i], or 0.
std::size_t whitespace_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u;
  };
  const unsigned char c = byte(i);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && byte(i + 1) == 0xA0) return 2;  // U+00A0
  if (c == 0xE2 && byte(i + 1) == 0x80) {
    const unsigned char d = byte(i + 2);
    if ((d >= 0x80 && d <= 0x8A) || d == 0xAF) return 3;  // U+2000..U+200A, U+202F
  }
  if (c == 0xE3 && byte(i + 1) == 0x80 && byte(i + 2) == 0x80) return 3;  // U+3000
  return 0;
}

int word_count(std::string_view collapsed) {
  if (collapsed.empty()) return 0;
  return static_cast<int>(std::count(collapsed.begin(), collapsed.end(), ' ')) + 1;
}

std::string quote(const ExpectLine& line) {
  return "expect line " + std::to_string(line.line_number) + ": \"" + line.text + "\"";
}

std::vector<std::string> collapsed_lines(std::string_view output) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    std::string line = collapse_whitespace(output.substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool drop_line_matches(const ExpectLine& drop, const std::string& line) {
  if (line == drop.text) return true;
  return word_count(drop.text) >= kSubstringDropWords &&
         line.find(drop.text) != std::string::npos;
}

}  // namespace

std::string ExpectReport::describe() const {
  std::string text;
  for (const auto& line : missing) text += "kept line missing from the output: " + line + "\n";
  for (const auto& line : misordered) text += "kept line out of order: " + line + "\n";
  for (const auto& line : leaked) text += "dropped line still in the output: " + line + "\n";
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = whitespace_length(text, i); n > 0) {
      pending_space = !result.empty();
      i += n;
      continue;
    }
    if (pending_space) result += ' ';
    pending_space = false;
    result += text[i++];
  }
  return result;
}

ExpectFile parse_expect(std::string_view content) {
  ExpectFile file;
  int number = 0;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(start, end - start);
    start = end + 1;
    ++number;
    if (collapse_whitespace(raw).empty()) continue;
    ExpectLine line;
    line.line_number = number;
    const std::string_view prefix = raw.substr(0, 2);
    if (prefix == "+ ") {
      line.mark = ExpectMark::kKeep;
    } else if (prefix == "- ") {
      line.mark = ExpectMark::kDrop;
    } else if (prefix == "? ") {
      line.mark = ExpectMark::kEither;
    } else {
      file.errors.push_back("line " + std::to_string(number) +
                            " does not start with \"+ \", \"- \" or \"? \"");
      continue;
    }
    line.text = collapse_whitespace(raw.substr(2));
    if (line.text.empty()) {
      file.errors.push_back("line " + std::to_string(number) + " has a mark but no text");
      continue;
    }
    file.lines.push_back(std::move(line));
  }
  return file;
}

ExpectFile read_expect_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ExpectFile file;
    file.errors.push_back("cannot read " + path.string());
    return file;
  }
  std::ostringstream content;
  content << in.rdbuf();
  return parse_expect(content.str());
}

ExpectReport check_output(const std::vector<ExpectLine>& expect, std::string_view output) {
  ExpectReport report;
  const std::string whole = collapse_whitespace(output);
  const std::vector<std::string> lines = collapsed_lines(output);
  std::size_t cursor = 0;
  for (const auto& line : expect) {
    if (line.mark == ExpectMark::kKeep) {
      const std::size_t found = whole.find(line.text, cursor);
      if (found != std::string::npos) {
        cursor = found + line.text.size();
      } else if (whole.find(line.text) != std::string::npos) {
        report.misordered.push_back(quote(line));
      } else {
        report.missing.push_back(quote(line));
      }
    } else if (line.mark == ExpectMark::kDrop) {
      const bool leaked = std::any_of(lines.begin(), lines.end(), [&](const std::string& out) {
        return drop_line_matches(line, out);
      });
      if (leaked) report.leaked.push_back(quote(line));
    }
  }
  return report;
}

std::vector<std::string> self_contradictions(const std::vector<ExpectLine>& expect) {
  std::vector<std::string> problems;
  for (const auto& drop : expect) {
    if (drop.mark != ExpectMark::kDrop) continue;
    for (const auto& keep : expect) {
      if (keep.mark == ExpectMark::kKeep && drop_line_matches(drop, keep.text)) {
        problems.push_back(quote(drop) + " would match kept " + quote(keep));
      }
    }
  }
  return problems;
}

std::string perfect_output(const std::vector<ExpectLine>& expect) {
  std::string text;
  for (const auto& line : expect) {
    if (line.mark != ExpectMark::kKeep) continue;
    if (!text.empty()) text += "\n\n";
    text += line.text;
  }
  text += '\n';
  return text;
}

std::string naive_output(const std::vector<ExpectLine>& expect) {
  std::string text;
  for (const auto& line : expect) text += line.text + '\n';
  return text;
}

std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir,
                                              std::string_view extension) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error) && it->path().extension() == extension) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace winnow::test
