// What SQLite and file-system failures mean to someone running winnow: one place that words them.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "archive_impl.h"

namespace winnow::archive {
namespace {

// SQLite's errno for a failed write is often overwritten by the time it is
// reported (unixGetLastError reads errno late), so a write error is checked
// against the two usual causes directly: a nearly full file system, or a file
// at the process's file size limit.
bool out_of_space(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  struct statvfs volume {};
  if (::statvfs(directory.c_str(), &volume) == 0 &&
      static_cast<unsigned long long>(volume.f_bavail) * volume.f_frsize < (4ull << 20)) {
    return true;
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    for (const std::string& name : {path, path + "-wal", path + "-journal"}) {
      struct stat info {};
      if (::stat(name.c_str(), &info) == 0 && static_cast<rlim_t>(info.st_size) + (1u << 20) >= limit.rlim_cur) return true;
    }
  }
  return false;
}

}  // namespace

Error archive_error(const DbFailure& failure, const std::string& path) {
  const int primary = failure.code() & 0xff;
  const int system_errno = failure.system_errno();
  const std::string what = failure.what();
  const std::string where = "archive " + path;
  if (primary == SQLITE_FULL ||
      (primary == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT ||
                                   out_of_space(path)))) {
    return Error{ErrorKind::kIo, "cannot write " + where +
                                     ": no space left (disk full, quota or file size limit); "
                                     "what was already stored is kept, this change was not stored"};
  }
  switch (primary) {
    case SQLITE_NOTADB:
      if (what == "file is not a database") return Error{ErrorKind::kInvalidInput, path + " is not a winnow archive (not an SQLite database)"};
      return Error{ErrorKind::kInvalidInput, path + " is not a winnow archive: " + what};
    case SQLITE_CORRUPT:
      return Error{ErrorKind::kInvalidInput, where + " is damaged: " + what + " (winnow archive verify lists every problem)"};
    case SQLITE_MISMATCH:
      return Error{ErrorKind::kUnsupported, "cannot read " + where + ": " + what};
    case SQLITE_CANTOPEN:
      return Error{ErrorKind::kIo, "cannot open " + where + ": " +
                                       (system_errno != 0 ? std::string(std::strerror(system_errno)) : what)};
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Error{ErrorKind::kIo, "cannot write " + where + ": it or its directory is read-only (" + what + ")"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{ErrorKind::kIo, where + " stayed locked by another process for over a minute; try again"};
    case SQLITE_IOERR:
      return Error{ErrorKind::kIo, "input/output error on " + where + ": " +
                                       (system_errno != 0 ? std::string(std::strerror(system_errno)) : what)};
    case SQLITE_NOMEM:
      throw std::bad_alloc();
    default:
      return Error{ErrorKind::kInternal, where + ": " + what};
  }
}

}  // namespace winnow::archive
