// Parsing the HTTP message head at the start of an application/http record block.
#pragma once

#include <optional>
#include <string_view>

#include "winnow/warc.h"

namespace winnow::warc {

// The head at the start of `block` (a status line or request line, header fields, a blank line); nullopt when the
// block does not start with one, or the blank line is missing within `max_head_bytes`.
std::optional<HttpMessage> parse_http_head(std::string_view block, uint64_t max_head_bytes);

}  // namespace winnow::warc
