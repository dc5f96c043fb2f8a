// What SQLite and file-system failures mean to someone running winnow: one place that words them.
#include <linux/magic.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "archive_impl.h"

namespace winnow::archive {
namespace {

constexpr const char* kWhatToDo = "give the path of an archive file, or a new path to create one";

std::filesystem::path directory_of(const std::string& path) {
  const std::filesystem::path file(path);
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

std::string file_type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  return "an unknown kind of file";
}

// The kernel's pseudo-file systems: their files look regular but hold no
// stored bytes (/proc/self/mem, /sys/...), so SQLite's errors there would
// name causes that are not the real one.
const char* pseudo_file_system(const std::string& path) {
  struct statfs volume {};
  if (::statfs(path.c_str(), &volume) != 0) return nullptr;
  switch (static_cast<unsigned long>(volume.f_type)) {
    case PROC_SUPER_MAGIC:
      return "proc";
    case SYSFS_MAGIC:
      return "sysfs";
    case DEBUGFS_MAGIC:
      return "debugfs";
    case TRACEFS_MAGIC:
      return "tracefs";
    case SECURITYFS_MAGIC:
      return "securityfs";
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
      return "cgroup";
    case DEVPTS_SUPER_MAGIC:
      return "devpts";
    case BPF_FS_MAGIC:
      return "bpf";
    case EFIVARFS_MAGIC:
      return "efivarfs";
    case PSTOREFS_MAGIC:
      return "pstore";
    default:
      return nullptr;
  }
}

// Why a new archive cannot be made at `path` (which does not exist), if the directory says so.
std::optional<Error> creation_problem(const std::string& path) {
  const std::filesystem::path directory = directory_of(path);
  const std::string where = "cannot create archive " + path + ": ";
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) {
      return Error{ErrorKind::kIo, where + "directory " + directory.string() +
                                       " does not exist; create it first, or give a path in an existing directory"};
    }
    if (error == ENOTDIR) {
      return Error{ErrorKind::kIo, where + "a part of " + directory.string() +
                                       " is a file, not a directory; give a path in a directory"};
    }
    if (error == EACCES) {
      return Error{ErrorKind::kIo, where + "permission denied (a directory on the way to " + directory.string() +
                                       " cannot be searched); give a path in a directory you can write to"};
    }
    return Error{ErrorKind::kIo, where + directory.string() + ": " + std::strerror(error)};
  }
  if (!S_ISDIR(info.st_mode)) {
    return Error{ErrorKind::kIo, where + directory.string() + " is not a directory; give a path in a directory"};
  }
  if (const char* pseudo = pseudo_file_system(directory.string())) {
    return Error{ErrorKind::kIo, where + directory.string() + " is on the " + pseudo +
                                     " file system, which holds no files; give a path on a disk"};
  }
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    const int error = errno;
    if (error == EROFS) {
      return Error{ErrorKind::kIo, where + directory.string() +
                                       " is on a read-only file system; give a path on a writable one"};
    }
    if (error == EACCES || error == EPERM) {
      return Error{ErrorKind::kIo, where + "permission denied (directory " + directory.string() +
                                       " is not writable by you); give a path in a directory you can write to"};
    }
    return Error{ErrorKind::kIo, where + directory.string() + ": " + std::strerror(error)};
  }
  return std::nullopt;
}

// SQLite's errno for a failed write is often overwritten by the time it is
// reported (unixGetLastError reads errno late), so a write error is checked
// against the two usual causes directly: a nearly full file system, or a file
// at the process's file size limit.
bool out_of_space(const std::string& path) {
  struct statvfs volume {};
  // A volume of no blocks (/proc, /sys) is not full: it holds no files at all.
  if (::statvfs(directory_of(path).c_str(), &volume) == 0 && volume.f_blocks > 0 &&
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

// When the file at `path` is an SQLite file cut short (a copy or download that
// stopped): how many bytes it has and how many its header says it should have
// (0 when the 100-byte header itself is cut).
std::optional<std::pair<std::uint64_t, std::uint64_t>> truncation(const std::string& path) {
  static constexpr std::string_view kMagic("SQLite format 3\0", 16);
  std::ifstream file(path, std::ios::binary);
  unsigned char header[100] = {};
  file.read(reinterpret_cast<char*>(header), sizeof header);
  const auto got = static_cast<std::size_t>(file.gcount());
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec || got == 0) return std::nullopt;
  const std::string_view start(reinterpret_cast<const char*>(header), std::min(got, kMagic.size()));
  if (start != kMagic.substr(0, start.size())) return std::nullopt;
  if (got < sizeof header) return std::pair<std::uint64_t, std::uint64_t>(size, 0);  // not even the header
  const auto be32 = [&](int at) {
    return std::uint32_t{header[at]} << 24 | std::uint32_t{header[at + 1]} << 16 | std::uint32_t{header[at + 2]} << 8 |
           header[at + 3];
  };
  const std::uint32_t page_size = header[16] == 0 && header[17] == 1 ? 65536 : (header[16] << 8 | header[17]);
  // The page count in the header is valid only when written by the same change as the counter (SQLite file format 1.3.9).
  if (be32(92) != be32(24) || be32(28) == 0) return std::nullopt;
  const std::uint64_t expected = std::uint64_t{page_size} * be32(28);
  if (size >= expected) return std::nullopt;
  return std::pair<std::uint64_t, std::uint64_t>(size, expected);
}

}  // namespace

