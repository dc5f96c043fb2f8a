// `winnow archive add`: saved pages in, captures stored; cleaning runs on worker threads while the main thread stores.
#pragma once

#include <string>
#include <vector>

namespace winnow::cli {

// What `archive add` was asked to do.
struct AddSettings {
  std::string archive;               // archive path
  std::vector<std::string> files;    // FILE arguments (files, directories, -)
  std::string url;                   // every file is a capture of this URL, in order; empty: file:// URLs
  std::string list;                  // a file of "URL PATH" lines: each PATH is a capture of its URL
  std::string time;                  // ISO 8601 capture time; empty: now
  std::string charset;               // forced charset for cleaning
  int jobs = 1;                      // cleaning threads besides the storing thread; 0 = one per core
  bool json = false;                 // one JSON line per capture
  bool quiet = false;
};

// Runs `archive add` and returns its exit code. Prints one line per stored
// capture (after it is committed) and one error per file that failed; stops
// at the first failure that would fail every later file too (disk full,
// read-only, damaged archive).
int run_archive_add(const AddSettings& settings);

}  // namespace winnow::cli
