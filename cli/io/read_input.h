// Reads the bytes of one input (file or stdin) with a size cap, before cleaning.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "io/inputs.h"
#include "winnow/result.h"

namespace winnow::cli {

// The largest list of pages or URLs (--from LIST, -i FILE) read with read_input().
constexpr std::size_t kMaxListBytes = 256u << 20;

// Reads `input` in binary. Fails with kTooLarge when it holds more than
// `max_bytes` (a regular file is refused from its size, before reading) and
// with kIo when it cannot be opened or read. Does not look at `input.error`.
// Gzip, zstd and bzip2 data (known by its magic bytes, whatever the name) is
// inflated first, within the same cap (kTooLarge beyond it, kInvalidInput
// when damaged or truncated).
Result<std::string> read_input(const Input& input, std::size_t max_bytes);

// The first `max_bytes` bytes of the file's content (inflated when it is
// compressed), for sniffing what it holds. Fails (kIo) when it cannot be opened.
Result<std::string> read_head(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace winnow::cli
