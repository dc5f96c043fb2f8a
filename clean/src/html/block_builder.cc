// Turns the chosen article subtrees into Blocks (headings, paragraphs, lists, quotes, code, tables).
#include "html/block_builder.h"

#include <deque>

#include "html/dom.h"
#include "meta/url.h"
#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

using ascii::is_space;

constexpr int kMaxRecursion = 600;

// True when text holds something other than spaces, U+00A0 no-break spaces
// and zero-width characters (U+200B..U+200D, U+2060, U+FEFF).
bool has_visible_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = [&](std::size_t k) {
      return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
    };
    unsigned char c = byte(i);
    if (c == 0xC2 && byte(i + 1) == 0xA0) {
      ++i;
      continue;
    }
    bool zero_width = (c == 0xE2 && byte(i + 1) == 0x80 && byte(i + 2) >= 0x8B && byte(i + 2) <= 0x8D) ||
                      (c == 0xE2 && byte(i + 1) == 0x81 && byte(i + 2) == 0xA0) ||
                      (c == 0xEF && byte(i + 1) == 0xBB && byte(i + 2) == 0xBF);
    if (zero_width) {
      i += 2;
      continue;
    }
    if (!is_space(text[i])) return true;
  }
  return false;
}

struct Style {
  bool strong = false;
  bool emphasis = false;
  bool code = false;
  std::string_view href;
};

bool same_style(const Span& span, const Style& style) {
  return span.strong == style.strong && span.emphasis == style.emphasis && span.code == style.code &&
         span.href == style.href;
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

class BlockBuilder {
 public:
  BlockBuilder(const NodeTree& tree, std::string_view page_url) : tree_(tree), page_url_(page_url) {}

  void visit(int i, const Style& style, int depth);
  std::vector<Block> take() {
    flush();
    return std::move(blocks_);
  }

 private:
  void add_text(std::string_view text, const Style& style);
  void add_plain_subtree(int i, const Style& style);
  void flush();
  void visit_children(int i, const Style& style, int depth) {
    for (int c = tree_[i].first_child; c >= 0; c = tree_[c].next_sibling) visit(c, style, depth + 1);
  }
  void visit_list(int i, const Style& style, int depth);
  // True when a list's items are sections: an item holds a heading, quote,
  // table or several paragraphs.
  bool holds_sections(int i) const;
  void visit_table(int i, const Style& style, int depth);
  void visit_pre(int i);
  void visit_heading(int i, int level, const Style& style, int depth);
  void visit_quote(int i, const Style& style, int depth);
  // The style inside element i: bold, italic, code, or a link (whose
  // resolved href this builder keeps alive).
  Style inner_style(int i, const Style& style);

  const NodeTree& tree_;
  std::string_view page_url_;
  std::vector<Block> blocks_;
  std::vector<Span> current_;
  bool pending_space_ = false;
  BlockKind kind_ = BlockKind::kParagraph;  // kind of the block being collected
  int level_ = 0;
  Block* list_ = nullptr;  // the list whose items are being collected, if any
  std::deque<std::string> resolved_hrefs_;  // keeps resolved hrefs alive for Style views (stable addresses)
};

void BlockBuilder::add_text(std::string_view text, const Style& style) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      pending_space_ = true;
      ++i;
      continue;
    }
    // The next run of non-space characters; U+00A0 stays inside words' runs.
    std::size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    if (current_.empty() || !same_style(current_.back(), style)) {
      Span span;
      span.strong = style.strong;
      span.emphasis = style.emphasis;
      span.code = style.code;
      span.href = std::string(style.href);
      current_.push_back(std::move(span));
    }
    std::string& out = current_.back().text;
    bool at_start = current_.size() == 1 && out.empty();
    if (pending_space_ && !at_start) {
      // A space between two spans goes to the plain one, so that links and
      // emphasis hold just their words ("a [link](u) and", not "a[ link ](u)and").
      const Span& span = current_.back();
      bool plain = !span.strong && !span.emphasis && !span.code && span.href.empty();
      if (out.empty() && !plain) {
        current_[current_.size() - 2].text += ' ';
      } else {
        out += ' ';
      }
    }
    pending_space_ = false;
    out.append(text.data() + i, j - i);
    i = j;
  }
}

