// The read subcommands of `winnow archive` (list, log, show, diff, search, stats, verify): each opens the archive and prints what the library returns, as text or --json.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "winnow/archive.h"

namespace winnow::cli {

// Options of the read subcommands, one struct for all of them.
struct ReadSettings {
  std::string archive;
  std::string url;
  std::vector<std::string> query;  // search's words, joined by spaces
  bool fts = false;                // search: the query is FTS5 syntax
  std::vector<std::string> unparsed;  // search: arguments that looked like unknown options
  std::optional<int> version;
  std::string at;
  std::vector<int> versions;  // diff A [B]
  bool raw = false;
  bool text = false;
  bool json = false;
  int limit = 20;
  archive::ListQuery list_query;  // list: its filters and page
};

// Each runs one read subcommand and returns its exit code; errors are
// reported on stderr. Text output never carries terminal controls.
int run_list(const ReadSettings& settings);
int run_log(const ReadSettings& settings);
int run_show(const ReadSettings& settings);
int run_diff(const ReadSettings& settings);
int run_search(const ReadSettings& settings);
int run_stats(const ReadSettings& settings);
int run_verify(const ReadSettings& settings);

// Opens the archive at `path` if it exists, never creating one (the read
// subcommands and export). A missing file is a kIo error that says how to make
// one; when it cannot be opened for writing, it is opened read-only.
Result<archive::Archive> open_existing(const std::string& path, bool read_only);

// "" when `text` is a time --time and --at accept, else why not (a CLI11 validator).
std::string check_time(const std::string& text);

}  // namespace winnow::cli
