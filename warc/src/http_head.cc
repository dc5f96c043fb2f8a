// parse_http_head(): status line or request line, then the header fields up to the blank line.
#include "http_head.h"

#include <algorithm>

#include "header_block.h"
#include "winnow/ascii.h"

namespace winnow::warc {
namespace {

// Where the head ends (after its blank line), or npos. Accepts CRLF and bare LF line ends.
std::size_t head_end(std::string_view block) {
  std::size_t pos = 0;
  while (pos < block.size()) {
    const std::size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) return std::string_view::npos;
    const std::string_view line = block.substr(pos, eol - pos);
    if (line.empty() || line == "\r") return pos == 0 ? std::string_view::npos : eol + 1;
    pos = eol + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<HttpMessage> parse_http_head(std::string_view block, uint64_t max_head_bytes) {
  if (block.size() > max_head_bytes) block = block.substr(0, static_cast<std::size_t>(max_head_bytes));
  const std::size_t end = head_end(block);
  if (end == std::string_view::npos) return std::nullopt;
  auto [first, rest] = split_first_line(block.substr(0, end));
  HttpMessage message;
  message.head_bytes = end;
  const std::size_t space1 = first.find(' ');
  if (space1 == std::string_view::npos) return std::nullopt;
  if (first.starts_with("HTTP/")) {
    message.version = std::string(first.substr(0, space1));
    std::string_view after = first.substr(space1 + 1);
    const std::size_t space2 = after.find(' ');
    const std::string_view code = after.substr(0, space2);
    // Three digits (RFC 9112): from_chars alone would take "-03" as a status.
    if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    message.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    if (space2 != std::string_view::npos) message.reason = std::string(after.substr(space2 + 1));
  } else {
    const std::size_t space2 = first.rfind(' ');
    if (space2 == space1 || !first.substr(space2 + 1).starts_with("HTTP/")) return std::nullopt;
    message.method = std::string(first.substr(0, space1));
    message.target = std::string(first.substr(space1 + 1, space2 - space1 - 1));
    message.version = std::string(first.substr(space2 + 1));
  }
  if (!parse_fields(rest, message.headers)) return std::nullopt;
  return message;
}

}  // namespace winnow::warc
