// The bytes of WARC records the writer makes: header fields, HTTP heads, the warcinfo block.
#pragma once

#include <string>
#include <string_view>

#include "winnow/warc.h"

namespace winnow::warc {

constexpr std::string_view kRevisitProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

// "WARC/1.1", the fields, Content-Length, a blank line, the block and the closing CRLF CRLF.
std::string record_bytes(const Headers& fields, std::string_view block);
// "HTTP/1.1 <status> <reason>", the headers and the blank line.
std::string http_response_head(int status, std::string_view reason, const Headers& headers);
// The HTTP head a capture's response record starts with ("" for a resource).
std::string capture_head(const Capture& capture);
// The warcinfo block (application/warc-fields).
std::string warcinfo_block(const WriterOptions& options);

}  // namespace winnow::warc
