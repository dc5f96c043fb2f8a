// sniff_format() and looks_like_warc(): recognising a WARC file from its first bytes.
#include "sniff.h"

#include <zlib.h>
#include <zstd.h>

#include <memory>
#include <string>

#include "winnow/warc.h"
#include "zstd_dictionary.h"

namespace winnow::warc {
namespace {

struct DCtxFree {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

// Whether the first bytes a gzip stream inflates to (from a possibly cut-off prefix) start with "WARC/".
bool gzip_starts_warc(std::string_view bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return false;
  char out[16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out);
  stream.avail_out = 5;
  inflate(&stream, Z_SYNC_FLUSH);
  const bool warc = stream.avail_out == 0 && std::string_view(out, 5) == "WARC/";
  inflateEnd(&stream);
  return warc;
}

bool zstd_starts_warc(std::string_view bytes) {
  std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
  if (!context) return false;
  char out[16];
  ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
  ZSTD_outBuffer buffer{out, 5, 0};
  while (buffer.pos < 5 && in.pos < in.size) {
    const std::size_t before = in.pos;
    if (ZSTD_isError(ZSTD_decompressStream(context.get(), &buffer, &in)) || (in.pos == before && buffer.pos < 5)) break;
  }
  return buffer.pos == 5 && std::string_view(out, 5) == "WARC/";
}

}  // namespace

Format sniff_format(std::string_view first_bytes) {
  if (first_bytes.empty()) return Format::kEmpty;
  if (first_bytes.starts_with("WARC/")) return Format::kPlain;
  if (first_bytes.size() >= 2 && static_cast<unsigned char>(first_bytes[0]) == 0x1f &&
      static_cast<unsigned char>(first_bytes[1]) == 0x8b) {
    return Format::kGzip;
  }
  if (first_bytes.size() >= 4) {
    const uint32_t magic = read_le32(first_bytes);
    if (magic == kZstdFrameMagic || magic == kZstdDictionaryFrameMagic) return Format::kZstd;
  }
  return Format::kUnknown;
}

bool looks_like_warc(std::string_view first_bytes) {
  switch (sniff_format(first_bytes)) {
    case Format::kPlain:
      return true;
    case Format::kGzip:
      return gzip_starts_warc(first_bytes);
    case Format::kZstd:
      // A dictionary frame says "zstd WARC" by itself; a bare frame must decompress to a WARC line.
      return read_le32(first_bytes) == kZstdDictionaryFrameMagic || zstd_starts_warc(first_bytes);
    default:
      return false;
  }
}

}  // namespace winnow::warc
