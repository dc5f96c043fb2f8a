// Writes rendered articles: whole files replaced atomically, so a reader never sees half an output.
#pragma once

#include <filesystem>
#include <string_view>

#include "winnow/result.h"

namespace winnow::cli {

// Writes `data` to `target` atomically: creates the missing parent
// directories, writes a temporary file beside `target`, then renames it over
// `target`. Returns `target` on success; on failure (kIo) no temporary file is
// left behind and an existing `target` is untouched.
Result<std::filesystem::path> write_file_atomically(const std::filesystem::path& target,
                                                    std::string_view data);

}  // namespace winnow::cli
