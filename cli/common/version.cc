// `winnow --version`: the version and commit written at build time, and each library's own version call.
#include "common/version.h"

#include "version_info.h"
#include "winnow/archive.h"
#include "winnow/clean.h"
#include "winnow/fetch.h"

namespace winnow::cli {

std::string version_text() {
  return std::string("winnow ") + WINNOW_VERSION + " (commit " + WINNOW_COMMIT + ")\nGumbo " + clean::gumbo_version() +
         " (built against), libcurl " + fetch::libcurl_version() + ", zstd " + archive::zstd_version() + ", SQLite " +
         archive::sqlite_version();
}

}  // namespace winnow::cli
