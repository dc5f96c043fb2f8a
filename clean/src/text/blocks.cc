// split_text_blocks(): lines or blank-line-separated paragraphs of a plain-text input.
#include "text/blocks.h"

namespace winnow::clean {
namespace {

struct Line {
  std::string_view text;  // without its terminator
  std::size_t end = 0;    // offset just past the text (before the terminator)
  bool blank = false;
};

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t stop = text.find_first_of("\r\n", start);
    if (stop == std::string_view::npos) stop = text.size();
    std::string_view line = text.substr(start, stop - start);
    lines.push_back({line, stop, is_blank(line)});
    if (stop < text.size() && text[stop] == '\r' && stop + 1 < text.size() && text[stop + 1] == '\n') ++stop;
    start = stop + 1;
  }
  return lines;
}

// True when the text is hard-wrapped prose: blank lines separate paragraphs
// and a good share of those paragraphs have more than one line.
bool paragraph_mode(const std::vector<Line>& lines) {
  std::size_t paragraphs = 0, multi_line = 0, run = 0;
  bool any_blank = false;
  for (const Line& line : lines) {
    if (line.blank) {
      any_blank = true;
      if (run > 0) {
        ++paragraphs;
        if (run > 1) ++multi_line;
      }
      run = 0;
    } else {
      ++run;
    }
  }
  if (run > 0) {
    ++paragraphs;
    if (run > 1) ++multi_line;
  }
  return any_blank && paragraphs > 0 && multi_line * 3 >= paragraphs;
}

}  // namespace

std::vector<TextBlock> split_text_blocks(std::string_view text) {
  const std::vector<Line> lines = split_lines(text);
  std::vector<TextBlock> blocks;
  if (!paragraph_mode(lines)) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!lines[i].blank) blocks.push_back({lines[i].text, i + 1});
    }
    return blocks;
  }
  for (std::size_t i = 0; i < lines.size();) {
    if (lines[i].blank) {
      ++i;
      continue;
    }
    const std::size_t first = i;
    while (i < lines.size() && !lines[i].blank) ++i;
    const std::size_t begin = static_cast<std::size_t>(lines[first].text.data() - text.data());
    blocks.push_back({text.substr(begin, lines[i - 1].end - begin), first + 1});
  }
  return blocks;
}

}  // namespace winnow::clean
