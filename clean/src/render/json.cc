// JSON rendering: the article's metadata, plain text and word count as one JSON object.
#include <string>

#include <nlohmann/json.hpp>

#include "winnow/clean.h"

namespace winnow::clean {

std::string render_json(const Article& article) {
  const Metadata& meta = article.metadata;
  // Keys are always present with one type each (strings empty when unknown) so
  // consumers never need to test for null or a missing key.
  nlohmann::ordered_json json = {
      {"url", article.url},
      {"page_type", page_type_name(article.page_type)},
      {"title", meta.title},
      {"authors", meta.authors},
      {"published", meta.published},
      {"modified", meta.modified},
      {"site_name", meta.site_name},
      {"language", meta.language},
      {"description", meta.description},
      {"canonical_url", meta.canonical_url},
      {"image", meta.image},
      {"text", article.text()},
      {"word_count", article.word_count()},
      {"warnings", article.warnings},
  };
  // replace: a stray invalid byte becomes U+FFFD instead of an exception.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace winnow::clean
