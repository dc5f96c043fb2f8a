// `winnow archive merge`: shard archives (one per partition of a cluster run) combined into one.
#pragma once

#include <string>
#include <vector>

namespace winnow::cli {

// What `archive merge` was asked to do.
struct MergeSettings {
  std::vector<std::string> shards;  // archives to read (never changed)
  std::string output;               // the archive to merge into; created when missing
  bool json = false;                // the summary as one JSON object
  bool quiet = false;               // no progress line and no summary
};

// Runs `archive merge` and returns its exit code. Every shard is opened
// read-only and checked before the output is opened (so a bad shard creates
// no output); a shard that is the output file itself (by any path) is a usage
// error. Then Archive::merge stores the shards' captures in time order, as
// one process adding them all would have; a capture the output already holds
// is skipped, so merging again adds nothing. Prints a summary (shards,
// captures, stored, already stored, new versions) as text or --json and a
// progress line on a terminal. On failure the error names the shard and
// capture; what was stored before it stays, and running the merge again
// carries on from there.
int run_archive_merge(const MergeSettings& settings);

}  // namespace winnow::cli
