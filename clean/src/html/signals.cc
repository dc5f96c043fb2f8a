// Markup signals of boilerplate and of article containers: tags, class/id words, roles, ARIA, hidden styles.
#include "html/signals.h"

#include <algorithm>
#include <array>

#include "html/dom.h"
#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

using ascii::icontains;
using ascii::iequals;
using ascii::lower;

// Class/id words that name boilerplate, matched as whole words. The strong
// words below name boilerplate too and are not repeated here.
constexpr std::array kBoilerplateWords = std::to_array<std::string_view>({
    "ad",            "adblock",       "ads",           "adsbygoogle",   "adslot",        "adunit",
    "affiliate",     "alert",         "author",        "banner",        "bio",           "byline",
    "caption",       "captions",      "carousel",      "commentlist",   "community",     "consent",
    "contributor",   "cookie",        "cookies",       "credit",        "credits",       "dfp",
    "dropdown",      "email",         "excerpt",       "follow",        "gallery",       "gdpr",
    "hamburger",     "infobox",       "jp",            "lightbox",      "login",         "masthead",
    "menu",          "meta",          "more",          "mostread",      "nav",           "navbar",
    "navigation",    "overlay",       "pager",         "pagination",    "paywall",       "popular",
    "print",         "promoted",      "promotion",     "rail",          "rating",        "recirc",
    "replies",       "reply",         "respond",       "search",        "sharedaddy",    "sidebar",
    "signup",        "slider",        "slideshow",     "sponsor",       "subscription",  "survey",
    "tag",           "teaser",        "tools",         "trending",      "widget",        "zergnet",
});

// Prefixes of boilerplate words ("advertisement", "shareaholic", "newsletters").
constexpr std::array kBoilerplatePrefixes = std::to_array<std::string_view>({
    "addthis", "advert", "banner", "newsletter", "recommend", "sharethis", "socialmedia",
    "sponsor", "subscri", "widget",
});

// Prefixes of unmistakable boilerplate words ("contribution-ask", "donate-now").
constexpr std::array kStrongBoilerplatePrefixes = std::to_array<std::string_view>({
    "contribut", "cookie", "donat",
});

// Words that survive even in a container named like this: a wrapper called
// "content-sidebar" or "comment-free-article-body" still holds the article.
constexpr std::array kArticleWords = std::to_array<std::string_view>({
    "article", "articlebody", "body", "content", "entry", "post", "prose", "story", "text",
});

// Boilerplate words so specific that an article word next to them does not
// save the container ("entry-footer", "post-comments", "article-share").
constexpr std::array kStrongBoilerplateWords = std::to_array<std::string_view>({
    "a2a",          "addtoany",     "breadcrumb",   "breadcrumbs",  "comment",      "comments",
    "cta",          "disqus",       "donate",       "donation",     "facebook",     "fb",
    "footer",       "linkedin",     "modal",        "newsletter",   "outbrain",     "pinterest",
    "popup",        "promo",        "pum",          "recommended",  "related",      "share",
    "sharing",      "social",       "sponsored",    "subscribe",    "taboola",      "tags",
    "toolbar",      "whatsapp",
});

// Names of a thread's parts: boilerplate under a news article, the content of a forum page.
constexpr std::array kThreadWords = std::to_array<std::string_view>({
    "author", "byline", "comment", "commentlist", "comments", "meta", "replies", "reply", "respond",
});
constexpr std::array<std::string_view, 0> kNoPrefixes = {};

// Names of a product page's parts that are not the product: its reviews, the store's other products.
constexpr std::array kProductBoilerplateWords = std::to_array<std::string_view>({
    "review", "reviews", "ratings", "recommendations", "reco", "recs", "upsell", "crosssell",
});

// Names of a forum page's parts that are not the thread: the card beside a
// post with its author's rank, post count, join date and signature (the
// post's own author and date line is part of it), who is online, board statistics.
constexpr std::array kForumChromeWords = std::to_array<std::string_view>({
    "online", "profile", "signature", "stat", "stats", "userextras", "userinfo", "userstats",
});

