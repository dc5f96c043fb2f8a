// Extracts the article body of a parsed page: prune, select, build blocks, filter them, fall back if too little.
#pragma once

#include <string_view>
#include <vector>

#include "html/node_tree.h"
#include "html/prune.h"
#include "html/select.h"
#include "winnow/clean.h"

namespace winnow::clean {

// The article body of a parsed page: prune_boilerplate, select_article_roots,
// build_blocks, then drop link blocks, runs of blocks that repeat earlier ones
// (responsive copies of a page), a heading repeating the title and trailing
// headings. When that finds almost no text, tries again with
// Pruning::kChromeOnly on a fresh copy of the tree and keeps the richer result.
std::vector<Block> extract_article(NodeTree& tree, std::string_view title, std::string_view page_url);

}  // namespace winnow::clean
