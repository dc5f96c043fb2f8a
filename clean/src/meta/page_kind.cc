// The page type a page declares, and the names of the page types.
#include "meta/page_kind.h"

#include <algorithm>
#include <array>
#include <string>

#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

constexpr std::array<std::pair<PageType, std::string_view>, 7> kNames = {{
    {PageType::kArticle, "article"},
    {PageType::kForum, "forum"},
    {PageType::kProduct, "product"},
    {PageType::kCollection, "collection"},
    {PageType::kListing, "listing"},
    {PageType::kDocumentation, "documentation"},
    {PageType::kService, "service"},
}};

constexpr std::array<std::string_view, 2> kForumTypes = {"DiscussionForumPosting", "QAPage"};
constexpr std::array<std::string_view, 7> kForumSoftware = {"discourse", "phpbb",  "vbulletin", "xenforo",
                                                            "mybb",      "flarum", "invision"};
constexpr std::array<std::string_view, 2> kDocumentationTypes = {"TechArticle", "APIReference"};
constexpr std::array<std::string_view, 7> kDocumentationSoftware = {
    "sphinx", "mkdocs", "docusaurus", "vitepress", "gitbook", "mediawiki", "antora"};
constexpr std::array<std::string_view, 5> kDocumentationPathSegments = {"doc", "docs", "documentation",
                                                                        "reference", "manual"};
// Path segments of a thread's URL in forum software: phpBB's and vBulletin's
// scripts, XenForo's "threads".
constexpr std::array<std::string_view, 3> kForumPathSegments = {"viewtopic.php", "showthread.php", "threads"};
constexpr std::array<std::string_view, 4> kCollectionTypes = {"CollectionPage", "ItemList", "SearchResultsPage",
                                                              "OfferCatalog"};

template <std::size_t N>
bool declares_any(const KindClues& clues, const std::array<std::string_view, N>& types) {
  return std::any_of(clues.schema_types.begin(), clues.schema_types.end(), [&](const std::string& t) {
    return std::find(types.begin(), types.end(), t) != types.end();
  });
}

template <std::size_t N>
bool generated_by_any(const KindClues& clues, const std::array<std::string_view, N>& software) {
  return std::any_of(software.begin(), software.end(), [&](std::string_view name) {
    return clues.generator.find(name) != std::string::npos;
  });
}

// A schema.org article type. og:type "article" alone is weaker: SEO plugins
// write it on every page of a site, shop categories included.
bool declares_article_schema(const KindClues& clues) {
  return std::any_of(clues.schema_types.begin(), clues.schema_types.end(), [](const std::string& t) {
    return std::string_view(t).ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" ||
           t == "Report" || t == "Recipe" || t == "HowTo";
  });
}

bool declares_article(const KindClues& clues) { return clues.og_type == "article" || declares_article_schema(clues); }

// The path of an absolute URL, without its query and fragment.
std::string_view url_path(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const std::size_t path = url.find('/', scheme + 3);
  if (path == std::string_view::npos) return {};
  std::string_view rest = url.substr(path);
  return rest.substr(0, rest.find_first_of("?#"));
}

// True when a whole segment of the URL's path is one of names: "/docs/x" has
// "docs", "/docs.html" and "/doctors/" do not.
template <std::size_t N>
bool path_has_segment(std::string_view url, const std::array<std::string_view, N>& names) {
  std::string_view path = url_path(url);
  while (!path.empty()) {
    path.remove_prefix(1);  // the '/'
    const std::size_t end = std::min(path.find('/'), path.size());
    const std::string_view segment = path.substr(0, end);
    for (std::string_view name : names) {
      if (ascii::iequals(segment, name)) return true;
    }
    path.remove_prefix(end);
  }
  return false;
}

// Two or more schema.org Comments on a page that is not an article: a thread's posts.
bool declares_thread(const KindClues& clues) {
  const auto comments = std::count_if(clues.schema_types.begin(), clues.schema_types.end(),
                                      [](const std::string& t) { return t == "Comment" || t == "UserComments"; });
  return comments >= 2 && !declares_article(clues);
}

}  // namespace

bool declares_answers(const KindClues& clues) {
  return std::count(clues.schema_types.begin(), clues.schema_types.end(), "Answer") >= 2;
}

std::string_view page_type_name(PageType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) return name;
  }
  return "article";
}

std::optional<PageType> parse_page_type(std::string_view name) {
  for (const auto& [t, n] : kNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}


std::optional<PageType> declared_page_type(const KindClues& clues, std::string_view url) {
  if (declares_any(clues, kForumTypes) || generated_by_any(clues, kForumSoftware) || declares_thread(clues) ||
      (!declares_article_schema(clues) && path_has_segment(url, kForumPathSegments))) {
    return PageType::kForum;
  }
  if (declares_any(clues, kDocumentationTypes) || generated_by_any(clues, kDocumentationSoftware) ||
      path_has_segment(url, kDocumentationPathSegments)) {
    return PageType::kDocumentation;
  }
  if (declares_article_schema(clues)) return PageType::kArticle;
  if (declares_any(clues, kCollectionTypes) || clues.og_type == "product.group") return PageType::kCollection;
  if (clues.og_type == "article") return PageType::kArticle;
  if (declares_any(clues, std::array<std::string_view, 1>{"Product"}) || clues.og_type.starts_with("product")) {
    return PageType::kProduct;
  }
  return std::nullopt;
}

}  // namespace winnow::clean
