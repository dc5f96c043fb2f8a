// Transparent reading of compressed inputs: gzip, zstd and bzip2 are known by their magic bytes and inflated with a cap.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "winnow/result.h"

namespace winnow::cli {

enum class Compression { kNone, kGzip, kZstd, kBzip2 };

// The compression whose magic bytes start `head` (gzip 1f 8b, zstd 28 b5 2f fd,
// bzip2 "BZh1".."BZh9" followed by a block or end-of-stream marker), else kNone.
Compression detect_compression(std::string_view head);

// "gzip", "zstd", "bzip2", or "" for kNone: for messages.
std::string_view compression_name(Compression compression);

// True when `name` ends in .gz, .zst or .bz2 (any case): such a file's own
// type is that of its name without this extension.
bool has_compression_extension(std::string_view name);

// Inflates `data` (every concatenated member or frame). Fails with kTooLarge
// as soon as the output would exceed `max_bytes`, so a compression bomb costs
// no more than the cap, and with kInvalidInput for damaged or truncated data.
// kNone returns `data` unchanged (still capped).
Result<std::string> decompress(std::string_view data, Compression compression, std::size_t max_bytes);

// The first `max_bytes` bytes of the inflated `data` (fewer when it inflates to
// less); damage after them is not noticed. For sniffing what a file holds.
Result<std::string> decompress_prefix(std::string_view data, Compression compression, std::size_t max_bytes);

}  // namespace winnow::cli
