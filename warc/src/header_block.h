// Parsing "Name: value" header lines (WARC and HTTP share the grammar), with folded continuation lines.
#pragma once

#include <string_view>

#include "winnow/warc.h"

namespace winnow::warc {

// The fields of `lines` (header lines after the first line, without the blank line that ends them; CRLF or LF
// line ends). A continuation line (starting with space or tab) joins the field before it. False when a line has no
// colon or the first line is a continuation.
bool parse_fields(std::string_view lines, Headers& fields);

// The first line of `text` (without its CR LF) and the rest after it.
std::pair<std::string_view, std::string_view> split_first_line(std::string_view text);

}  // namespace winnow::warc
