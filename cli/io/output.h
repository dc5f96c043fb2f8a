// Writes rendered articles: whole files replaced atomically, so a reader never sees half an output.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "winnow/result.h"

namespace winnow::cli {

// Makes sure `directory` can take the outputs of a batch before any work
// starts: creates it (and its parents) when missing. Returns an error that
// says what to do when it is not a directory (kInvalidInput), or cannot be
// created or written into (kIo); nullopt when it is ready.
std::optional<Error> prepare_output_directory(const std::filesystem::path& directory);

// Writes `data` to `target` atomically: creates the missing parent
// directories, writes a temporary file beside `target`, then renames it over
// `target` (its name kept within NAME_MAX however long `target`'s is).
// Returns `target` on success; on failure (kIo) no temporary file is
// left behind and an existing `target` is untouched.
Result<std::filesystem::path> write_file_atomically(const std::filesystem::path& target,
                                                    std::string_view data);

}  // namespace winnow::cli
