// The versions of SQLite and zstd this process runs with, for `winnow --version`.
#include <sqlite3.h>
#include <zstd.h>

#include "winnow/archive.h"

namespace winnow::archive {

std::string sqlite_version() { return sqlite3_libversion(); }

std::string zstd_version() { return ZSTD_versionString(); }

}  // namespace winnow::archive
