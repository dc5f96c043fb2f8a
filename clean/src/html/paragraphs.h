// What counts as paragraph text and as prose: the measures that scoring, pruning and section climbing share.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <vector>

#include "html/node_tree.h"

namespace winnow::clean {

// Paragraph-like blocks shorter than this (in characters) carry no score and are not prose.
inline constexpr std::uint32_t kMinParagraphChars = 25;

// 1..6 for <h1>..<h6>, else 0.
int heading_level_of(GumboTag tag);

// Characters of the element's own paragraph text: <p> and <pre> whole; other
// block elements the text not inside block-level descendants (a <div> used as
// a paragraph, text broken by <br>s, spans straight inside a container); 0 for
// inline elements, list items, headings and table headers.
std::uint32_t paragraph_chars(const NodeTree& tree, int i);

// Number of <br> children of an element.
int direct_breaks(const NodeTree& tree, int i);

// Characters of prose below each node (indexed like the tree): paragraph
// text, list items and headings of at least kMinParagraphChars characters
// whose link density is under one half. Junk subtrees count nothing.
std::vector<std::uint32_t> prose_chars(const NodeTree& tree);

}  // namespace winnow::clean
