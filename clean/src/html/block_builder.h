// Turns the chosen article subtrees into Blocks (headings, paragraphs, lists, quotes, code, tables).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html/node_tree.h"
#include "winnow/clean.h"

namespace winnow::clean {

// Walks the subtrees rooted at `roots` (document order) and returns their
// blocks, skipping junk nodes. Inline formatting (strong, emphasis, code,
// links) is kept in spans; relative hrefs are resolved against page_url.
// Recursion is bounded: subtrees deeper than an internal limit are read as
// plain text.
std::vector<Block> build_blocks(const NodeTree& tree, const std::vector<int>& roots,
                                std::string_view page_url);

}  // namespace winnow::clean
