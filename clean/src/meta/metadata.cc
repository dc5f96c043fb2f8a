// Reads what a page says about itself: JSON-LD, OpenGraph, Twitter cards, <meta>, <time>, <link>, <html lang>.
#include "meta/metadata.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "meta/dates.h"
#include "html/dom.h"
#include "meta/json_ld.h"
#include "meta/url.h"
#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

using ascii::iends_with;
using ascii::iequals;
using ascii::istarts_with;

// Longer "names" are bios or whole bylines, not a person's name.
constexpr std::size_t kMaxAuthorLength = 100;
constexpr std::size_t kMaxHeadings = 5;
constexpr std::size_t kMaxTimes = 8;

constexpr std::array<std::string_view, 6> kTitleSeparators = {" | ", " - ", " – ", " — ", " :: ", " · "};

// Keys below are lower-case <meta> name/property values; "itemprop:x" is
// microdata, "http-equiv:x" an http-equiv meta. Each list is in precedence
// order: OpenGraph / article:*, then Twitter, then plain <meta>.
constexpr std::array<const char*, 8> kTitleKeys = {
    "og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title",
    "sailthru.title", "itemprop:headline", "title"};
constexpr std::array<const char*, 2> kOpenGraphAuthorKeys = {"article:author", "og:article:author"};
constexpr std::array<const char*, 7> kMetaAuthorKeys = {
    "author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl",
    "itemprop:author"};
constexpr std::array<const char*, 20> kPublishedKeys = {
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "date", "pubdate", "publish-date", "publishdate", "publish_date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "article_date_original", "original-publish-date", "itemprop:datepublished"};
constexpr std::array<const char*, 8> kModifiedKeys = {
    "article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified",
    "dcterms.modified", "dc.date.modified", "http-equiv:last-modified", "itemprop:datemodified"};
constexpr std::array<const char*, 6> kDescriptionKeys = {
    "og:description", "twitter:description", "description", "dc.description",
    "dcterms.description", "itemprop:description"};
constexpr std::array<const char*, 6> kImageKeys = {
    "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src",
    "itemprop:image"};
constexpr std::array<std::string_view, 6> kItemprops = {
    "headline", "author", "datepublished", "datemodified", "description", "image"};
constexpr std::array<const char*, 2> kSiteNameKeys = {"og:site_name", "application-name"};
constexpr std::array<const char*, 4> kLanguageKeys = {
    "http-equiv:content-language", "language", "dc.language", "dcterms.language"};

// Everything the HTML (as opposed to JSON-LD) says, gathered in one walk.
struct PageFacts {
  std::unordered_map<std::string, std::vector<std::string>> meta;
  std::string canonical;
  std::string image_src;
  std::string html_lang;
  std::string title;
  std::vector<std::string> headings;       // <h1> texts
  std::vector<std::string> marked_times;   // <time> marked as the publication time
  std::vector<std::string> other_times;    // every other <time datetime>
  std::vector<std::string> itemtypes;      // microdata itemtype values, short names
};

// Calls f on each space-separated token of an attribute value.
template <class F>
void for_each_token(std::string_view list, F f) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ' ' || list[i] == '\t' || list[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < list.size() && list[i] != ' ' && list[i] != '\t' && list[i] != '\n') ++i;
    if (i > start) f(list.substr(start, i - start));
  }
}

bool has_token(std::string_view list, std::string_view token) {
  bool found = false;
  for_each_token(list, [&](std::string_view t) { found = found || iequals(t, token); });
  return found;
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  for_each_token(s, [&](std::string_view) { ++words; });
  return words;
}

// The first element below node (excluded) whose itemprop has the token.
const GumboNode* find_itemprop(const GumboNode* node, std::string_view prop) {
  const GumboNode* found = nullptr;
  for_each_node(node, [&](const GumboNode* n) {
    if (n == node || !has_token(attr(n, "itemprop"), prop)) return Walk::kDescend;
    found = n;
    return Walk::kStop;
  });
  return found;
}

