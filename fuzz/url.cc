// Fuzz target: the URL parsers and the resolver: clean's resolve_url / is_web_url, the archive's WHATWG
// normalize_url / site_of / file_url, and the fetcher's parse_url (libcurl) / url_problem.
//
// Input: a base URL and an href separated by a newline (no newline: the whole input is both).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks.h"
#include "meta/url.h"
#include "url_parts.h"
#include "winnow/archive.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view base = input.substr(0, newline);
  const std::string_view href = newline == std::string_view::npos ? input : input.substr(newline + 1);

  const std::string resolved = clean::resolve_url(base, href);
  if (clean::is_absolute_url(base) && fuzz::valid_utf8(input)) {
    fuzz::require_utf8(resolved, "resolve_url made invalid UTF-8 of valid UTF-8");
  }
  const std::size_t first = href.find_first_not_of(" \t\n\r\f");
  if (clean::is_web_url(base) && first != std::string_view::npos && href.find_first_of(":\\") == std::string_view::npos &&
      href.substr(first, 2) != "//") {
    // A relative reference (not a network-path one) against an http(s) base stays an http(s) URL.
    fuzz::require(clean::is_web_url(resolved), "a relative href against a web base is not a web URL", resolved);
  }
  (void)clean::is_absolute_url(href);

  for (const std::string_view url : {base, href}) {
    Result<std::string> normal = archive::normalize_url(url);
    if (!normal) {
      fuzz::require(normal.error().kind == ErrorKind::kInvalidInput, "normalize_url failed with an unexpected kind");
      continue;
    }
    // One page, one key: a normalised URL normalises to itself.
    Result<std::string> again = archive::normalize_url(normal.value());
    fuzz::require(again.ok(), "normalize_url refuses its own output", normal.value());
    fuzz::require(again.value() == normal.value(), "normalize_url is not idempotent", normal.value());
    for (const char c : normal.value()) {
      fuzz::require(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F,
                    "a normalised URL holds a byte outside printable ASCII", normal.value());
    }
    (void)archive::site_of(normal.value());
  }
  if (!base.empty() && base[0] == '/') {
    // file_url's promise: normalize_url accepts it unchanged.
    const std::string file = archive::file_url(base);
    Result<std::string> normal = archive::normalize_url(file);
    fuzz::require(normal.ok() && normal.value() == file, "normalize_url changes or refuses a file_url", file);
  }

  const std::string url(href);
  const auto parts = fetch::parse_url(url);
  const std::string problem = fetch::url_problem(url);
  fuzz::require(parts.has_value() == problem.empty(), "parse_url and url_problem disagree", url);
  if (parts) {
    fuzz::require(!parts->path.empty() && parts->path[0] == '/', "parse_url's path does not start with /", url);
    fuzz::require(parts->origin.starts_with(parts->scheme + "://"), "parse_url's origin lacks its scheme", url);
  }
  return 0;
}
