// What counts as paragraph text and as prose: the measures that scoring, pruning and section climbing share.
#include "html/paragraphs.h"

#include "html/dom.h"

namespace winnow::clean {

int heading_level_of(GumboTag tag) {
  return (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6) ? 1 + (tag - GUMBO_TAG_H1) : 0;
}

std::uint32_t paragraph_chars(const NodeTree& tree, int i) {
  GumboTag tag = tree[i].tag;
  if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE) return tree[i].chars;
  if (!is_block_tag(tag) || tag == GUMBO_TAG_BR || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_TH ||
      heading_level_of(tag) > 0) {
    return 0;
  }
  return tree[i].inline_chars;
}

int direct_breaks(const NodeTree& tree, int i) {
  int breaks = 0;
  for (int c = tree[i].first_child; c >= 0; c = tree[c].next_sibling) {
    breaks += tree[c].tag == GUMBO_TAG_BR ? 1 : 0;
  }
  return breaks;
}

std::vector<std::uint32_t> prose_chars(const NodeTree& tree) {
  std::vector<std::uint32_t> prose(static_cast<std::size_t>(tree.size()), 0);
  for (int i = tree.size(); i-- > 0;) {
    const TreeNode& n = tree[i];
    if (n.junk || n.is_text) continue;
    // List items and headings count too: listicles are made of them.
    std::uint32_t own = (n.tag == GUMBO_TAG_LI || heading_level_of(n.tag) > 0) ? n.inline_chars
                                                                              : paragraph_chars(tree, i);
    if (own >= kMinParagraphChars && tree.link_density(i) < 0.5) prose[static_cast<std::size_t>(i)] += own;
    if (n.parent >= 0) prose[static_cast<std::size_t>(n.parent)] += prose[static_cast<std::size_t>(i)];
  }
  return prose;
}

}  // namespace winnow::clean