// What a microdata property says: content=, datetime=, a link's target, or its text.
std::string itemprop_value(const GumboNode* element, std::string_view prop) {
  if (has_attr(element, "content")) return collapse_whitespace(attr(element, "content"));
  if (has_attr(element, "datetime")) return collapse_whitespace(attr(element, "datetime"));
  GumboTag tag = tag_of(element);
  if (tag == GUMBO_TAG_A || tag == GUMBO_TAG_LINK) return collapse_whitespace(attr(element, "href"));
  if (tag == GUMBO_TAG_IMG) return collapse_whitespace(attr(element, "src"));
  if (prop == "author" || prop == "publisher") {
    if (const GumboNode* name = find_itemprop(element, "name")) return itemprop_value(name, "name");
    std::string text = normalized_text(element);
    return text.size() <= kMaxAuthorLength ? text : std::string();
  }
  return normalized_text(element);
}

void add_fact(PageFacts& facts, std::string key, std::string value) {
  if (!value.empty()) facts.meta[std::move(key)].push_back(std::move(value));
}

void read_element(const GumboNode* node, PageFacts& facts) {
  GumboTag tag = tag_of(node);
  if (std::string_view itemtype = attr(node, "itemtype"); !itemtype.empty()) {
    for_each_token(itemtype, [&](std::string_view type) {
      const std::size_t cut = type.find_last_of("/:#");
      facts.itemtypes.emplace_back(cut == std::string_view::npos ? type : type.substr(cut + 1));
    });
  }
  if (tag == GUMBO_TAG_META) {
    std::string content = collapse_whitespace(attr(node, "content"));
    for (const char* name : {"property", "name"}) {
      if (has_attr(node, name)) add_fact(facts, ascii::to_lower(collapse_whitespace(attr(node, name))), content);
    }
    if (has_attr(node, "http-equiv")) {
      add_fact(facts, "http-equiv:" + ascii::to_lower(collapse_whitespace(attr(node, "http-equiv"))), content);
    }
  } else if (tag == GUMBO_TAG_LINK) {
    std::string_view rel = attr(node, "rel");
    if (facts.canonical.empty() && has_token(rel, "canonical")) facts.canonical = attr(node, "href");
    if (facts.image_src.empty() && has_token(rel, "image_src")) facts.image_src = attr(node, "href");
  } else if (tag == GUMBO_TAG_TITLE) {
    if (facts.title.empty()) facts.title = normalized_text(node);
  } else if (tag == GUMBO_TAG_H1) {
    if (facts.headings.size() < kMaxHeadings) facts.headings.push_back(normalized_text(node));
  } else if (tag == GUMBO_TAG_TIME) {
    bool marked = has_token(attr(node, "itemprop"), "datePublished") || has_attr(node, "pubdate") ||
                  ascii::to_lower(attr(node, "class")).find("publish") != std::string::npos;
    if (marked && facts.marked_times.size() < kMaxTimes) {
      facts.marked_times.push_back(has_attr(node, "datetime") ? std::string(attr(node, "datetime"))
                                                              : normalized_text(node));
    } else if (has_attr(node, "datetime") && facts.other_times.size() < kMaxTimes) {
      facts.other_times.emplace_back(attr(node, "datetime"));
    }
  }
  for_each_token(attr(node, "itemprop"), [&](std::string_view prop) {
    std::string key = ascii::to_lower(prop);
    // Only the properties we read: the text of "articleBody" and its
    // nested kin would cost a walk of the whole article each.
    if (std::find(kItemprops.begin(), kItemprops.end(), key) != kItemprops.end()) {
      add_fact(facts, "itemprop:" + key, itemprop_value(node, key));
    }
  });
}

PageFacts read_page(const GumboNode* root) {
  PageFacts facts;
  if (const GumboNode* html = find_first(root, GUMBO_TAG_HTML)) {
    facts.html_lang = has_attr(html, "lang") ? attr(html, "lang") : attr(html, "xml:lang");
  }
  // Below the document, only elements: a <template>'s content is inert.
  for_each_node(root, [&](const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return Walk::kDescend;
    if (node->type != GUMBO_NODE_ELEMENT) return Walk::kSkipChildren;
    read_element(node, facts);
    return Walk::kDescend;
  });
  return facts;
}

template <std::size_t N>
std::string first_fact(const PageFacts& facts, const std::array<const char*, N>& keys) {
  for (const char* key : keys) {
    auto it = facts.meta.find(key);
    if (it != facts.meta.end() && !it->second.empty()) return it->second.front();
  }
  return {};
}

