// Markdown rendering (CommonMark + GitHub pipe tables): "# title", then each block, blocks separated by blank lines.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/internal.h"
#include "winnow/clean.h"
#include "winnow/ascii.h"

namespace winnow::clean {

namespace {

using ascii::is_alpha;
using ascii::is_digit;
using ascii::is_space;

// "&copy;" or "&#169;" in prose would be decoded as a character reference.
bool looks_like_entity(std::string_view text, std::size_t amp) {
  std::size_t i = amp + 1;
  if (i < text.size() && text[i] == '#') ++i;
  std::size_t start = i;
  while (i < text.size() && (is_alpha(text[i]) || is_digit(text[i]))) ++i;
  return i > start && i < text.size() && text[i] == ';';
}

// Appends text escaped so Markdown shows it literally. Only characters that
// could change meaning are escaped, so ordinary prose stays readable.
// Whitespace (spans carry no line breaks by contract) becomes plain spaces.
void append_escaped(std::string& out, std::string_view text, bool table_cell) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_space(c)) c = ' ';
    char next = i + 1 < text.size() ? text[i + 1] : ' ';
    if (out.empty() && !table_cell) {
      // Block-level syntax only triggers at the start of a line, and leading
      // spaces could turn a paragraph into an indented code block.
      if (c == ' ') continue;
      bool marker = c == '#' || c == '>' || ((c == '-' || c == '+') && (next == ' ' || next == '-')) ||
                    (c == '~' && next == '~');
      if (marker) {
        out += '\\';
        out += c;
        continue;
      }
      if (is_digit(c)) {
        std::size_t j = i;
        while (j < text.size() && is_digit(text[j])) ++j;
        if (j < text.size() && (text[j] == '.' || text[j] == ')')) {
          out.append(text.substr(i, j - i));
          out += '\\';
          out += text[j];
          i = j;
          continue;
        }
      }
    }
    switch (c) {
      case '\\':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
        out += '\\';
        break;
      case '|':
        if (table_cell) out += '\\';
        break;
      case '&':
        if (looks_like_entity(text, i)) out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
}

std::string escaped(std::string_view text, bool table_cell) {
  std::string out;
  append_escaped(out, text, table_cell);
  return out;
}

void append_code_span(std::string& out, std::string_view code) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  // A backtick next to the fence would merge with it; CommonMark strips one padding space on each side.
  bool pad = code.front() == '`' || code.back() == '`';
  out += fence;
  if (pad) out += ' ';
  for (char c : code) out += is_space(c) ? ' ' : c;
  if (pad) out += ' ';
  out += fence;
}

void append_link_destination(std::string& out, std::string_view href) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : href) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += ch;
    } else {
      out += ch;
    }
  }
}

// A span's text with its formatting; whitespace at its edges split off into
// unformatted pieces because "**bold **" is not bold in CommonMark.
struct Piece {
  std::string text;
  bool strong = false;
  bool emphasis = false;
  bool code = false;
  std::string href;  // empty unless links are kept and the scheme is safe

  bool same_style(const Piece& other) const {
    return strong == other.strong && emphasis == other.emphasis && code == other.code &&
           href == other.href;
  }
  bool blank_space() const {
    return !code && !strong && !emphasis && std::all_of(text.begin(), text.end(), is_space);
  }
};

void push_piece(std::vector<Piece>& pieces, Piece piece) {
  if (piece.text.empty()) return;
  if (!pieces.empty() && pieces.back().same_style(piece)) {
    pieces.back().text += piece.text;
  } else {
    pieces.push_back(std::move(piece));
  }
}

std::vector<Piece> pieces_of(const std::vector<Span>& spans, const RenderOptions& options) {
  std::vector<Piece> pieces;
  for (const Span& span : spans) {
    std::string_view text = span.text;
    std::string href = options.links && is_safe_href(span.href) ? span.href : std::string();
    std::size_t begin = 0;
    while (begin < text.size() && is_space(text[begin])) ++begin;
    std::size_t end = text.size();
    while (end > begin && is_space(text[end - 1])) --end;
    push_piece(pieces, Piece{std::string(text.substr(0, begin)), false, false, false, href});
    push_piece(pieces, Piece{std::string(text.substr(begin, end - begin)), span.strong,
                             span.emphasis, span.code, href});
    push_piece(pieces, Piece{std::string(text.substr(end)), false, false, false, href});
  }
  return pieces;
}

void append_piece(std::string& out, const Piece& piece) {
  if (piece.code) {
    append_code_span(out, piece.text);
    return;
  }
  std::string_view marker = piece.strong && piece.emphasis ? "***"
                            : piece.strong                ? "**"
                            : piece.emphasis              ? "*"
                                                          : "";
  out += marker;
  append_escaped(out, piece.text, false);
  out += marker;
}

