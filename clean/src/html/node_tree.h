// A flat, index-based copy of Gumbo's tree with per-node text statistics, built once per page.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <vector>

namespace winnow::clean {

// One element or text node. Nodes are stored in document (pre-)order, so a
// node's subtree is the index range [index, end).
struct TreeNode {
  const GumboNode* node = nullptr;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text nodes and unknown elements
  bool is_text = false;
  int parent = -1;
  int first_child = -1;
  int next_sibling = -1;
  int end = 0;          // one past the last node of the subtree
  int depth = 0;
  bool junk = false;    // this subtree is boilerplate (set by the extractor)
  // Statistics over the subtree, junk subtrees excluded (see NodeTree::compute_stats):
  std::uint32_t chars = 0;       // non-whitespace characters of text
  std::uint32_t link_chars = 0;  // ... of those, inside <a>
  std::uint32_t commas = 0;      // commas (ASCII and CJK/Arabic forms)
  std::uint32_t paragraphs = 0;  // <p> elements
  std::uint32_t inline_chars = 0;  // characters of text not inside a block-level descendant
};

class NodeTree {
 public:
  // Flattens the tree below root (usually the <html> element). Iterative.
  explicit NodeTree(const GumboNode* root);

  std::vector<TreeNode>& nodes() { return nodes_; }
  const std::vector<TreeNode>& nodes() const { return nodes_; }
  const TreeNode& operator[](int i) const { return nodes_[static_cast<std::size_t>(i)]; }
  TreeNode& operator[](int i) { return nodes_[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(nodes_.size()); }
  // Index of the <body> element, or 0 when there is none.
  int body() const { return body_; }

  // (Re)computes chars/link_chars/commas/paragraphs bottom-up, skipping junk subtrees.
  void compute_stats();
  // Marks i and its whole subtree junk.
  void mark_junk(int i);

  // Link density of a subtree: link_chars / chars (0 when empty).
  double link_density(int i) const;

 private:
  std::vector<TreeNode> nodes_;
  int body_ = 0;
};

// Calls visit(i) on each element from index `from` on, in document order,
// skipping text nodes and junk subtrees; stops early when visit returns false.
template <class Visit>
void for_each_kept_element(const NodeTree& tree, int from, Visit visit) {
  for (int i = from; i < tree.size(); ++i) {
    const TreeNode& n = tree[i];
    if (n.junk) {
      i = n.end - 1;
      continue;
    }
    if (!n.is_text && !visit(i)) return;
  }
}

// Counts non-whitespace characters (UTF-8 code points) and commas in text.
void count_text(const char* text, std::uint32_t& chars, std::uint32_t& commas);

}  // namespace winnow::clean
