// Which WARC records are web pages, and how clean and archive import open a WARC and read it in batches.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "winnow/result.h"
#include "winnow/warc.h"

namespace winnow::cli {

// The media type of a record's payload: a response's HTTP Content-Type, else
// the record's own WARC Content-Type (a resource); "" when there is none.
std::string payload_content_type(const warc::Record& record);

// Why `record` is not a page, or nothing when it is one. Pages are response
// records with a 2xx status and resource records whose Content-Type is HTML
// (text/html or application/xhtml+xml; sniffed from the payload when there is
// no Content-Type). The reason is the record type ("request", "revisit"...),
// "HTTP 3xx" (4xx, 5xx) for other statuses, "not HTTP" for a response without
// an HTTP head, or "not HTML".
std::optional<std::string> why_not_a_page(const warc::Record& record);

// Opens a WARC file to read; "-" is standard input, starting with the bytes
// peek_stdin() kept (io/read_input.h). Fails as warc::Reader::open.
Result<warc::Reader> open_warc(const std::string& path);

// Records read ahead for `jobs` workers: at most 32 per worker, and no more
// once their blocks pass 256 MiB, so memory stays bounded whatever the file.
struct RecordBatch {
  std::vector<warc::Record> records;
  bool last = false;           // the file ended (or failed) with this batch
  std::optional<Error> error;  // why it could not be read on; the records before it are in `records`
};
RecordBatch read_batch(warc::Reader& reader, unsigned jobs);

// Counts of records left out, by why, in words: "8 skipped (1 metadata, 3 not HTML, 4 request)".
std::string describe_skipped(const std::map<std::string, std::size_t>& skipped);

}  // namespace winnow::cli