// The spans as one line of inline Markdown, without leading or trailing spaces.
std::string inline_markdown(const std::vector<Span>& spans, const RenderOptions& options) {
  std::vector<Piece> pieces = pieces_of(spans, options);
  std::string out;
  std::size_t i = 0;
  while (i < pieces.size()) {
    std::size_t end = i;
    while (end < pieces.size() && pieces[end].href == pieces[i].href) ++end;
    if (pieces[i].href.empty()) {
      for (std::size_t k = i; k < end; ++k) append_piece(out, pieces[k]);
    } else {
      // Spaces at the ends of a link's text stay outside the brackets.
      std::size_t first = i;
      std::size_t last = end;
      while (first < last && pieces[first].blank_space()) ++first;
      while (last > first && pieces[last - 1].blank_space()) --last;
      for (std::size_t k = i; k < first; ++k) append_piece(out, pieces[k]);
      if (first < last) {
        out += '[';
        for (std::size_t k = first; k < last; ++k) append_piece(out, pieces[k]);
        out += "](";
        append_link_destination(out, pieces[i].href);
        out += ')';
      }
      for (std::size_t k = last; k < end; ++k) append_piece(out, pieces[k]);
    }
    i = end;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A trailing " ###" in a heading would be read as its optional closing sequence.
void escape_closing_hashes(std::string& heading) {
  if (heading.empty() || heading.back() != '#') return;
  std::size_t before = heading.find_last_not_of('#');
  if (before == std::string::npos) {
    heading.insert(0, "\\");
  } else if (heading[before] == ' ') {
    heading.insert(before + 1, "\\");
  }
}

std::string heading_markdown(const Block& block, const RenderOptions& options) {
  std::string text = inline_markdown(block.spans, options);
  if (text.empty()) return {};
  escape_closing_hashes(text);
  int level = std::clamp(block.level, 1, 6);
  return std::string(static_cast<std::size_t>(level), '#') + ' ' + text;
}

std::string list_markdown(const Block& block, const RenderOptions& options) {
  std::string out;
  int number = 0;
  for (const auto& item : block.items) {
    std::string text = inline_markdown(item, options);
    if (text.empty()) continue;
    if (!out.empty()) out += '\n';
    out += block.ordered ? std::to_string(++number) + ". " : "- ";
    out += text;
  }
  return out;
}

std::string quote_markdown(const Block& block, const RenderOptions& options) {
  std::string text = inline_markdown(block.spans, options);
  if (text.empty()) return {};
  return "> " + text;
}

std::string table_markdown(const Block& block) {
  std::size_t columns = 0;
  for (const auto& row : block.rows) columns = std::max(columns, row.size());
  if (columns == 0) return {};
  std::string out;
  auto append_row = [&](const std::vector<std::string>& row) {
    out += '|';
    for (std::size_t c = 0; c < columns; ++c) {
      out += ' ';
      if (c < row.size()) out += escaped(row[c], true);
      out += " |";
    }
    out += '\n';
  };
  // GitHub tables need a header row; without one the first row serves.
  append_row(block.rows.front());
  out += '|';
  for (std::size_t c = 0; c < columns; ++c) out += " --- |";
  out += '\n';
  for (std::size_t r = 1; r < block.rows.size(); ++r) append_row(block.rows[r]);
  out.pop_back();
  return out;
}

std::string code_markdown(const Block& block) {
  std::string_view code = block.code;
  while (!code.empty() && (code.back() == '\n' || code.back() == '\r')) code.remove_suffix(1);
  if (code.empty()) return {};
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string out = fence;
  out += '\n';
  out += code;
  out += '\n';
  out += fence;
  return out;
}

std::string block_markdown(const Block& block, const RenderOptions& options) {
  switch (block.kind) {
    case BlockKind::kHeading:
      return heading_markdown(block, options);
    case BlockKind::kParagraph:
      return inline_markdown(block.spans, options);
    case BlockKind::kList:
      return list_markdown(block, options);
    case BlockKind::kQuote:
      return quote_markdown(block, options);
    case BlockKind::kTable:
      return table_markdown(block);
    case BlockKind::kCode:
      return code_markdown(block);
  }
  return {};
}

}  // namespace

std::string render_markdown(const Article& article, const RenderOptions& options) {
  std::string title = escaped(article.metadata.title, false);
  while (!title.empty() && title.back() == ' ') title.pop_back();
  escape_closing_hashes(title);
  if (!title.empty()) title.insert(0, "# ");
  return join_blocks(std::move(title), article.blocks,
                     [&](const Block& block) { return block_markdown(block, options); });
}

}  // namespace winnow::clean
