// Sections of a product page that sell other products: a heading such as "People who viewed this item also viewed"
// or "You may also like" and the cards in the container it opens, which the gold of no product page keeps.
#pragma once

#include <string_view>

#include "html/node_tree.h"

namespace winnow::clean {

// Whether a heading's text names other items offered beside the page's own ("Customers also bought", "Similar
// items", "Related products", "Recently viewed"): a heading of at most 80 bytes holding one of those English
// phrases.
bool is_recommendation_heading(std::string_view heading);

// Marks junk each recommendation section of a product page: the largest element that a recommendation heading
// (h1-h6, or an element with role="heading") opens, that is, whose text starts with the heading's, and that holds
// less than `max_share` of the text under <body>. Returns whether it marked any; the caller then recomputes
// statistics.
bool prune_recommendation_sections(NodeTree& tree, double max_share);

}  // namespace winnow::clean
