// A flat, index-based copy of Gumbo's tree with per-node text statistics, built once per page.
#include "html/node_tree.h"

#include <cstring>
#include <utility>

#include "html/dom.h"

namespace winnow::clean {

void count_text(const char* text, std::uint32_t& chars, std::uint32_t& commas) {
  for (const unsigned char* p = reinterpret_cast<const unsigned char*>(text); *p != 0; ++p) {
    unsigned char c = *p;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
    if ((c & 0xC0) != 0x80) ++chars;  // count code points, not continuation bytes
    if (c == ',') {
      ++commas;
    } else if (c == 0xEF && p[1] == 0xBC && p[2] == 0x8C) {
      ++commas;  // U+FF0C fullwidth comma
    } else if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x81) {
      ++commas;  // U+3001 ideographic comma
    } else if (c == 0xD8 && p[1] == 0x8C) {
      ++commas;  // U+060C Arabic comma
    }
  }
}

NodeTree::NodeTree(const GumboNode* root) {
  if (root == nullptr) return;
  // Pre-order walk with an explicit stack of (gumbo node, parent index).
  std::vector<std::pair<const GumboNode*, int>> stack{{root, -1}};
  std::vector<int> last_child;  // per node: index of its most recent child, to link siblings
  while (!stack.empty()) {
    auto [g, parent] = stack.back();
    stack.pop_back();
    bool element = g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE;
    bool text = g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
                g->type == GUMBO_NODE_CDATA;
    if (!element && !text) continue;
    int index = static_cast<int>(nodes_.size());
    TreeNode n;
    n.node = g;
    n.is_text = text;
    n.tag = element ? g->v.element.tag : GUMBO_TAG_UNKNOWN;
    n.parent = parent;
    n.depth = parent < 0 ? 0 : nodes_[static_cast<std::size_t>(parent)].depth + 1;
    nodes_.push_back(n);
    last_child.push_back(-1);
    if (parent >= 0) {
      int prev = last_child[static_cast<std::size_t>(parent)];
      if (prev < 0) {
        nodes_[static_cast<std::size_t>(parent)].first_child = index;
      } else {
        nodes_[static_cast<std::size_t>(prev)].next_sibling = index;
      }
      last_child[static_cast<std::size_t>(parent)] = index;
    }
    if (element && n.tag == GUMBO_TAG_BODY && body_ == 0) body_ = index;
    if (element) {
      const GumboVector& children = g->v.element.children;
      for (unsigned i = children.length; i-- > 0;) {
        stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), index);
      }
    }
  }
  // Subtree ends: walking backwards, a node's end is the max end of its children.
  for (int i = size(); i-- > 0;) {
    TreeNode& n = nodes_[static_cast<std::size_t>(i)];
    if (n.end < i + 1) n.end = i + 1;
    if (n.parent >= 0) {
      TreeNode& p = nodes_[static_cast<std::size_t>(n.parent)];
      if (p.end < n.end) p.end = n.end;
    }
  }
  compute_stats();
}

void NodeTree::compute_stats() {
  for (TreeNode& n : nodes_) {
    n.chars = n.link_chars = n.commas = n.paragraphs = n.inline_chars = 0;
  }
  // Children come after parents in pre-order, so a backward pass sees every
  // child before its parent.
  for (int i = size(); i-- > 0;) {
    TreeNode& n = nodes_[static_cast<std::size_t>(i)];
    if (n.junk) continue;
    if (n.is_text) {
      count_text(n.node->v.text.text, n.chars, n.commas);
      n.inline_chars = n.chars;
    }
    if (n.tag == GUMBO_TAG_A) n.link_chars = n.chars;
    if (n.tag == GUMBO_TAG_P) ++n.paragraphs;
    if (n.parent >= 0) {
      TreeNode& p = nodes_[static_cast<std::size_t>(n.parent)];
      p.chars += n.chars;
      p.link_chars += n.link_chars;
      p.commas += n.commas;
      p.paragraphs += n.paragraphs;
      if (n.is_text || !is_block_tag(n.tag)) p.inline_chars += n.inline_chars;
    }
  }
}

void NodeTree::mark_junk(int i) {
  TreeNode& n = nodes_[static_cast<std::size_t>(i)];
  for (int j = i; j < n.end; ++j) nodes_[static_cast<std::size_t>(j)].junk = true;
}

double NodeTree::link_density(int i) const {
  const TreeNode& n = (*this)[i];
  return n.chars == 0 ? 0.0 : static_cast<double>(n.link_chars) / n.chars;
}

}  // namespace winnow::clean
