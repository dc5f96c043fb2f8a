// Fuzz target: clean_html through the whole pipeline (charset, prescan, Gumbo, metadata, extraction) and every renderer.
//
// Input: one flag byte, then the page. Flag bits 0-2: Options::page_type (0 = decided from the page,
// 1-7 = forced, in PageType order); bits 3-4: the Content-Type handed over (none, or a charset=
// label); bit 5: no page URL (links stay relative, Article::url comes from the page).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "article_checks.h"
#include "charset/charset.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const std::string_view page(reinterpret_cast<const char*>(data) + 1, size - 1);
  constexpr const char* kContentTypes[] = {"", "text/html; charset=windows-1252", "text/html; charset=utf-8",
                                           "text/html; charset=shift_jis"};
  clean::Options options;
  if (const int type = flags & 7; type != 0) options.page_type = static_cast<clean::PageType>(type - 1);
  options.content_type = kContentTypes[(flags >> 3) & 3];
  if (!(flags & 0x20)) options.url = "https://example.com/dir/page.html";

  Result<clean::Article> article = clean::clean_html(page, options);
  if (!article) {
    const ErrorKind kind = article.error().kind;
    fuzz::require(kind == ErrorKind::kInvalidInput, "clean_html failed with an unexpected error kind", article.error().message);
    return 0;
  }
  if (options.page_type) fuzz::require(article.value().page_type == *options.page_type, "forced page type not kept");
  if (options.url.empty()) {
    fuzz::require(fuzz::web_url_or_empty(article.value().url), "Article::url is not an http(s) URL", article.value().url);
  }
  // The blocks may hold only characters of the decoded page or of what a browser's parse of it shows.
  Result<clean::Decoded> decoded = clean::decode_to_utf8(page, options.charset, options.content_type);
  fuzz::require(decoded.ok(), "clean_html succeeded on bytes decode_to_utf8 refuses");
  const fuzz::CodePoints allowed = fuzz::characters_of_page(decoded.value().utf8);
  fuzz::check_article(article.value(), &allowed);
  fuzz::check_renderers(article.value());
  return 0;
}
