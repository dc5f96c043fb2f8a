// Extracts the main content of a parsed page: an article's body, or the main region of a page of another type.
#pragma once

#include <optional>
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

// A page's main content and the type it was extracted as.
struct MainContent {
  std::vector<Block> blocks;
  PageType page_type = PageType::kArticle;
};

// What is known of a page's type before its content is read.
struct TypeHint {
  std::optional<PageType> type;  // declared by the page or chosen by the caller; nullopt: decided here
  bool forced = false;           // the caller chose `type` (--page-type): followed without second guesses
  bool answers = false;          // the page marks up a question's answers (declares_answers)
};

// The main content of a page whose type is hinted by `hint`. An article is extract_article's body. Any other
// type's content is the page's whole main region (its <main> or role="main"
// when that holds a good share of the text, else <body>) after
// prune_boilerplate, filtered like an article's blocks except that link
// blocks stay where links are content (listings, collections, service and
// documentation pages). A page declaring an article, unless forced, is read
// as sections when its article comes out near empty or a sliver of its main
// region pruned as sections. An undeclared page is an article unless its article
// body holds under half of its main region's text (and that region holds 250
// characters or more), is less than half prose, or is near empty while the
// region pruned as sections is not; it is then a listing (when a good share
// of the text is links) or a service page, and its main region, pruned again
// as sections, is the content. Prunes `tree` in place. The pruning follows the type: on a
// forum a thread's parts (comments, replies, authors) are content, unless
// `hint.answers` (the posts are a question's answers: their comments are
// not); on pages of sections or items, presentation names and hidden prose are.
MainContent extract_main_content(NodeTree& tree, const TypeHint& hint, std::string_view title,
                                 std::string_view page_url);

}  // namespace winnow::clean
