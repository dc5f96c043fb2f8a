// Chooses the article's container(s): readability-style scoring, climbing over sections, sibling continuation.
#pragma once

#include <unordered_map>
#include <utility>
#include <vector>

#include "html/node_tree.h"

namespace winnow::clean {

// Scores candidate containers: each paragraph-like block (paragraphs.h) of at
// least kMinParagraphChars characters credits its ancestors (1 + commas +
// length/100, the length cap growing with <br>-separated parts; decaying over
// five levels); scores start from a tag bias plus container_weight() and end
// scaled by (1 - link density). Returns (score, node index) best first; raw
// scores are left in `scores`. Empty when no block scores.
std::vector<std::pair<double, int>> rank_candidates(const NodeTree& tree,
                                                    std::unordered_map<int, double>& scores);

// Picks the subtrees that hold the article, in document order: the best-scored
// container, moved up to the ancestor of several strong candidates or over
// sibling sections while what that adds is mostly prose, plus siblings that
// look like its continuation. Falls back to <body> when nothing scores. Never
// empty unless the tree is.
std::vector<int> select_article_roots(const NodeTree& tree);

}  // namespace winnow::clean
