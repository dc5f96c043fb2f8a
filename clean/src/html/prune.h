// Marks boilerplate subtrees junk before the article is chosen: tags, hidden elements, roles and names.
#pragma once

#include "html/node_tree.h"

namespace winnow::clean {

enum class Pruning {
  kFull,        // tags, hidden elements, roles, ARIA and class/id names
  kChromeOnly,  // tags and hidden elements only: the fallback when names mislead
  kThread,      // as kFull, but a thread's parts (comments, replies, authors) are content: a forum page
  kSections,    // as kFull, but presentation (carousels, teasers, promos, captions) and hidden
                // prose (accordions, tabs) are content: a service page, a listing, a collection, documentation
  kProduct,     // as kFull, but hidden prose (a description's tabs) is content, and reviews and the
                // store's recommendations are not: a product page
};

// Marks boilerplate subtrees junk: chrome tags (nav, aside, footer, forms,
// controls, media), hidden elements, and (kFull) containers whose role, ARIA
// or class/id words name boilerplate (signals.h). Strong names go first; weak
// ones ("sidebar", "widget") after the best candidate so far is known, sparing
// it and its ancestors, and sparing elements that are mostly prose. A
// container holding most of the page's text is kept whatever its name says.
// Recomputes the tree's statistics.
void prune_boilerplate(NodeTree& tree, Pruning pruning = Pruning::kFull);

}  // namespace winnow::clean
