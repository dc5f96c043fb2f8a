// Unit tests for for_each_node (order, skipping, stopping, deep trees) and the DOM helpers built on it.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "html/dom.h"

namespace {

using winnow::clean::for_each_node;
using winnow::clean::Walk;

// A short name for each node: an element's tag name, "t:" and a text node's
// text, one letter for the others.
std::string label(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_ELEMENT:
      return winnow::clean::tag_name(node);
    case GUMBO_NODE_TEXT:
      return std::string("t:") + node->v.text.text;
    case GUMBO_NODE_WHITESPACE:
      return "w";
    case GUMBO_NODE_COMMENT:
      return "c";
    case GUMBO_NODE_TEMPLATE:
      return "T";
    case GUMBO_NODE_DOCUMENT:
      return "D";
    default:
      return "?";
  }
}

// Parsed with Gumbo alone (no prescan), so the comments and the <template> stay.
struct Page {
  std::string html = "<!--c--><html><head></head><body><p>a<b>b</b><!--c-->d</p>"
                     "<template><i>t</i></template><p>e</p></body></html>";
  winnow::clean::GumboDocument doc = winnow::clean::parse_html(html);
};

// The labels of the nodes for_each_node visits from root, in order; decide(node) says how to go on.
template <class Decide>
std::vector<std::string> visited(const GumboNode* root, Decide decide) {
  std::vector<std::string> seen;
  for_each_node(root, [&](const GumboNode* node) {
    seen.push_back(label(node));
    return decide(node);
  });
  return seen;
}

Walk descend(const GumboNode*) { return Walk::kDescend; }

}  // namespace

TEST_CASE("for_each_node visits every node in document order", "[dom]") {
  Page page;
  CHECK(visited(page.doc->document, descend) ==
        std::vector<std::string>{"D", "c", "html", "head", "body", "p", "t:a", "b", "t:b", "c", "t:d", "T",
                                 "i", "t:t", "p", "t:e"});
  CHECK(visited(nullptr, descend).empty());
}

TEST_CASE("for_each_node skips a subtree on kSkipChildren and ends on kStop", "[dom]") {
  Page page;
  auto decide = [](const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEMPLATE || winnow::clean::is_tag(node, GUMBO_TAG_B)) {
      return Walk::kSkipChildren;
    }
    if (node->type == GUMBO_NODE_TEXT && std::string(node->v.text.text) == "e") return Walk::kStop;
    return Walk::kDescend;
  };
  CHECK(visited(page.doc->root, decide) ==
        std::vector<std::string>{"html", "head", "body", "p", "t:a", "b", "c", "t:d", "T", "p", "t:e"});
}

TEST_CASE("for_each_node, append_text and find_first are safe on a tree 100000 elements deep", "[dom]") {
  // Built by hand: Gumbo itself takes quadratic time to parse such nesting.
  constexpr int kDepth = 100000;
  std::vector<GumboNode> nodes(kDepth + 1);
  std::vector<void*> links(kDepth);
  for (int i = 0; i < kDepth; ++i) {
    GumboNode& node = nodes[static_cast<std::size_t>(i)];
    node.type = GUMBO_NODE_ELEMENT;
    node.v.element = GumboElement{};
    node.v.element.tag = i + 1 == kDepth ? GUMBO_TAG_SPAN : GUMBO_TAG_DIV;
    links[static_cast<std::size_t>(i)] = &nodes[static_cast<std::size_t>(i) + 1];
    node.v.element.children = GumboVector{&links[static_cast<std::size_t>(i)], 1, 1};
  }
  GumboNode& leaf = nodes.back();
  leaf.type = GUMBO_NODE_TEXT;
  leaf.v.text = GumboText{};
  leaf.v.text.text = "deep";

  CHECK(visited(&nodes.front(), descend).size() == kDepth + 1);
  std::string text;
  winnow::clean::append_text(&nodes.front(), text);
  CHECK(text == "deep");
  CHECK(winnow::clean::find_first(&nodes.front(), GUMBO_TAG_SPAN) == &nodes[kDepth - 1]);
}