// Names of presentation: boilerplate around an article, the content of a page made of sections or items.
constexpr std::array kSectionWords = std::to_array<std::string_view>({
    "banner", "caption", "captions", "carousel", "excerpt", "gallery", "promo", "promotion",
    "rating", "slider", "slideshow", "teaser", "widget",
});

// Classes that hide their element (CSS frameworks and screen-reader-only text).
constexpr std::array kHiddenClasses = std::to_array<std::string_view>({
    "d-none", "element-invisible", "hidden", "hide", "invisible", "screen-reader-text", "sr-only",
    "visually-hidden", "visuallyhidden",
});

constexpr std::array kBoilerplateRoles = std::to_array<std::string_view>({
    "alert", "alertdialog", "banner", "complementary", "contentinfo", "dialog", "menu", "menubar",
    "navigation", "search", "tablist", "toolbar", "tooltip",
});

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

template <std::size_t N>
bool has_prefix(const std::array<std::string_view, N>& prefixes, std::string_view word) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return word.starts_with(p); });
}

// Responsive display classes (Bootstrap "d-md-none", "d-lg-block",
// "hidden-lg", "visible-xs"; Tailwind "md:hidden", "lg:flex") decide
// visibility per screen width. winnow reads pages as a desktop browser
// (Bootstrap's and Tailwind's "lg") would show them.
constexpr int kDesktop = 3;  // breakpoints: 0 base, 1 sm, 2 md, 3 lg, 4 xl, 5 xxl

int breakpoint_of(std::string_view name) {
  constexpr std::array kNames = std::to_array<std::string_view>({"sm", "md", "lg", "xl", "xxl"});
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) return static_cast<int>(i) + 1;
  }
  return -1;
}

// Calls pred on each whitespace-separated token of an attribute value (a
// class list) until it returns true; true when one did.
template <class Pred>
bool any_token(std::string_view list, Pred pred) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find_first_of(" \t\n\r\f", start);
    if (end == std::string_view::npos) end = list.size();
    if (end > start && pred(list.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

// True when a descendant of node has the given role (an accordion's role="tablist" holding its panels).
bool has_descendant_role(const GumboNode* node, std::string_view role) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    if (iequals(attr(child, "role"), role) || has_descendant_role(child, role)) return true;
  }
  return false;
}

bool is_display_value(std::string_view v) {
  return v == "block" || v == "flex" || v == "grid" || v == "inline" || v == "inline-block" ||
         v == "inline-flex" || v == "table" || v == "contents";
}

bool hidden_on_desktop(std::string_view classes) {
  int hide_at = -1;  // the widest breakpoint <= desktop that sets hidden
  int show_at = -1;  // ... that sets a visible display
  bool visible_only_elsewhere = false;  // Bootstrap 3 "visible-xs" without "visible-lg"
  bool visible_here = false;
  auto set = [](int& at, int bp) { at = std::max(at, bp); };
  // Returns true for a class that hides the element on desktop whatever the others say.
  const bool hidden_here = any_token(classes, [&](std::string_view cls) {
    if (contains(kHiddenClasses, cls)) {
      set(hide_at, 0);
    } else if (std::size_t colon = cls.find(':'); colon != std::string_view::npos) {
      int bp = breakpoint_of(cls.substr(0, colon));  // Tailwind "md:hidden", "lg:block"
      std::string_view value = cls.substr(colon + 1);
      if (bp < 0 || bp > kDesktop) return false;
      if (value == "hidden") set(hide_at, bp);
      if (is_display_value(value)) set(show_at, bp);
    } else if (cls.starts_with("d-")) {  // Bootstrap 4/5 "d-md-none", "d-lg-block"
      std::size_t dash = cls.find('-', 2);
      if (dash == std::string_view::npos) {
        if (is_display_value(cls.substr(2))) set(show_at, 0);
        return false;
      }
      int bp = breakpoint_of(cls.substr(2, dash - 2));
      std::string_view value = cls.substr(dash + 1);
      if (bp < 0 || bp > kDesktop) return false;
      if (value == "none") set(hide_at, bp);
      if (is_display_value(value)) set(show_at, bp);
    } else if (cls.starts_with("hidden-")) {  // Bootstrap 3: hidden at that width only
      if (breakpoint_of(cls.substr(7)) == kDesktop) return true;
    } else if (cls.starts_with("visible-")) {  // Bootstrap 3: visible at that width only
      std::string_view rest = cls.substr(8);
      int bp = breakpoint_of(rest.substr(0, rest.find('-')));
      if (bp == kDesktop) visible_here = true; else if (rest.starts_with("xs") || bp >= 0) visible_only_elsewhere = true;
    }
    return false;
  });
  if (hidden_here) return true;
  if (visible_only_elsewhere && !visible_here) return true;
  return hide_at >= 0 && hide_at >= show_at;
}

