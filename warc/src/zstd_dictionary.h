// The .warc.zst dictionary frame: a skippable frame (magic 0x184D2A5D) holding a zstd dictionary, itself possibly zstd-compressed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/result.h"

namespace winnow::warc {

constexpr uint32_t kZstdFrameMagic = 0xFD2FB528;
constexpr uint32_t kZstdDictionaryFrameMagic = 0x184D2A5D;
constexpr uint32_t kZstdDictionaryMagic = 0xEC30A437;

// The little-endian 32-bit number at `bytes` (which holds at least 4 bytes).
uint32_t read_le32(std::string_view bytes);
// `value` as 4 little-endian bytes.
std::string le32(uint32_t value);
// True for the magic numbers of zstd's skippable frames (0x184D2A50..0x184D2A5F).
inline bool is_skippable_magic(uint32_t magic) { return (magic & 0xFFFFFFF0u) == 0x184D2A50u; }

// The dictionary held by a dictionary frame's payload (the bytes after its 8-byte header): decompressed when it is
// a zstd frame (at most 64 MiB), then checked for the dictionary magic. kInvalidInput when damaged.
Result<std::string> dictionary_from_frame(std::string_view payload);

// A whole dictionary frame for `dictionary`, compressed with zstd as the proposal allows.
std::string dictionary_frame(std::string_view dictionary);

}  // namespace winnow::warc
