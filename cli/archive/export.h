// `winnow archive export`: captures out as a standard WARC file (and a CDXJ index), for any other tool to read.
#pragma once

#include <string>
#include <vector>

namespace winnow::cli {

// What `archive export` was asked to do.
struct ExportSettings {
  std::string archive;            // archive path
  std::vector<std::string> urls;  // only these URLs; empty = every URL
  std::string output;             // FILE.warc.gz, FILE.warc.zst, FILE.warc, or - (gzip records to stdout)
  std::string since;              // ISO 8601 bounds on capture times; empty = none
  std::string until;
  std::string cdxj;               // also write a CDXJ index of the export here; empty = none
  bool quiet = false;
};

// Runs `archive export` and returns its exit code. Every selected capture
// becomes a record, by URL then time: a fetched page a response record with
// its status line and headers (less Content-Encoding and Transfer-Encoding,
// which no longer describe the stored, decoded bytes, and with a Content-Length
// that does), a saved file a resource record, a repeated capture a revisit,
// a 304 or a gone page a response with its status and no body. A .warc.zst
// gets a dictionary trained from the records. The file (and the index) are
// written to a temporary and renamed, so a failure leaves no half file.
int run_archive_export(const ExportSettings& settings);

}  // namespace winnow::cli
