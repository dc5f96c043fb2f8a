// `winnow archive import`: the pages of WARC files (wget's, Heritrix's, winnow's own) stored as captures.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace winnow::cli {

// What `archive import` was asked to do.
struct ImportSettings {
  std::string archive;              // archive path
  std::vector<std::string> files;   // WARC files (plain, .gz, .zst); "-" for standard input
  int jobs = 1;                     // cleaning threads; 0 = one per core
  bool json = false;                // the summary of each file as one JSON line
  bool quiet = false;
  std::size_t partition_index = 0;  // --partition I/N: only the sites of partition I of N (site_partition)
  std::size_t partition_count = 1;
};

// Runs `archive import` and returns its exit code. Each page record becomes a
// capture (see io/warc_pages.h for what a page is): its time is WARC-Date, its
// status and headers the HTTP response's, its bytes the decoded payload; a 304
// becomes a not-modified capture and a 404 or 410 a gone one; a revisit is
// resolved to the record it repeats (by WARC-Refers-To or payload digest, in
// the files of this run or the archive). A capture the archive already holds
// (same URL, time, status and bytes) is not stored again, so importing a file
// twice adds nothing. Prints a summary per file (records, captures, new
// versions, already stored, skipped by why) as text or --json, a progress
// line on a terminal, and an error naming the file and offset for damage:
// the records before it are kept.
int run_archive_import(const ImportSettings& settings);

}  // namespace winnow::cli
