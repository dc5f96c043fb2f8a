// Recommendation sections of product pages told by their headings, and dropped with what they head.
#include "html/recommendations.h"

#include <array>
#include <string>

#include "html/dom.h"
#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

// A recommendation heading is a label, not a sentence of the description.
constexpr std::size_t kMaxHeadingBytes = 80;

// Phrases shops across platforms put above other products' cards.
constexpr std::array kPhrases = std::to_array<std::string_view>({
    "also viewed",        "also bought",        "also like",          "also love",         "also purchased",
    "also searched",      "bought together",    "compare similar",    "complete the look", "customers who",
    "frequently bought",  "more from this",     "other items",        "people also",       "recently viewed",
    "recommended for you", "related items",     "related products",   "shop the look",     "similar items",
    "similar products",   "sponsored products", "you may like",       "you might like",    "goes well with",
    "pairs well with",    "explore similar",    "more like this",     "inspired by your",  "customers also",
});

}  // namespace

bool is_recommendation_heading(std::string_view heading) {
  if (heading.size() > kMaxHeadingBytes) return false;
  const std::string text = ascii::to_lower(heading);
  for (const std::string_view phrase : kPhrases) {
    if (text.find(phrase) != std::string::npos) return true;
  }
  return false;
}

namespace {

bool is_heading_element(const TreeNode& n) {
  switch (n.tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      return true;
    default:
      return !n.is_text && ascii::iequals(attr(n.node, "role"), "heading");
  }
}

// Whether any kept text lies in `container`'s subtree before node `heading`.
bool text_before(const NodeTree& tree, int container, int heading) {
  for (int k = container + 1; k < heading; ++k) {
    const TreeNode& n = tree[k];
    if (n.junk) {
      k = n.end - 1;
      continue;
    }
    if (n.is_text && n.chars > 0) return true;
  }
  return false;
}

}  // namespace

bool prune_recommendation_sections(NodeTree& tree, double max_share) {
  if (tree.size() == 0) return false;
  bool pruned = false;
  const int body = tree.body();
  const double page_chars = tree[body].chars;
  for (int i = body + 1; i < tree.size(); ++i) {
    const TreeNode& n = tree[i];
    if (n.junk) {
      i = n.end - 1;
      continue;
    }
    // A heading's characters outside whitespace bound its text's bytes from below: a long one is read no further.
    if (n.is_text || !is_heading_element(n) || n.chars > kMaxHeadingBytes) continue;
    if (!is_recommendation_heading(normalized_text(n.node))) continue;
    int section = i;
    for (int up = n.parent; up > body && up >= 0; up = tree[up].parent) {
      if (tree[up].chars >= max_share * page_chars || text_before(tree, up, i)) break;
      section = up;
    }
    tree.mark_junk(section);
    pruned = true;
    i = tree[section].end - 1;
  }
  return pruned;
}

}  // namespace winnow::clean
