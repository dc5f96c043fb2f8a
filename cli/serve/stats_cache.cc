// Statistics kept until the archive's files change, told by stat(2) of the database and its -wal file.
#include "serve/stats_cache.h"

#include <sys/stat.h>

#include "archive/read.h"

namespace winnow::cli::serve {
namespace {

// What stat(2) says of `path` that a write changes: inode, size and modification time (ns). Not the change
// time: SQLite running as root gives the -wal file its database's owner on every open, which sets it.
std::string file_state(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "-";
  return std::to_string(info.st_ino) + ':' + std::to_string(info.st_size) + ':' +
         std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec);
}

}  // namespace

Result<archive::Stats> StatsCache::get() {
  // Read before counting: a write while counting leaves the kept figures marked with the older state, so
  // the next request counts again.
  const std::string state = file_state(archive_path_) + '|' + file_state(archive_path_ + "-wal");
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (stats_ && state == counted_at_) return *stats_;
  }
  Result<archive::Archive> opened = open_existing(archive_path_, true);
  if (!opened) return opened.error();
  Result<archive::Stats> stats = opened.value().stats();
  if (!stats) return stats.error();
  const std::lock_guard<std::mutex> lock(mutex_);
  stats_ = stats.value();
  counted_at_ = state;
  return stats;
}

}  // namespace winnow::cli::serve
