// Small helpers over Gumbo's DOM: ownership of a parse, tags, attributes, text, and the one pre-order walk.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::clean {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const;
};
// Owns a parsed document; destroying it frees the whole tree.
using GumboDocument = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

// Parses UTF-8 HTML. Never fails: Gumbo recovers from any input like a browser.
// The document points into `utf8`, which must outlive it.
GumboDocument parse_html(std::string_view utf8);

// The element's tag, or GUMBO_TAG_UNKNOWN for text, comments and documents.
GumboTag tag_of(const GumboNode* node);
// True when node is an element with the given tag.
bool is_tag(const GumboNode* node, GumboTag tag);
// The attribute's value, or an empty view when the node has no such attribute
// (or is not an element). Names are lower-case as Gumbo stores them.
std::string_view attr(const GumboNode* node, const char* name);
// True when the element carries the attribute, whatever its value.
bool has_attr(const GumboNode* node, const char* name);
// The element's tag name, lower-case ("div"), including unknown tags.
std::string tag_name(const GumboNode* node);

// Appends every text descendant of node to out, in order, without any
// separator handling beyond what the source has. Iterative: safe on deep trees.
void append_text(const GumboNode* node, std::string& out);
// The text of node with runs of whitespace collapsed to one space and trimmed.
std::string normalized_text(const GumboNode* node);
// Collapses runs of ASCII/Unicode-breaking whitespace to single spaces and trims.
std::string collapse_whitespace(std::string_view text);

// True for block-level elements (and <br>): inline text on either side of one
// belongs to different paragraphs.
bool is_block_tag(GumboTag tag);

// The first element with this tag in document order below (and including) root,
// or nullptr. Iterative.
const GumboNode* find_first(const GumboNode* root, GumboTag tag);

// The children of a document, element or template node, in document order;
// nullptr for the leaves (text, whitespace, CDATA and comments).
inline const GumboVector* child_nodes(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node->v.element.children;
    default:
      return nullptr;
  }
}

// What a for_each_node visitor tells the walk to do after a node.
enum class Walk {
  kDescend,       // visit the node's children next (leaves have none)
  kSkipChildren,  // go on with the node after its subtree
  kStop,          // end the walk
};

// Calls visit(node), which returns a Walk, on root and the nodes below it in
// document (pre-)order: a node, then its children's subtrees in order. Enters
// every node that has children (documents, elements, templates) unless visit
// says otherwise. Does nothing when root is nullptr. Iterative, with an
// explicit stack: safe on trees of any depth. For example, every link:
//
//   for_each_node(root, [&](const GumboNode* node) {
//     if (is_tag(node, GUMBO_TAG_A)) links.push_back(node);
//     return Walk::kDescend;
//   });
template <class Visit>
void for_each_node(const GumboNode* root, Visit visit) {
  if (root == nullptr) return;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    const Walk next = visit(node);
    if (next == Walk::kStop) return;
    if (next == Walk::kSkipChildren) continue;
    if (const GumboVector* children = child_nodes(node)) {
      // Pushed last to first, so the first child is visited next.
      for (unsigned i = children->length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(children->data[i]));
      }
    }
  }
}

}  // namespace winnow::clean
