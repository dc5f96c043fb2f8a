// Markup signals of boilerplate and of article containers: tags, class/id words, roles, ARIA, hidden styles.
#pragma once

#include <gumbo.h>

#include <string_view>

namespace winnow::clean {

// True for elements that never hold article text: navigation, forms and
// controls, asides, dialogs, embedded media, and the like (by tag alone).
bool is_chrome_tag(GumboTag tag);

// A link dressed as a button (role="button", or a "button"/"btn" class):
// "Add to basket", "Start free trial", "Read more". Chrome like a <button>.
bool is_button_link(const GumboNode* node);

// A schema.org InteractionCounter (itemprop="interactionStatistic"): a post's
// "3 Likes", a story's share count. Chrome.
bool is_interaction_counter(const GumboNode* node);

// True when the element is hidden from readers: the hidden attribute,
// aria-hidden="true", or an inline style with display:none / visibility:hidden.
// Never for a tab panel (role="tabpanel"), which a click on its tab shows.
bool is_hidden(const GumboNode* node);

enum class BoilerplateSignal {
  kNone,
  kWeak,    // a class/id word that also names layout wrappers ("sidebar", "widget", "rail")
  kStrong,  // role, aria-modal, <dialog>, or an unmistakable word ("comments", "share", "related")
};

// What a page's content is made of, which decides what some names mean.
enum class PageParts {
  kArticle,   // one text: comments, carousels, teasers and promos around it are boilerplate
  kThread,    // a forum thread: the names of a thread's parts ("comment", "reply", "author", "meta") are content
  kSections,  // many parts (a service page's sections, a listing's items): the names of
              // presentation ("carousel", "slider", "teaser", "excerpt", "promo", "gallery",
              // "caption", "banner", "widget", "rating") are content
  kProduct,   // a product: reviews and the store's recommendations are boilerplate too
};

// How strongly role / aria-modal / class / id mark the element as boilerplate
// (navigation, share bars, comments, related lists, ads, modals, cookie and
// newsletter banners, donation appeals, ...). <body>, <main>, <article> and
// itemprop=articleBody are never boilerplate. `parts` spares the names that
// are content on a page made of such parts.
BoilerplateSignal boilerplate_signal(const GumboNode* node, PageParts parts = PageParts::kArticle);

// A weight from class, id, itemprop and role words: positive for names that
// article containers use (article, content, entry, story, body, ...),
// negative for boilerplate names. Used to bias candidate scores.
int container_weight(const GumboNode* node);

// Splits a class or id value into lower-case words at spaces, '-', '_', ':'
// and camelCase boundaries, calling visit(word) for each.
template <class Visit>
void for_each_name_word(std::string_view value, Visit&& visit);

}  // namespace winnow::clean

#include "html/signals_inl.h"
