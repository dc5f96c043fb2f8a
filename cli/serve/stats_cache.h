// The archive's statistics kept between requests until its files change: counting every blob and page of a large
// archive takes tens of milliseconds, and the stats page and /api/stats are asked far more often than it changes.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "winnow/archive.h"
#include "winnow/result.h"

namespace winnow::cli::serve {

class StatsCache {
 public:
  explicit StatsCache(std::string archive_path) : archive_path_(std::move(archive_path)) {}

  // The archive's Archive::stats(): the kept figures while the archive file and its -wal file have the same
  // inode, size and modification time as when they were counted (any commit, checkpoint or compact by any
  // process writes one of them), else counted again on a fresh read-only open. Fails as
  // open_existing() and Archive::stats() do; a failure is not kept. Safe to call from several threads.
  Result<archive::Stats> get();

 private:
  std::string archive_path_;
  std::mutex mutex_;
  std::string counted_at_;  // the files' state when `stats_` was counted
  std::optional<archive::Stats> stats_;
};

}  // namespace winnow::cli::serve