// Machine names glue words together ("supportbanner", "sitefooter",
// "relatedcomments"): a word ending in a listed word of kMinGluedWord letters
// or more counts as that word. Short words ("ad", "tag") never match inside.
constexpr std::size_t kMinGluedWord = 6;
// ... behind a word of its own of at least this many letters: "research" is not "re" + "search".
constexpr std::size_t kMinGluedPrefix = 3;
template <std::size_t N>
bool ends_with_long_word(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return w.size() >= kMinGluedWord && word.size() >= w.size() + kMinGluedPrefix && word.ends_with(w);
  });
}

// True when word is one of words, starts with one of prefixes, or is glued
// onto a long one of words.
template <std::size_t N, std::size_t M>
bool names_listed_word(const std::array<std::string_view, N>& words,
                       const std::array<std::string_view, M>& prefixes, std::string_view word) {
  return contains(words, word) || has_prefix(prefixes, word) || ends_with_long_word(words, word);
}

struct NameSignals {
  bool boilerplate = false;
  bool strong_boilerplate = false;
  bool article = false;
};

// Words that make a class a state or modifier of the element rather than its
// name ("has-sidebar", "modal-enabled", "no-comments"), or say that it embeds
// content from elsewhere ("social-media-embed" holds a quoted post).
constexpr std::array kModifierWords = std::to_array<std::string_view>({
    "active", "allow", "disabled", "embed", "embedded", "enabled", "has", "is", "loaded",
    "no", "open", "opened", "with", "without",
});

// True for generated class names ("fnAdSe", "sc-77igqf-0 bOfvBY"): mixed
// case with short pieces or digits. Their camelCase pieces are not words.
bool looks_generated(std::string_view token) {
  bool camel = false;
  bool digit = false;
  std::size_t run = 0;
  std::size_t shortest = token.size();
  char prev = 0;
  for (char c : token) {
    bool upper = c >= 'A' && c <= 'Z';
    bool letter = upper || (c >= 'a' && c <= 'z');
    if (c >= '0' && c <= '9') digit = true;
    if (upper && prev >= 'a' && prev <= 'z') {
      camel = true;
      shortest = std::min(shortest, run);
      run = 0;
    }
    run = letter ? run + 1 : 0;
    prev = c;
  }
  shortest = std::min(shortest, run);
  return camel && (digit || shortest < 3);
}

// Page builders whose class names describe layout, not content: every block
// of an Elementor page is an "elementor-widget".
constexpr std::array kLayoutPrefixes = std::to_array<std::string_view>({"elementor"});

// CSS Modules names read "<Component>_<local>__<hash>" ("ShareBar_button__d9Wq1"):
// the hash is noise, the rest names the element.
std::string_view without_module_hash(std::string_view token) {
  std::size_t cut = token.rfind("__");
  if (cut == std::string_view::npos || cut == 0 || token.size() - cut - 2 > 8) return token;
  return token.substr(0, cut);
}

void read_token_signals(std::string_view token, NameSignals& s, PageParts parts) {
  token = without_module_hash(token);
  if (looks_generated(token) || has_prefix(kLayoutPrefixes, token)) return;
  bool modifier = false;
  for_each_name_word(token, [&](std::string_view word) {
    modifier = modifier || contains(kModifierWords, word);
  });
  if (modifier) return;
  for_each_name_word(token, [&](std::string_view word) {
    if (parts == PageParts::kThread && names_listed_word(kThreadWords, kNoPrefixes, word)) return;
    if (parts == PageParts::kThread && names_listed_word(kForumChromeWords, kNoPrefixes, word)) {
      s.boilerplate = true;
      s.strong_boilerplate = true;
    }
    if (parts == PageParts::kSections && names_listed_word(kSectionWords, kNoPrefixes, word)) return;
    if (parts == PageParts::kProduct && names_listed_word(kProductBoilerplateWords, kNoPrefixes, word)) {
      s.boilerplate = true;
      s.strong_boilerplate = true;
    }
    if (names_listed_word(kBoilerplateWords, kBoilerplatePrefixes, word)) s.boilerplate = true;
    if (names_listed_word(kStrongBoilerplateWords, kStrongBoilerplatePrefixes, word)) {
      s.boilerplate = true;
      s.strong_boilerplate = true;
    }
    if (contains(kArticleWords, word)) s.article = true;
  });
}

