// parse_fields(): the header-field grammar of WARC records and HTTP messages.
#include "header_block.h"

#include "winnow/ascii.h"

namespace winnow::warc {

std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  const std::size_t end = text.find('\n');
  std::string_view line = end == std::string_view::npos ? text : text.substr(0, end);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return {line, end == std::string_view::npos ? std::string_view() : text.substr(end + 1)};
}

bool parse_fields(std::string_view lines, Headers& fields) {
  while (!lines.empty()) {
    auto [line, rest] = split_first_line(lines);
    lines = rest;
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      if (fields.empty()) return false;
      std::string& value = fields.back().second;
      value += ' ';
      value += ascii::trim(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    fields.emplace_back(std::string(ascii::trim(line.substr(0, colon))), std::string(ascii::trim(line.substr(colon + 1))));
  }
  return true;
}

}  // namespace winnow::warc
