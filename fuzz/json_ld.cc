// Fuzz target: the JSON-LD reader (read_json_ld) and the HTML character reference decoder its strings go through.
//
// Input: the bodies of up to eight <script type="application/ld+json"> elements, separated by NUL bytes. In the
// pipeline they come from decoded (valid UTF-8) pages, so the bytes are made valid UTF-8 first.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "charset/charset.h"
#include "checks.h"
#include "meta/json_ld.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = clean::sanitize_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<std::string> bodies;
  std::size_t start = 0;
  while (bodies.size() < 8) {
    const std::size_t end = text.find('\0', start);
    bodies.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  const clean::JsonLd json = clean::read_json_ld(bodies);
  for (const std::string* field : {&json.title, &json.published, &json.modified, &json.site_name, &json.description,
                                   &json.language, &json.image, &json.url}) {
    fuzz::require_utf8(*field, "a JSON-LD field is not valid UTF-8");
  }
  for (const std::string& author : json.authors) fuzz::require_utf8(author, "a JSON-LD author is not valid UTF-8");
  for (const std::string& type : json.types) fuzz::require_utf8(type, "a JSON-LD type is not valid UTF-8");

  const std::string decoded = clean::decode_html_entities(text);
  fuzz::require_utf8(decoded, "decode_html_entities gave invalid UTF-8");
  // Text without '&' holds no reference: it comes back as it was.
  if (text.find('&') == std::string::npos) fuzz::require(decoded == text, "decode_html_entities changed plain text", text);
  return 0;
}