template <std::size_t N>
std::string first_date_fact(const PageFacts& facts, const std::array<const char*, N>& keys) {
  for (const char* key : keys) {
    auto it = facts.meta.find(key);
    if (it == facts.meta.end()) continue;
    for (const std::string& value : it->second) {
      if (std::string date = normalize_date(value); !date.empty()) return date;
    }
  }
  return {};
}

void add_author(std::vector<std::string>& authors, std::string_view raw) {
  std::string name = collapse_whitespace(raw);
  if (istarts_with(name, "by ")) name = collapse_whitespace(std::string_view(name).substr(3));
  // Profile links and @handles identify an account, not a byline.
  if (name.empty() || name.size() > kMaxAuthorLength || name[0] == '@' || is_absolute_url(name) ||
      istarts_with(name, "www.") || name.find("://") != std::string::npos) {
    return;
  }
  for (const std::string& existing : authors) {
    if (iequals(existing, name)) return;
  }
  authors.push_back(std::move(name));
}

std::vector<std::string> pick_authors(const JsonLd& json_ld, const PageFacts& facts) {
  std::vector<std::string> authors;
  for (const std::string& name : json_ld.authors) add_author(authors, name);
  for (const char* key : kOpenGraphAuthorKeys) {
    if (!authors.empty()) break;
    if (auto it = facts.meta.find(key); it != facts.meta.end()) {
      for (const std::string& name : it->second) add_author(authors, name);
    }
  }
  for (const char* key : kMetaAuthorKeys) {
    if (!authors.empty()) break;
    if (auto it = facts.meta.find(key); it != facts.meta.end()) {
      for (const std::string& name : it->second) add_author(authors, name);
    }
  }
  return authors;
}

// "en_US" -> "en-US", "EN-gb" -> "en-GB", "zh-hant-tw" -> "zh-Hant-TW"; empty
// when the value is not a language tag ("English", "*").
std::string normalize_language(std::string_view value) {
  std::string tag = collapse_whitespace(value);
  tag = tag.substr(0, tag.find_first_of(",; "));
  std::string out;
  std::size_t index = 0;
  std::size_t start = 0;
  while (start <= tag.size()) {
    std::size_t end = tag.find_first_of("-_", start);
    if (end == std::string::npos) end = tag.size();
    std::string part = ascii::to_lower(std::string_view(tag).substr(start, end - start));
    bool alpha = !part.empty();
    bool alnum = !part.empty();
    for (char c : part) {
      alpha = alpha && c >= 'a' && c <= 'z';
      alnum = alnum && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
    if (index == 0 && (!alpha || part.size() < 2 || part.size() > 3)) return {};
    if (index > 0 && (!alnum || part.size() > 8)) return {};
    if (index > 0 && part.size() == 2 && alpha) {
      for (char& c : part) c = static_cast<char>(c - 'a' + 'A');
    } else if (index > 0 && part.size() == 4 && alpha) {
      part[0] = static_cast<char>(part[0] - 'a' + 'A');
    }
    if (index > 0) out += '-';
    out += part;
    ++index;
    start = end + 1;
  }
  return out;
}

std::string pick_language(const JsonLd& json_ld, const PageFacts& facts) {
  std::vector<std::string> candidates = {facts.html_lang, first_fact(facts, std::array{"og:locale"}),
                                         json_ld.language};
  for (const char* key : kLanguageKeys) {
    if (auto it = facts.meta.find(key); it != facts.meta.end()) candidates.push_back(it->second.front());
  }
  for (const std::string& candidate : candidates) {
    if (std::string tag = normalize_language(candidate); !tag.empty()) return tag;
  }
  return {};
}

// Removes the site's name where titles carry it: "Headline | Site", "Site -
// Headline". With guess, also a short trailing part after a separator when
// the headline before it is much longer ("Headline - Example News").
std::string strip_site_name(const std::string& title, const std::vector<std::string>& site_names,
                            bool guess) {
  for (const std::string& site : site_names) {
    if (site.empty()) continue;
    for (std::string_view separator : kTitleSeparators) {
      std::string affix = std::string(separator) + site;
      if (title.size() > affix.size() && iends_with(title, affix)) {
        return collapse_whitespace(std::string_view(title).substr(0, title.size() - affix.size()));
      }
      affix = site + std::string(separator);
      if (title.size() > affix.size() && istarts_with(title, affix)) {
        return collapse_whitespace(std::string_view(title).substr(affix.size()));
      }
    }
  }
  if (!guess) return title;
  std::size_t cut = std::string::npos;
  std::size_t cut_length = 0;
  for (std::string_view separator : kTitleSeparators) {
    std::size_t pos = title.rfind(separator);
    if (pos != std::string::npos && (cut == std::string::npos || pos > cut)) {
      cut = pos;
      cut_length = separator.size();
    }
  }
  if (cut == std::string::npos) return title;
  std::string_view head = std::string_view(title).substr(0, cut);
  std::string_view tail = std::string_view(title).substr(cut + cut_length);
  if (word_count(tail) <= 4 && word_count(head) >= 3 && head.size() >= 2 * tail.size()) {
    return collapse_whitespace(head);
  }
  return title;
}

// An <h1> that the title merely extends with a separator and more ("Headline"
// vs "Headline - Section - Site") is the cleaner title.
std::string prefer_heading(const std::string& title, const std::vector<std::string>& headings) {
  for (const std::string& heading : headings) {
    if (heading.empty() || heading.size() >= title.size() || !istarts_with(title, heading)) continue;
    std::string_view rest = std::string_view(title).substr(heading.size());
    for (std::string_view separator : kTitleSeparators) {
      if (rest.substr(0, separator.size()) == separator) return heading;
    }
  }
  return title;
}

std::string pick_title(const JsonLd& json_ld, const PageFacts& facts,
                       const std::vector<std::string>& site_names) {
  std::string title = json_ld.title;
  if (title.empty()) title = first_fact(facts, kTitleKeys);
  bool from_title_element = false;
  if (title.empty()) {
    title = facts.title;
    from_title_element = true;
  }
  if (title.empty()) return facts.headings.empty() ? std::string() : facts.headings.front();
  return prefer_heading(strip_site_name(title, site_names, from_title_element), facts.headings);
}

// href resolved against base when that gives an http(s) URL, else empty.
std::string web_url(std::string_view base, std::string_view href) {
  const std::string trimmed = collapse_whitespace(href);
  if (trimmed.empty()) return {};
  std::string url = resolve_url(base, trimmed);
  return is_web_url(url) ? url : std::string();
}

}  // namespace

