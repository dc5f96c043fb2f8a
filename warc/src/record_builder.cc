// Formatting WARC records and HTTP heads for the writer.
#include "record_builder.h"

namespace winnow::warc {
namespace {

void append_fields(std::string& out, const Headers& fields) {
  for (const auto& [name, value] : fields) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
}

}  // namespace

std::string record_bytes(const Headers& fields, std::string_view block) {
  std::string out = "WARC/1.1\r\n";
  append_fields(out, fields);
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  out += block;
  out += "\r\n\r\n";
  return out;
}

std::string http_response_head(int status, std::string_view reason, const Headers& headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " ";
  out += reason;
  out += "\r\n";
  append_fields(out, headers);
  out += "\r\n";
  return out;
}

std::string capture_head(const Capture& capture) {
  if (!capture.http_head.empty()) return capture.http_head;
  if (capture.status) return http_response_head(*capture.status, capture.reason, capture.http_headers);
  return {};
}

std::string warcinfo_block(const WriterOptions& options) {
  Headers fields{{"software", options.software},
                 {"format", "WARC File Format 1.1"},
                 {"conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"}};
  fields.insert(fields.end(), options.warcinfo_fields.begin(), options.warcinfo_fields.end());
  std::string out;
  append_fields(out, fields);
  return out;
}

}  // namespace winnow::warc