std::optional<Error> location_problem(const std::string& path, bool must_exist) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) {
      if (must_exist) {
        return Error{ErrorKind::kIo, "cannot open archive " + path + ": it does not exist; check the path"};
      }
      return creation_problem(path);
    }
    if (error == ENOTDIR) {
      return Error{ErrorKind::kIo, "cannot open archive " + path + ": a part of the path is a file, not a directory; " +
                                       kWhatToDo};
    }
    if (error == EACCES) {
      return Error{ErrorKind::kIo, "cannot open archive " + path +
                                       ": permission denied (a directory on the way cannot be searched)"};
    }
    return Error{ErrorKind::kIo, "cannot open archive " + path + ": " + std::strerror(error)};
  }
  if (!S_ISREG(info.st_mode)) {
    return Error{ErrorKind::kInvalidInput, "archive " + path + ": not a regular file (" + file_type_name(info.st_mode) +
                                               "); " + kWhatToDo};
  }
  if (const char* pseudo = pseudo_file_system(path)) {
    return Error{ErrorKind::kInvalidInput, "archive " + path + ": not a regular file (a kernel pseudo-file, on the " +
                                               pseudo + " file system); " + kWhatToDo};
  }
  if (::access(path.c_str(), R_OK) != 0 && errno == EACCES) {
    return Error{ErrorKind::kIo, "cannot read archive " + path + ": permission denied (its permissions do not let you read it)"};
  }
  return std::nullopt;
}

Error archive_error(const DbFailure& failure, const std::string& path) {
  const int primary = failure.code() & 0xff;
  const int system_errno = failure.system_errno();
  const std::string what = failure.what();
  const std::string where = "archive " + path;
  // Only a failed write can mean a full disk: a failed read or lock must not be reported as one.
  const int extended = failure.code();
  const bool writing = extended == SQLITE_IOERR || extended == SQLITE_IOERR_WRITE || extended == SQLITE_IOERR_FSYNC ||
                       extended == SQLITE_IOERR_DIR_FSYNC || extended == SQLITE_IOERR_TRUNCATE ||
                       extended == SQLITE_IOERR_SHMSIZE;
  if (primary == SQLITE_FULL ||
      (primary == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT ||
                                   (writing && out_of_space(path))))) {
    return Error{ErrorKind::kIo, "cannot write " + where +
                                     ": no space left (disk full, quota or file size limit); "
                                     "what was already stored is kept, this change was not stored"};
  }
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
    if (const auto cut = truncation(path)) {
      const std::string expected = cut->second == 0 ? "fewer than the 100 bytes of an SQLite header"
                                                     : "its header says " + std::to_string(cut->second);
      return Error{ErrorKind::kInvalidInput, where + " is truncated: the file has " + std::to_string(cut->first) +
                                                 " bytes, " + expected +
                                                 " (a copy or download cut short?); restore it from a whole copy"};
    }
  }
  switch (primary) {
    case SQLITE_NOTADB:
      // SQLite's own words, whatever step met them, mean it found no database header.
      if (std::string_view(what).ends_with("file is not a database")) {
        return Error{ErrorKind::kInvalidInput,
                     path + " is not a winnow archive (not an SQLite database); " + kWhatToDo};
      }
      return Error{ErrorKind::kInvalidInput, path + " is not a winnow archive: " + what + "; " + kWhatToDo};
    case SQLITE_CORRUPT:
      return Error{ErrorKind::kInvalidInput, where + " is damaged: " + what + " (winnow archive verify lists every problem)"};
    case SQLITE_ERROR:
      // A damaged header (its schema format number), schema table or FTS5 configuration row reaches SQLite's SQL
      // compiler, which calls it a plain error, not corruption: a table, column, index or tokenizer the schema
      // no longer names, or a schema it cannot read. winnow's own statements are fixed (the tests run them all),
      // so it is the file that is damaged, not winnow.
      for (const char* damage : {"unsupported file format", "malformed database schema", "invalid fts5 file format",
                                 "no such table", "no such column", "no such index", "no such tokenizer",
                                 "no such module", "no such function"}) {
        if (what.find(damage) != std::string::npos) {
          return Error{ErrorKind::kInvalidInput,
                       where + " is damaged: " + what + " (winnow archive verify lists every problem)"};
        }
      }
      return Error{ErrorKind::kInternal, where + ": " + what};
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
      if (extended == SQLITE_IOERR_LOCK || extended == SQLITE_IOERR_RDLOCK || extended == SQLITE_IOERR_UNLOCK ||
          extended == SQLITE_IOERR_CHECKRESERVEDLOCK || extended == SQLITE_IOERR_SHMLOCK) {
        return Error{ErrorKind::kIo, "cannot lock " + where + " (" +
                                         (system_errno != 0 ? std::string(std::strerror(system_errno)) : what) +
                                         "): its file system may not support file locks; keep the archive on a local disk"};
      }
      return Error{ErrorKind::kIo, "input/output error on " + where + ": " +
                                       (system_errno != 0 ? std::string(std::strerror(system_errno)) : what)};
    case SQLITE_NOMEM:
      throw std::bad_alloc();
    default:
      return Error{ErrorKind::kInternal, where + ": " + what};
  }
}

}  // namespace winnow::archive
