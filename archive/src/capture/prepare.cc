// prepare_capture: the work of a capture that needs no database (normalise, clean, hash), so callers can run it on worker threads.
#include <nlohmann/json.hpp>

#include "blobs/sha256.h"
#include "winnow/archive.h"
#include "winnow/clean.h"
#include "winnow/http_headers.h"

namespace winnow::archive {
namespace {

std::string metadata_json(const clean::Article& article) {
  const clean::Metadata& m = article.metadata;
  nlohmann::json json = {{"title", m.title},
                         {"authors", m.authors},
                         {"published", m.published},
                         {"modified", m.modified},
                         {"site_name", m.site_name},
                         {"language", m.language},
                         {"description", m.description},
                         {"canonical_url", m.canonical_url},
                         {"image", m.image},
                         {"word_count", article.word_count()}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<PreparedCapture> prepare_capture(CaptureInput input) {
  PreparedCapture capture;
  Result<std::string> url = normalize_url(input.url);
  if (!url) return url.error();
  capture.url = url.value();
  capture.site = site_of(capture.url);
  if (input.time.empty()) {
    capture.time = now_utc();
  } else {
    Result<std::string> time = parse_time(input.time);
    if (!time) return time.error();
    capture.time = time.value();
  }
  clean::Options options;
  options.url = capture.url;
  options.charset = input.charset;
  options.content_type = winnow::header_value(input.headers, "content-type");
  Result<clean::Article> article = clean::clean_html(input.raw, options);
  if (!article) return article.error();
  capture.title = article.value().metadata.title;
  const std::string body = article.value().text();
  capture.text = capture.title.empty() ? body : capture.title + "\n\n" + body;
  capture.word_count = article.value().word_count();
  capture.metadata_json = metadata_json(article.value());
  if (!article.value().warnings.empty()) capture.warning = article.value().warnings.front();
  capture.raw_sha256 = sha256(input.raw);
  capture.text_sha256 = sha256(capture.text);
  capture.input = std::move(input);
  return capture;
}

}  // namespace winnow::archive
