// What a WARC file's first bytes say about how it is compressed.
#pragma once

#include <string_view>

namespace winnow::warc {

enum class Format { kEmpty, kPlain, kGzip, kZstd, kUnknown };

// The format the first bytes (at least 5 when the file has them) announce: "WARC/", gzip magic, zstd frame or
// dictionary frame magic; kEmpty for no bytes.
Format sniff_format(std::string_view first_bytes);

}  // namespace winnow::warc
