// HTML rendering: a minimal, safe standalone document; every text is escaped and only a fixed set of tags is written.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "render/internal.h"
#include "winnow/clean.h"

namespace winnow::clean {

namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default: {
        unsigned char c = static_cast<unsigned char>(ch);
        // Control characters are invalid in HTML text; tabs and newlines are fine.
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) break;
        out += ch;
      }
    }
  }
}

void append_span(std::string& out, const Span& span) {
  if (span.text.empty()) return;
  if (span.strong) out += "<strong>";
  if (span.emphasis) out += "<em>";
  if (span.code) out += "<code>";
  append_escaped(out, span.text);
  if (span.code) out += "</code>";
  if (span.emphasis) out += "</em>";
  if (span.strong) out += "</strong>";
}

// Consecutive spans with the same link become one <a>, so a link whose text is
// partly bold stays a single link.
void append_inline(std::string& out, const std::vector<Span>& spans, const RenderOptions& options) {
  auto link_of = [&](const Span& span) -> std::string_view {
    return options.links && is_safe_href(span.href) ? std::string_view(span.href)
                                                    : std::string_view();
  };
  std::size_t i = 0;
  while (i < spans.size()) {
    std::string_view href = link_of(spans[i]);
    std::size_t end = i + 1;
    while (end < spans.size() && link_of(spans[end]) == href) ++end;
    if (!href.empty()) {
      out += "<a href=\"";
      append_escaped(out, href);
      out += "\">";
    }
    for (std::size_t k = i; k < end; ++k) append_span(out, spans[k]);
    if (!href.empty()) out += "</a>";
    i = end;
  }
}

bool has_text(const std::vector<Span>& spans) {
  return std::any_of(spans.begin(), spans.end(), [](const Span& span) {
    return span.text.find_first_not_of(" \t\n\r\f") != std::string::npos;
  });
}

void append_wrapped(std::string& out, std::string_view tag, const std::vector<Span>& spans,
                    const RenderOptions& options) {
  out += '<';
  out += tag;
  out += '>';
  append_inline(out, spans, options);
  out += "</";
  out += tag;
  out += ">\n";
}

void append_list(std::string& out, const Block& block, const RenderOptions& options) {
  if (std::none_of(block.items.begin(), block.items.end(), has_text)) return;
  out += block.ordered ? "<ol>\n" : "<ul>\n";
  for (const auto& item : block.items) {
    if (has_text(item)) append_wrapped(out, "li", item, options);
  }
  out += block.ordered ? "</ol>\n" : "</ul>\n";
}

void append_row(std::string& out, const std::vector<std::string>& row, std::string_view cell_tag) {
  out += "<tr>";
  for (const std::string& cell : row) {
    out += '<';
    out += cell_tag;
    out += '>';
    append_escaped(out, cell);
    out += "</";
    out += cell_tag;
    out += '>';
  }
  out += "</tr>\n";
}

void append_table(std::string& out, const Block& block) {
  bool any_cell = std::any_of(block.rows.begin(), block.rows.end(),
                              [](const auto& row) { return !row.empty(); });
  if (!any_cell) return;
  out += "<table>\n";
  std::size_t first_body_row = 0;
  if (block.header_row) {
    out += "<thead>\n";
    append_row(out, block.rows.front(), "th");
    out += "</thead>\n";
    first_body_row = 1;
  }
  if (first_body_row < block.rows.size()) {
    out += "<tbody>\n";
    for (std::size_t r = first_body_row; r < block.rows.size(); ++r) {
      append_row(out, block.rows[r], "td");
    }
    out += "</tbody>\n";
  }
  out += "</table>\n";
}

void append_block(std::string& out, const Block& block, const RenderOptions& options) {
  switch (block.kind) {
    case BlockKind::kHeading: {
      if (!has_text(block.spans)) return;
      // <h1> is the article title; body headings start one level below it.
      std::string tag = "h" + std::to_string(std::clamp(block.level, 2, 6));
      append_wrapped(out, tag, block.spans, options);
      return;
    }
    case BlockKind::kParagraph:
      if (has_text(block.spans)) append_wrapped(out, "p", block.spans, options);
      return;
    case BlockKind::kQuote:
      if (!has_text(block.spans)) return;
      out += "<blockquote>\n";
      append_wrapped(out, "p", block.spans, options);
      out += "</blockquote>\n";
      return;
    case BlockKind::kList:
      append_list(out, block, options);
      return;
    case BlockKind::kTable:
      append_table(out, block);
      return;
    case BlockKind::kCode:
      if (block.code.empty()) return;
      out += "<pre><code>";
      append_escaped(out, block.code);
      out += "</code></pre>\n";
      return;
  }
}

void append_meta(std::string& out, std::string_view name, std::string_view content) {
  if (content.empty()) return;
  out += "<meta name=\"";
  out += name;
  out += "\" content=\"";
  append_escaped(out, content);
  out += "\">\n";
}

}  // namespace

std::string render_html(const Article& article, const RenderOptions& options) {
  const Metadata& meta = article.metadata;
  std::string out = "<!DOCTYPE html>\n<html";
  if (!meta.language.empty()) {
    out += " lang=\"";
    append_escaped(out, meta.language);
    out += '"';
  }
  out += ">\n<head>\n<meta charset=\"utf-8\">\n";
  // Defence in depth: even if markup slipped through, the browser would run
  // no script and load nothing.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n";
  out += "<title>";
  append_escaped(out, meta.title);
  out += "</title>\n";
  std::string authors;
  for (const std::string& author : meta.authors) {
    if (author.empty()) continue;
    if (!authors.empty()) authors += ", ";
    authors += author;
  }
  append_meta(out, "author", authors);
  append_meta(out, "description", meta.description);
  out += "</head>\n<body>\n<article>\n";
  if (!meta.title.empty()) {
    out += "<h1>";
    append_escaped(out, meta.title);
    out += "</h1>\n";
  }
  for (const Block& block : article.blocks) append_block(out, block, options);
  out += "</article>\n</body>\n</html>\n";
  return out;
}

}  // namespace winnow::clean
