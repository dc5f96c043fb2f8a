// Stores the pages of WARC files in an archive: the engine behind `archive import` (and the Python module's import_warc).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "winnow/archive.h"
#include "winnow/result.h"

namespace winnow::cli {

// How the records of one file went.
struct ImportTally {
  std::size_t records = 0;         // records read
  std::size_t captures = 0;        // captures stored
  std::size_t new_versions = 0;    // of which began a new version
  std::size_t already_stored = 0;  // pages the archive held already (same URL, time, status and bytes)
  std::size_t failed = 0;          // pages that could not be stored
  std::map<std::string, std::size_t> skipped;  // records that are not pages, by why (see why_not_a_page)
  std::optional<Error> error;      // why the file could not be read to its end; the records before it were imported
};

// Told of each page that could not be stored: its label ("FILE at offset N (URL)") and why.
using RecordErrorSink = std::function<void(const std::string& label, const Error& error)>;

// Imports WARC files into one archive, remembering across files which record
// holds which bytes, so a revisit finds the record it repeats. Each page
// record becomes a capture (see io/warc_pages.h for what a page is): its time
// is WARC-Date, its status and headers the HTTP response's, its bytes the
// decoded payload; a 304 becomes a not-modified capture and a 404 or 410 a
// gone one; a revisit is resolved by WARC-Refers-To or payload digest (in
// the files of this run, else by WARC-Refers-To-Target-URI and -Date in the
// archive). A capture the archive already holds is not stored again.
// Pages are cleaned on `jobs` threads; the archive is used on the calling thread only.
class WarcImporter {
 public:
  WarcImporter(archive::Archive& archive, unsigned jobs, RecordErrorSink on_error);
  ~WarcImporter();
  WarcImporter(const WarcImporter&) = delete;
  WarcImporter& operator=(const WarcImporter&) = delete;

  // Imports `path` ("-" = standard input, whose bytes peek_stdin kept come
  // first), counting into `tally` and calling `on_record` after each record.
  // Returns false when the archive itself failed (disk full, read-only,
  // damage), so no later file can be stored either.
  bool import_file(const std::string& path, ImportTally& tally, const std::function<void()>& on_record = {});

  // From now on imports only the records whose site falls in partition
  // `index` of `count` (site_partition in archive/site_partition.h); records
  // of other sites are counted as skipped, "another partition". A cluster
  // run gives each task one partition, so a site's versions stay together.
  void set_partition(std::size_t index, std::size_t count);

 private:
  class Store;
  std::unique_ptr<Store> store_;
  unsigned jobs_;
  std::size_t partition_index_ = 0;
  std::size_t partition_count_ = 1;  // 1: every record
};

// The tally in words: "10 records: 2 captures (2 new versions), 0 already stored, 8 skipped (...)".
std::string describe(const ImportTally& tally);

// The tally as one JSON object: file, records, captures, new_versions, already_stored, failed, skipped, error.
std::string summary_json(const std::string& file, const ImportTally& tally);

}  // namespace winnow::cli