void BlockBuilder::add_plain_subtree(int i, const Style& style) {
  for (int j = i; j < tree_[i].end; ++j) {
    const TreeNode& n = tree_[j];
    if (n.junk) {
      j = n.end - 1;
      continue;
    }
    if (n.is_text) add_text(n.node->v.text.text, style);
  }
}

void BlockBuilder::flush() {
  pending_space_ = false;
  if (current_.empty()) return;
  // Drop empty spans; a block of nothing but no-break spaces or zero-width
  // characters (a spacer paragraph, "<p>&nbsp;</p>", "<p>&zwj;</p>") is no block.
  std::vector<Span> spans;
  bool visible = false;
  for (Span& s : current_) {
    if (s.text.empty()) continue;
    visible = visible || has_visible_text(s.text);
    spans.push_back(std::move(s));
  }
  current_.clear();
  if (spans.empty() || !visible) return;
  if (list_ != nullptr) {
    list_->items.push_back(std::move(spans));
    return;
  }
  Block block;
  block.kind = kind_;
  block.level = level_;
  block.spans = std::move(spans);
  blocks_.push_back(std::move(block));
}

void BlockBuilder::visit(int i, const Style& style, int depth) {
  const TreeNode& n = tree_[i];
  if (n.junk) return;
  if (n.is_text) {
    add_text(n.node->v.text.text, style);
    return;
  }
  if (depth > kMaxRecursion) {
    add_plain_subtree(i, style);
    return;
  }
  const GumboTag tag = n.tag;
  if (int level = heading_level(tag); level > 0) {
    visit_heading(i, level, style, depth);
    return;
  }
  switch (tag) {
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
      visit_list(i, style, depth);
      return;
    case GUMBO_TAG_TABLE:
      visit_table(i, style, depth);
      return;
    case GUMBO_TAG_PRE:
      visit_pre(i);
      return;
    case GUMBO_TAG_BLOCKQUOTE:
      visit_quote(i, style, depth);
      return;
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_SOURCE:
      return;
    default:
      break;
  }
  const Style inner = inner_style(i, style);
  const bool block = is_block_tag(tag);
  if (block) flush();
  visit_children(i, inner, depth);
  if (block) flush();
}

void BlockBuilder::visit_heading(int i, int level, const Style& style, int depth) {
  flush();
  const BlockKind saved_kind = kind_;
  const int saved_level = level_;
  Block* saved_list = list_;
  kind_ = BlockKind::kHeading;
  level_ = level;
  list_ = nullptr;
  visit_children(i, style, depth);
  flush();
  kind_ = saved_kind;
  level_ = saved_level;
  list_ = saved_list;
}

void BlockBuilder::visit_quote(int i, const Style& style, int depth) {
  flush();
  const BlockKind saved = kind_;
  if (list_ == nullptr) kind_ = BlockKind::kQuote;
  visit_children(i, style, depth);
  flush();
  kind_ = saved;
}

Style BlockBuilder::inner_style(int i, const Style& style) {
  Style inner = style;
  switch (tree_[i].tag) {
    case GUMBO_TAG_B:
    case GUMBO_TAG_STRONG:
      inner.strong = true;
      break;
    case GUMBO_TAG_I:
    case GUMBO_TAG_EM:
      inner.emphasis = true;
      break;
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_TT:
      inner.code = true;
      break;
    case GUMBO_TAG_A: {
      std::string_view href = attr(tree_[i].node, "href");
      if (!href.empty()) {
        resolved_hrefs_.push_back(resolve_url(page_url_, href));
        inner.href = resolved_hrefs_.back();
      }
      break;
    }
    default:
      break;
  }
  return inner;
}

void BlockBuilder::visit_list(int i, const Style& style, int depth) {
  if (list_ != nullptr) {
    // A nested list: its items join the outer list after the current item.
    flush();
    visit_children(i, style, depth);
    flush();
    return;
  }
  flush();
  if (holds_sections(i)) {
    // A list of sections (numbered "best of" entries with headings and
    // paragraphs) is structure, not a list: read it as a container.
    visit_children(i, style, depth);
    flush();
    return;
  }
  Block list;
  list.kind = BlockKind::kList;
  list.ordered = tree_[i].tag == GUMBO_TAG_OL;
  list_ = &list;
  visit_children(i, style, depth);
  flush();
  list_ = nullptr;
  if (!list.items.empty()) blocks_.push_back(std::move(list));
}

