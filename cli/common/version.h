// What `winnow --version` prints: winnow's version and commit, and the versions of the libraries it runs with.
#pragma once

#include <string>

namespace winnow::cli {

// "winnow 0.1.0 (commit 1a2b3c4d5e6f)\nGumbo 0.10.1 (built against), libcurl 7.88.1, zstd 1.5.4, SQLite 3.40.1".
std::string version_text();

}  // namespace winnow::cli
