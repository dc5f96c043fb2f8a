// Fuzz target: HTTP header parsing: Retry-After (delay-seconds or an HTTP-date, through libcurl's date parser),
// the HTTP message head of a WARC application/http block (status or request line, fields, continuation lines),
// and header lookup by name.
//
// Input: the whole input is a message head (with its payload after it); its first line alone is also a
// Retry-After value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks.h"
#include "header_block.h"
#include "http_head.h"
#include "retry.h"
#include "winnow/http_headers.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string_view first_line = input.substr(0, input.find('\n'));
  constexpr double kNow = 1767225600;  // 2026-01-01T00:00:00Z
  if (const auto wait = fetch::parse_retry_after(first_line, kNow)) {
    fuzz::require(std::isfinite(*wait) && *wait >= 0, "Retry-After gave a negative or non-finite wait");
  }

  const uint64_t max_head = size > 0 && (data[0] & 1) ? size / 2 : 1 << 20;
  if (const auto head = warc::parse_http_head(input, max_head)) {
    fuzz::require(head->head_bytes <= input.size() && head->head_bytes <= max_head, "the head ends past the block");
    // Three digits, as RFC 9112 writes a status code (the parser does not judge 100..599).
    fuzz::require(head->status >= 0 && head->status <= 999, "status out of 0..999");
    fuzz::require(head->status == 0 || head->method.empty(), "a head that is both a request and a response");
    for (const auto& [name, value] : head->headers) {
      fuzz::require(name.find('\n') == std::string::npos, "a header name holds a line end", name);
      // Content-Type is looked up as every reader does; the first one wins whatever its case.
      (void)header_value(head->headers, name);
    }
    (void)header_value(head->headers, "content-type");
  }

  auto [first, rest] = warc::split_first_line(input);
  fuzz::require(first.size() + rest.size() <= input.size(), "split_first_line made bytes up");
  warc::Headers fields;
  if (warc::parse_fields(rest, fields)) {
    for (const auto& [name, value] : fields) {
      fuzz::require(name.size() + value.size() <= rest.size(), "a field is longer than its lines");
    }
  }
  return 0;
}