Metadata extract_metadata(const GumboNode* root, const std::vector<std::string>& json_ld,
                          std::string_view page_url, KindClues* clues) {
  const JsonLd ld = read_json_ld(json_ld);
  const PageFacts facts = root != nullptr ? read_page(root) : PageFacts{};
  Metadata out;
  if (clues != nullptr) {
    clues->schema_types = ld.types;
    clues->schema_types.insert(clues->schema_types.end(), facts.itemtypes.begin(), facts.itemtypes.end());
    clues->og_type = ascii::to_lower(first_fact(facts, std::array{"og:type"}));
    clues->generator = ascii::to_lower(first_fact(facts, std::array{"generator"}));
  }

  out.site_name = ld.site_name.empty() ? first_fact(facts, kSiteNameKeys) : ld.site_name;
  std::vector<std::string> site_names = {out.site_name, first_fact(facts, std::array{"og:site_name"})};
  out.title = pick_title(ld, facts, site_names);
  out.authors = pick_authors(ld, facts);

  out.published = normalize_date(ld.published);
  if (out.published.empty()) out.published = first_date_fact(facts, kPublishedKeys);
  for (const auto* times : {&facts.marked_times, &facts.other_times}) {
    for (const std::string& time : *times) {
      if (out.published.empty()) out.published = normalize_date(time);
    }
  }
  out.modified = normalize_date(ld.modified);
  if (out.modified.empty()) out.modified = first_date_fact(facts, kModifiedKeys);

  out.description = ld.description.empty() ? first_fact(facts, kDescriptionKeys) : ld.description;
  out.language = pick_language(ld, facts);

  for (const std::string& candidate : {facts.canonical, first_fact(facts, std::array{"og:url"}), ld.url}) {
    if (out.canonical_url.empty()) out.canonical_url = web_url(page_url, candidate);
  }
  std::string_view image_base = page_url.empty() ? std::string_view(out.canonical_url) : page_url;
  for (const std::string& candidate : {ld.image, first_fact(facts, kImageKeys), facts.image_src}) {
    if (out.image.empty()) out.image = web_url(image_base, candidate);
  }
  return out;
}

}  // namespace winnow::clean
