// zstd frames for blobs; a delta is an ordinary frame compressed with ZSTD_CCtx_refPrefix (zstd's patch-from mode).
#include "blobs/codec.h"

// ZSTD_d_stableOutBuffer: packs are decoded straight into the caller's buffer.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <algorithm>
#include <bit>
#include <new>
#include <stdexcept>

namespace winnow::archive {
namespace {

void check(std::size_t code, const char* what) {
  if (ZSTD_isError(code)) throw std::runtime_error(std::string("zstd ") + what + ": " + ZSTD_getErrorName(code));
}

// The window must reach back over the whole prefix, or the delta loses its matches.
int window_log_for(std::size_t prefix_size, std::size_t content_size) {
  const std::size_t span = std::max<std::size_t>(prefix_size + content_size, 1);
  const int log = static_cast<int>(std::bit_width(span - 1));
  return std::clamp(log, 10, 27);
}

}  // namespace

Dictionary make_dictionary(std::string_view bytes, int level) {
  Dictionary dictionary;
  dictionary.compress.reset(ZSTD_createCDict(bytes.data(), bytes.size(), level));
  dictionary.decompress.reset(ZSTD_createDDict(bytes.data(), bytes.size()));
  if (!dictionary.compress || !dictionary.decompress) throw std::bad_alloc();
  return dictionary;
}

Codec::Codec() : compressor_(ZSTD_createCCtx()), decompressor_(ZSTD_createDCtx()) {
  if (!compressor_ || !decompressor_) throw std::bad_alloc();
}

std::string Codec::compress(std::string_view content, int level, std::string_view prefix,
                            const Dictionary* dictionary) {
  ZSTD_CCtx* cctx = compressor_.get();
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  check(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level), "level");
  check(ZSTD_CCtx_setPledgedSrcSize(cctx, content.size()), "size");
  if (!prefix.empty()) {
    check(ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, window_log_for(prefix.size(), content.size())), "window");
    check(ZSTD_CCtx_refPrefix(cctx, prefix.data(), prefix.size()), "prefix");
  } else if (dictionary != nullptr) {
    check(ZSTD_CCtx_refCDict(cctx, dictionary->compress.get()), "dictionary");
  }
  std::string frame(ZSTD_compressBound(content.size()), '\0');
  const std::size_t size = ZSTD_compress2(cctx, frame.data(), frame.size(), content.data(), content.size());
  check(size, "compression");
  frame.resize(size);
  return frame;
}

std::optional<DecodedHead> Codec::decompress_head(const FrameReader& read, std::size_t expected_size,
                                                  std::size_t wanted, std::string& why) {
  constexpr std::size_t kStep = 64u << 10;
  std::string chunk(kStep, '\0');
  std::size_t got = read(0, chunk.data(), chunk.size());
  const unsigned long long declared = ZSTD_getFrameContentSize(chunk.data(), got);
  if (declared != expected_size || expected_size > kMaxPackSize) {
    why = "frame declares " + std::to_string(declared) + " bytes, expected " + std::to_string(expected_size);
    return std::nullopt;
  }
  wanted = std::min(wanted, expected_size);
  DecodedHead head;
  head.total = expected_size;
  head.bytes.reset(new char[std::max<std::size_t>(expected_size, 1)]);  // not zeroed: untouched pages stay unmapped
  ZSTD_DCtx* dctx = decompressor_.get();
  ZSTD_DCtx_reset(dctx, ZSTD_reset_session_and_parameters);
  ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, 27);
  // zstd decodes into this buffer itself: no window buffer of its own, no copy out of it.
  ZSTD_DCtx_setParameter(dctx, ZSTD_d_stableOutBuffer, 1);
  ZSTD_outBuffer out{head.bytes.get(), expected_size, 0};
  // Compressed input a piece at a time, so reading and decoding stop soon after the wanted bytes.
  std::size_t fed = 0;
  while (out.pos < wanted && got > 0) {
    ZSTD_inBuffer in{chunk.data(), got, 0};
    const std::size_t rc = ZSTD_decompressStream(dctx, &out, &in);
    if (ZSTD_isError(rc)) {
      why = ZSTD_getErrorName(rc);
      return std::nullopt;
    }
    if (rc == 0) break;  // the frame is complete
    fed += in.pos;       // zstd keeps what it took of a partial block; the rest is read again
    got = read(fed, chunk.data(), chunk.size());
  }
  if (out.pos < wanted) {
    why = "frame is truncated";
    return std::nullopt;
  }
  head.decoded = out.pos;
  return head;
}

std::optional<std::string> Codec::decompress(std::string_view frame, std::size_t expected_size,
                                             std::string_view prefix, const Dictionary* dictionary,
                                             std::string& why) {
  const unsigned long long declared = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN) {
    why = "not a zstd frame";
    return std::nullopt;
  }
  if (declared != expected_size || expected_size > kMaxPackSize) {
    why = "frame declares " + std::to_string(declared) + " bytes, expected " + std::to_string(expected_size);
    return std::nullopt;
  }
  ZSTD_DCtx* dctx = decompressor_.get();
  ZSTD_DCtx_reset(dctx, ZSTD_reset_session_and_parameters);
  ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, 27);
  std::size_t rc = 0;
  if (!prefix.empty()) {
    rc = ZSTD_DCtx_refPrefix(dctx, prefix.data(), prefix.size());
  } else if (dictionary != nullptr) {
    rc = ZSTD_DCtx_refDDict(dctx, dictionary->decompress.get());
  }
  if (ZSTD_isError(rc)) {
    why = ZSTD_getErrorName(rc);
    return std::nullopt;
  }
  std::string content(expected_size, '\0');
  ZSTD_inBuffer in{frame.data(), frame.size(), 0};
  ZSTD_outBuffer out{content.data(), content.size(), 0};
  // One call: the whole frame into a buffer of exactly the declared size; anything left over is damage.
  rc = ZSTD_decompressStream(dctx, &out, &in);
  if (ZSTD_isError(rc)) {
    why = ZSTD_getErrorName(rc);
    return std::nullopt;
  }
  if (rc != 0 || in.pos != in.size || out.pos != expected_size) {
    why = "frame is truncated or has trailing bytes";
    return std::nullopt;
  }
  return content;
}

}  // namespace winnow::archive
