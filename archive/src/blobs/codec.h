// zstd for blobs: full copies and packs, deltas against a base's bytes (prefix mode), and frames of older archives made with a trained dictionary.
#pragma once

#include <zstd.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::archive {

// The largest blob content the archive accepts (and will allocate for on read).
inline constexpr std::size_t kMaxBlobSize = 256u << 20;
// The largest pack (its members' bytes together) the archive writes or reads.
inline constexpr std::size_t kMaxPackSize = 512u << 20;

struct CCtxFree {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};
struct CDictFree {
  void operator()(ZSTD_CDict* dictionary) const { ZSTD_freeCDict(dictionary); }
};
struct DDictFree {
  void operator()(ZSTD_DDict* dictionary) const { ZSTD_freeDDict(dictionary); }
};

// A trained dictionary, digested once for compression and once for decompression.
struct Dictionary {
  std::unique_ptr<ZSTD_CDict, CDictFree> compress;
  std::unique_ptr<ZSTD_DDict, DDictFree> decompress;
};

// Digests dictionary bytes for `level`. Throws std::bad_alloc if zstd cannot.
Dictionary make_dictionary(std::string_view bytes, int level);

// The head of a decompressed frame: `decoded` bytes of a buffer sized for all of it.
struct DecodedHead {
  std::unique_ptr<char[]> bytes;
  std::size_t decoded = 0;  // bytes valid at the start of `bytes`
  std::size_t total = 0;    // the frame's whole content size
  std::string_view view() const { return {bytes.get(), decoded}; }
};

// Compression and decompression contexts, reused across blobs.
class Codec {
 public:
  Codec();

  // One zstd frame of `content`: against `prefix` when given (a delta), else
  // with `dictionary` when given, else alone. Throws std::runtime_error on a
  // zstd error (which only a bug or lack of memory can cause).
  std::string compress(std::string_view content, int level, std::string_view prefix = {},
                       const Dictionary* dictionary = nullptr);

  // Decompresses one frame made by compress() with the same prefix or
  // dictionary. nullopt (with `why` set) when the frame is damaged or does not
  // decode to exactly `expected_size` bytes.
  std::optional<std::string> decompress(std::string_view frame, std::size_t expected_size, std::string_view prefix,
                                        const Dictionary* dictionary, std::string& why);

  // The first `wanted` (or more) bytes of a frame of `expected_size` (a pack), decoded straight into one
  // buffer of the frame's size whose pages past them are never touched (a read of a pack's head costs
  // only that head). nullopt (with `why` set) when the frame is damaged, declares another size, or ends early.
  // The compressed frame is read piece by piece through `read` (fills `out` with the frame's bytes from
  // `offset`, returning how many; 0 at its end), so only what the head needs is read at all.
  using FrameReader = std::function<std::size_t(std::size_t offset, char* out, std::size_t size)>;
  std::optional<DecodedHead> decompress_head(const FrameReader& read, std::size_t expected_size, std::size_t wanted,
                                             std::string& why);

 private:
  std::unique_ptr<ZSTD_CCtx, CCtxFree> compressor_;
  std::unique_ptr<ZSTD_DCtx, DCtxFree> decompressor_;
};

}  // namespace winnow::archive
