// Plain-text rendering: the title, a blank line, then each block's text, blocks separated by blank lines.
//
// Layout: headings, paragraphs and quotes are their text on one line (no
// markers); list items are one per line, prefixed "- " when unordered and
// "1. ", "2. ", ... when ordered; table rows are one per line with cells joined
// by " | "; code is verbatim. Empty blocks, list items and table rows are skipped.
// Without a title the output starts with the first block. Output ends with a
// single "\n", except that an article with neither title nor text renders as "".
#include <string>
#include <string_view>
#include <utility>

#include "render/internal.h"
#include "winnow/clean.h"
#include "winnow/ascii.h"

namespace winnow::clean {

namespace {

using ascii::is_space;
using ascii::trim;

std::string join_spans(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& span : spans) out += span.text;
  return out;
}

// Continuation lines of a list item line up under its first character.
void append_indented(std::string& out, std::string_view text, std::size_t indent) {
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
}

std::string list_text(const Block& block) {
  std::string out;
  int number = 0;
  for (const auto& item : block.items) {
    std::string text = join_spans(item);
    std::string_view body = trim(text);
    if (body.empty()) continue;
    std::string marker = block.ordered ? std::to_string(++number) + ". " : "- ";
    if (!out.empty()) out += '\n';
    out += marker;
    append_indented(out, body, marker.size());
  }
  return out;
}

std::string table_text(const Block& block) {
  std::string out;
  for (const auto& row : block.rows) {
    // Trailing empty cells would only leave dangling separators.
    std::size_t cells = row.size();
    while (cells > 0 && trim(row[cells - 1]).empty()) --cells;
    if (cells == 0) continue;
    if (!out.empty()) out += '\n';
    for (std::size_t c = 0; c < cells; ++c) {
      if (c > 0) out += " | ";
      out += row[c];
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }
  return out;
}

std::string code_text(const std::string& code) {
  std::string_view s = code;
  while (!s.empty() && (s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string block_text(const Block& block) {
  switch (block.kind) {
    case BlockKind::kList:
      return list_text(block);
    case BlockKind::kCode:
      return code_text(block.code);
    case BlockKind::kTable:
      return table_text(block);
    case BlockKind::kHeading:
    case BlockKind::kParagraph:
    case BlockKind::kQuote:
      break;
  }
  return std::string(trim(block.plain_text()));
}

}  // namespace

std::string render_text(const Article& article) {
  std::string title(trim(article.metadata.title));
  for (char& c : title) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return join_blocks(std::move(title), article.blocks, block_text);
}

}  // namespace winnow::clean
