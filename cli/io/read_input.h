// Reads the bytes of one input (file or stdin) with a size cap, before cleaning.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

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

// The first bytes of standard input (up to `max_bytes`, fewer at its end), read
// once and kept: later calls return the same bytes, and whoever reads standard
// input next gets them first (read_input, or take_peeked_stdin). For sniffing
// what a pipe holds without losing it. Main thread only, before any worker starts.
std::string_view peek_stdin(std::size_t max_bytes);

// Hands over the bytes peek_stdin() kept (empty when none); the rest of
// standard input follows them on file descriptor 0.
std::string take_peeked_stdin();

}  // namespace winnow::cli
