// `winnow archive add`: saved pages in, captures stored; cleaning runs on worker threads while the main thread stores.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "winnow/archive.h"

namespace winnow::cli {

// What `archive add` was asked to do.
struct AddSettings {
  std::string archive;               // archive path
  std::vector<std::string> files;    // FILE arguments (files, directories, -)
  std::string url;                   // every file is a capture of this URL, in order; empty: file:// URLs
  std::string list;                  // a file of "URL PATH" lines: each PATH is a capture of its URL
  std::string time;                  // ISO 8601 capture time of the one input; "mtime": each file's; empty: now
  std::string charset;               // forced charset for cleaning
  int jobs = 1;                      // cleaning threads besides the storing thread; 0 = one per core
  bool json = false;                 // one JSON line per capture
  bool quiet = false;
};

// One input of `archive add` / `archive update` as --json reports it: the same
// keys for a saved file and a fetched page.
struct AddReport {
  std::string input;                         // the FILE argument ("-" for stdin) or the URL as given
  std::string url;                           // the normalised URL stored (as given when nothing was stored)
  std::string final_url;                     // after redirects; empty for a saved file
  int status = 0;                            // HTTP status; 0 for a saved file
  std::size_t bytes = 0;                     // page bytes read or received
  const archive::AddResult* added = nullptr;  // what was stored; null on failure
  std::string error;                         // why nothing was stored; empty on success
};

// The JSON line for `report`: {"input", "url", "final_url", "time", "status",
// "bytes", "stored_bytes", "capture", "version", "new_version", "label",
// "words_changed", "deduplicated", "gone", "error"}; keys that do not apply
// (final_url and status of a file, everything but input, url and error of a
// failure) are null. No trailing newline.
std::string add_json_line(const AddReport& report);

// The text report of a stored capture: "version 2, edited, 5 words changed",
// "same as version 1, capture recorded", "not modified, capture of version 3",
// "gone (404), last content is version 3".
std::string describe_added(const archive::AddResult& added, int status);

// Runs `archive add` and returns its exit code. Prints one line per stored
// capture (after it is committed) and one error per file that failed (and,
// with --json, a line with "error" set); a progress line on a terminal for
// more than one input; refuses one ISO --time for several inputs; stops
// at the first failure that would fail every later file too (disk full,
// read-only, damaged archive).
int run_archive_add(const AddSettings& settings);

}  // namespace winnow::cli