// Reads every whitespace-separated token of class and id.
NameSignals read_name_signals(const GumboNode* node, PageParts parts = PageParts::kArticle) {
  NameSignals s;
  // Custom elements name themselves: <amp-ad>, <amp-social-share>, <ad-slot>.
  if (tag_of(node) == GUMBO_TAG_UNKNOWN) read_token_signals(tag_name(node), s, parts);
  for (const char* name : {"class", "id"}) {
    any_token(attr(node, name), [&](std::string_view token) {
      read_token_signals(token, s, parts);
      return false;
    });
  }
  return s;
}

}  // namespace

bool is_chrome_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

bool is_hidden(const GumboNode* node) {
  // A tab panel waits for a click on its tab (a product's "Additional information"): content, not chrome.
  if (iequals(attr(node, "role"), "tabpanel")) return false;
  if (has_attr(node, "hidden")) return true;
  if (iequals(attr(node, "aria-hidden"), "true")) return true;
  std::string_view style = attr(node, "style");
  if (!style.empty()) {
    std::string compact;
    for (char c : style) {
      if (c != ' ' && c != '\t' && c != '\n') compact += lower(c);
    }
    if (compact.find("display:none") != std::string::npos ||
        compact.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return hidden_on_desktop(attr(node, "class"));
}

bool is_interaction_counter(const GumboNode* node) {
  return icontains(attr(node, "itemprop"), "interactionstatistic") ||
         icontains(attr(node, "itemtype"), "interactioncounter");
}

bool is_button_link(const GumboNode* node) {
  if (tag_of(node) != GUMBO_TAG_A) return false;
  if (iequals(attr(node, "role"), "button")) return true;
  return any_token(attr(node, "class"),
                   [](std::string_view cls) { return iequals(cls, "button") || iequals(cls, "btn"); });
}

BoilerplateSignal boilerplate_signal(const GumboNode* node, PageParts parts) {
  GumboTag tag = tag_of(node);
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_MAIN ||
      tag == GUMBO_TAG_ARTICLE) {
    return BoilerplateSignal::kNone;
  }
  if (icontains(attr(node, "itemprop"), "articlebody")) return BoilerplateSignal::kNone;
  std::string_view role = attr(node, "role");
  if (!role.empty()) {
    std::string r(role);
    for (char& c : r) c = lower(c);
    // A tab list holding its own panels is an accordion (FAQ answers, eligibility rules): content.
    if (contains(kBoilerplateRoles, std::string_view(r)) &&
        !(r == "tablist" && has_descendant_role(node, "tabpanel"))) {
      return BoilerplateSignal::kStrong;
    }
  }
  if (attr(node, "aria-modal") == "true") return BoilerplateSignal::kStrong;
  // Gumbo 0.10 does not know <dialog>; it arrives as an unknown element.
  if (tag == GUMBO_TAG_UNKNOWN && tag_name(node) == "dialog") return BoilerplateSignal::kStrong;
  NameSignals s = read_name_signals(node, parts);
  if (s.strong_boilerplate) return BoilerplateSignal::kStrong;
  if (s.boilerplate && !s.article) return BoilerplateSignal::kWeak;
  return BoilerplateSignal::kNone;
}

int container_weight(const GumboNode* node) {
  int weight = 0;
  NameSignals s = read_name_signals(node);
  if (s.article) weight += 25;
  if (s.boilerplate) weight -= 25;
  if (icontains(attr(node, "itemprop"), "articlebody")) weight += 50;
  if (attr(node, "role") == "main") weight += 10;
  return weight;
}

}  // namespace winnow::clean
