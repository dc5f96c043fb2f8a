// A test page parsed into Gumbo and winnow's flat NodeTree, for the unit tests of the extraction internals.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "html/dom.h"
#include "html/node_tree.h"
#include "html/prescan.h"

namespace winnow::test {

// How a ParsedPage reads its HTML.
enum class Prescan { kNo, kYes };

// A parsed page and its flat tree; the source string outlives both. With
// Prescan::kYes the HTML is first prescanned as clean_html() does.
struct ParsedPage {
  explicit ParsedPage(std::string_view html, Prescan prescan = Prescan::kNo)
      : source(prescan == Prescan::kYes ? clean::prescan_html(html).html : std::string(html)),
        document(clean::parse_html(source)),
        tree(document->root) {}

  // Index of the element with this id attribute; -1 when there is none.
  int by_id(std::string_view id) const {
    for (int i = 0; i < tree.size(); ++i) {
      if (!tree[i].is_text && clean::attr(tree[i].node, "id") == id) return i;
    }
    return -1;
  }

  std::string source;
  clean::GumboDocument document;
  clean::NodeTree tree;
};

}  // namespace winnow::test
