// Finds the article in a parsed page: prunes boilerplate, scores containers, builds and filters the body blocks.
#pragma once

#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "node_tree.h"
#include "winnow/clean.h"

namespace winnow::clean {

// Marks boilerplate subtrees junk: chrome tags (nav, aside, footer, forms,
// controls, media), hidden elements, and containers whose role, ARIA or
// class/id words name boilerplate. A container holding most of the page's
// text is kept whatever its name says. Recomputes the tree's statistics.
enum class Pruning {
  kFull,        // tags, hidden elements, roles, ARIA and class/id names
  kChromeOnly,  // tags and hidden elements only: the fallback when names mislead
};
void prune_boilerplate(NodeTree& tree, Pruning pruning = Pruning::kFull);

// Scores candidate containers: each paragraph-like block (<p>, <pre>, or an
// element holding text directly) of at least 25 characters credits its
// ancestors (1 + commas + length/100, decaying over five levels); scores start
// from a tag bias plus container_weight() and end scaled by (1 - link density).
// Returns (score, node index) best first; raw scores are left in `scores`.
std::vector<std::pair<double, int>> rank_candidates(const NodeTree& tree,
                                                    std::unordered_map<int, double>& scores);

// Picks the subtrees that hold the article, in document order: the best-scored
// container (paragraph text and commas credited to ancestors, weighted by
// class/id words and link density) plus siblings that look like its
// continuation. Falls back to <body> when nothing scores. Never empty unless
// the tree is.
std::vector<int> select_article_roots(const NodeTree& tree);

// The article body of a parsed page: prune, select, build blocks, then drop
// link lists and a heading repeating the title. When that finds almost no
// text, tries again with Pruning::kChromeOnly and keeps the richer result.
std::vector<Block> extract_article(NodeTree& tree, std::string_view title, std::string_view page_url);

}  // namespace winnow::clean
