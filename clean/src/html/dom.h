// Small helpers over Gumbo's DOM: ownership of a parse, tags, attributes, text.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>

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

}  // namespace winnow::clean
