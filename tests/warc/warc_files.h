// WARC bytes for the warc tests, made without the library: records, gzip members, zstd frames; and reading a file whole.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/warc.h"

namespace winnow::test {

// One WARC/1.1 record (plain bytes) of `type` for `url` holding `block`, with a correct Content-Length.
std::string warc_record(std::string_view type, std::string_view url, std::string_view block,
                        std::string_view content_type = "application/http; msgtype=response");
// An HTTP/1.1 200 response block with these extra header lines ("Name: value\r\n" each) and body.
std::string http_block(std::string_view body, std::string_view extra_headers = "");
// `data` as one gzip member (zlib).
std::string gzip_bytes(std::string_view data);
// `data` as one zstd frame, with `dictionary` when not empty.
std::string zstd_bytes(std::string_view data, std::string_view dictionary = "");

// What reading a whole file gave: its records, and the Error that ended it (empty message at a clean end).
struct ReadAll {
  std::vector<warc::Record> records;
  Error error;
  bool failed = false;
};
// Reads every record of `bytes` (named `name`) with `limits`.
ReadAll read_all_bytes(std::string bytes, warc::Limits limits = {}, std::string name = "test.warc");
// Reads every record of the file at `path`.
ReadAll read_all_file(const std::string& path, warc::Limits limits = {});

}  // namespace winnow::test
