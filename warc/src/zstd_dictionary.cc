// Reading and writing the .warc.zst dictionary frame.
#include "zstd_dictionary.h"

#include <zstd.h>

#include <memory>

namespace winnow::warc {
namespace {

constexpr unsigned long long kMaxDictionary = 64ull << 20;

struct DCtxFree {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

}  // namespace

uint32_t read_le32(std::string_view bytes) {
  uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  return value;
}

std::string le32(uint32_t value) {
  std::string out(4, '\0');
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  return out;
}

Result<std::string> dictionary_from_frame(std::string_view payload) {
  std::string dictionary;
  if (payload.size() >= 4 && read_le32(payload) == kZstdFrameMagic) {
    // Streamed, not sized from the frame header: a damaged header must not make us allocate what it claims.
    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    if (!context) throw std::bad_alloc();
    ZSTD_inBuffer in{payload.data(), payload.size(), 0};
    std::string chunk(1 << 16, '\0');
    std::size_t rc = 1;
    while (rc != 0) {
      ZSTD_outBuffer out{chunk.data(), chunk.size(), 0};
      rc = ZSTD_decompressStream(context.get(), &out, &in);
      if (ZSTD_isError(rc)) {
        return Error{ErrorKind::kInvalidInput,
                     std::string("the compressed dictionary is damaged (") + ZSTD_getErrorName(rc) + ")"};
      }
      dictionary.append(chunk.data(), out.pos);
      if (dictionary.size() > kMaxDictionary) return Error{ErrorKind::kTooLarge, "the dictionary is over 64 MiB"};
      if (rc != 0 && in.pos == in.size && out.pos < out.size) {
        return Error{ErrorKind::kInvalidInput, "the compressed dictionary is truncated"};
      }
    }
    if (in.pos != in.size) return Error{ErrorKind::kInvalidInput, "the dictionary frame has bytes after its dictionary"};
  } else {
    dictionary.assign(payload);
  }
  if (dictionary.size() < 8 || read_le32(dictionary) != kZstdDictionaryMagic) {
    return Error{ErrorKind::kInvalidInput, "the dictionary frame does not hold a zstd dictionary"};
  }
  return dictionary;
}

std::string dictionary_frame(std::string_view dictionary) {
  std::string compressed(ZSTD_compressBound(dictionary.size()), '\0');
  const std::size_t size = ZSTD_compress(compressed.data(), compressed.size(), dictionary.data(), dictionary.size(), 19);
  if (ZSTD_isError(size)) throw std::bad_alloc();  // only a resource failure can make compressing a buffer fail
  compressed.resize(size);
  return le32(kZstdDictionaryFrameMagic) + le32(static_cast<uint32_t>(compressed.size())) + compressed;
}

}  // namespace winnow::warc