bool BlockBuilder::holds_sections(int i) const {
  // Loose lists wrap each item in one <p> ("<li><p>item</p></li>"), so one
  // paragraph per item is still a list; headings or several paragraphs are not.
  for (int item = tree_[i].first_child; item >= 0; item = tree_[item].next_sibling) {
    if (tree_[item].junk || tree_[item].is_text) continue;
    int paragraphs = 0;
    for (int j = item + 1; j < tree_[item].end; ++j) {
      const TreeNode& n = tree_[j];
      if (n.junk) {
        j = n.end - 1;
        continue;
      }
      if (n.tag == GUMBO_TAG_H2 || n.tag == GUMBO_TAG_H3 || n.tag == GUMBO_TAG_H4 ||
          n.tag == GUMBO_TAG_BLOCKQUOTE || n.tag == GUMBO_TAG_TABLE) {
        return true;
      }
      if (n.tag == GUMBO_TAG_P && ++paragraphs >= 2) return true;
    }
  }
  return false;
}

void BlockBuilder::visit_table(int i, const Style& style, int depth) {
  flush();
  // A table used for layout holds paragraphs or other tables: read it as a
  // container. One with header cells is data, even when a cell wraps its
  // value in a <p> (WooCommerce's product attributes).
  bool has_header_cells = false;
  for (int j = i + 1; j < tree_[i].end && !has_header_cells; ++j) {
    has_header_cells = !tree_[j].junk && tree_[j].tag == GUMBO_TAG_TH;
  }
  for (int j = i + 1; j < tree_[i].end; ++j) {
    GumboTag t = tree_[j].tag;
    if (!tree_[j].junk && ((t == GUMBO_TAG_P && !has_header_cells) || t == GUMBO_TAG_TABLE ||
                           t == GUMBO_TAG_UL || t == GUMBO_TAG_H2 || t == GUMBO_TAG_BLOCKQUOTE)) {
      visit_children(i, style, depth);
      flush();
      return;
    }
  }
  Block table;
  table.kind = BlockKind::kTable;
  for (int j = i + 1; j < tree_[i].end; ++j) {
    const TreeNode& n = tree_[j];
    if (n.junk) {
      j = n.end - 1;
      continue;
    }
    if (n.tag != GUMBO_TAG_TR) continue;
    std::vector<std::string> row;
    bool all_th = true;
    for (int c = n.first_child; c >= 0; c = tree_[c].next_sibling) {
      GumboTag t = tree_[c].tag;
      if (t != GUMBO_TAG_TD && t != GUMBO_TAG_TH) continue;
      if (t != GUMBO_TAG_TH) all_th = false;
      row.push_back(tree_[c].junk ? std::string() : normalized_text(tree_[c].node));
    }
    if (row.empty()) continue;
    if (table.rows.empty() && all_th) table.header_row = true;
    table.rows.push_back(std::move(row));
  }
  bool any_text = false;
  for (const auto& row : table.rows) {
    for (const auto& cell : row) any_text = any_text || !cell.empty();
  }
  if (!any_text) return;
  if (list_ != nullptr) {
    // Tables inside list items are rare; each cell with text becomes an item of the list (joining the cells
    // would put a separator into the text that the page never held).
    for (const auto& row : table.rows) {
      for (const auto& cell : row) {
        if (cell.empty()) continue;
        std::vector<Span> spans(1);
        spans[0].text = cell;
        list_->items.push_back(std::move(spans));
      }
    }
    return;
  }
  blocks_.push_back(std::move(table));
}

void BlockBuilder::visit_pre(int i) {
  flush();
  std::string code;
  append_text(tree_[i].node, code);
  // Leading and trailing blank lines are layout, not code.
  std::size_t start = code.find_first_not_of("\r\n");
  std::size_t end = code.find_last_not_of(" \t\r\n");
  if (start == std::string::npos || end == std::string::npos || end < start) return;
  Block block;
  block.kind = BlockKind::kCode;
  block.code = code.substr(start, end - start + 1);
  if (list_ != nullptr) {
    std::vector<Span> spans(1);
    spans[0].text = collapse_whitespace(block.code);
    list_->items.push_back(std::move(spans));
    return;
  }
  blocks_.push_back(std::move(block));
}

}  // namespace

std::vector<Block> build_blocks(const NodeTree& tree, const std::vector<int>& roots,
                                std::string_view page_url) {
  BlockBuilder builder(tree, page_url);
  for (int root : roots) builder.visit(root, Style{}, 0);
  return builder.take();
}

}  // namespace winnow::clean
