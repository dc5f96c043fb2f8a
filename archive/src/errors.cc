// What SQLite and file-system failures mean to someone running winnow: one place that words them.
#include <cerrno>
#include <cstring>

#include "archive_impl.h"

namespace winnow::archive {

Error archive_error(const DbFailure& failure, const std::string& path) {
  const int primary = failure.code() & 0xff;
  const int system_errno = failure.system_errno();
  const std::string what = failure.what();
  const std::string where = "archive " + path;
  if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EFBIG ||
                                                             system_errno == EDQUOT))) {
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
