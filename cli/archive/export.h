// `winnow archive export`: captures out as a standard WARC file (and a CDXJ index), for any other tool to read.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "winnow/archive.h"
#include "winnow/result.h"

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

// What an export wrote.
struct ExportTally {
  std::size_t records = 0;   // records written after the warcinfo
  std::size_t revisits = 0;  // of which revisits
  std::size_t urls = 0;      // distinct URLs
  std::size_t captures = 0;  // captures selected
};

// Writes the captures `settings` selects from `archive` to settings.output
// (and the CDXJ index to settings.cdxj when set), as run_archive_export says;
// the archive path and quiet are not used. Fails with the archive's errors
// (kNotFound for a URL not in it) or the writer's (kIo); nothing is left at
// the output path then.
Result<ExportTally> export_warc(archive::Archive& archive, const ExportSettings& settings);

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
