// `winnow archive add URL...` and `winnow archive update`: fetch pages, clean them and store captures.
#pragma once

#include <string>
#include <vector>

#include "winnow/fetch.h"

namespace winnow::cli {

struct ArchiveFetchSettings {
  std::string archive;            // archive path
  std::vector<std::string> urls;  // URL arguments
  std::string list;               // -i FILE (or -): more URLs, one per line
  bool update = false;            // archive update: conditional GET; no URLs = every http(s) URL archived
  bool json = false;              // one JSON line per URL
  bool quiet = false;
  fetch::Options options;
  std::string warc;               // --warc FILE: also record the exchanges there
};

// True when `argument` is an http:// or https:// URL (case-insensitive scheme).
bool is_http_url(const std::string& argument);

// Fetches every URL (for update, with If-None-Match / If-Modified-Since from
// the URL's latest capture) and stores each page as a capture; a 304 is
// recorded as an unchanged capture of the latest version, and a 404 or 410
// of an archived URL as a gone capture (a URL not archived yet that answers
// so is a failure). Prints one line per URL (text, or JSON as add_json_line)
// and one error per failed URL; stops storing at the
// first failure of the archive itself (disk full, read-only, damage).
// Returns the exit code: 0 all stored, 1 some failed, 2 usage.
int run_archive_fetch(const ArchiveFetchSettings& settings);

}  // namespace winnow::cli
