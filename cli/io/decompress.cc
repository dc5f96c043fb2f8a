// Inflates gzip (zlib), zstd (libzstd) and bzip2 (libbz2) inputs into a capped buffer, member after member.
#include "io/decompress.h"

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

namespace winnow::cli {
namespace {

constexpr std::size_t kChunk = 1 << 16;

// Collects inflated bytes up to a cap. In prefix mode reaching the cap is
// success (the caller only wants the head); otherwise it is kTooLarge.
class CappedOutput {
 public:
  CappedOutput(std::size_t max_bytes, bool prefix) : max_bytes_(max_bytes), prefix_(prefix) {}

  // Appends what fits; returns false once the cap is reached.
  bool append(const char* data, std::size_t size) {
    const std::size_t room = max_bytes_ - bytes_.size();
    bytes_.append(data, std::min(size, room));
    if (size > room || (prefix_ && bytes_.size() == max_bytes_)) full_ = true;
    return !full_;
  }
  bool full() const { return full_; }

  Result<std::string> finish(Compression compression) && {
    if (full_ && !prefix_) {
      const std::string limit = max_bytes_ % (1u << 20) == 0 ? std::to_string(max_bytes_ >> 20) + " MiB"
                                                             : std::to_string(max_bytes_) + " bytes";
      return Error{ErrorKind::kTooLarge, std::string(compression_name(compression)) + " input inflates to more than the " +
                                             limit + " limit; only pages up to that size are read"};
    }
    return std::move(bytes_);
  }

 private:
  std::string bytes_;
  std::size_t max_bytes_;
  bool prefix_;
  bool full_ = false;
};

Error damaged(Compression compression, std::string_view what) {
  return Error{ErrorKind::kInvalidInput, std::string(compression_name(compression)) + " data is " +
                                             std::string(what) + "; the file may be cut short or damaged"};
}

// zlib and libbz2 count their input in 32 bits, so `data` is fed to them in
// windows of at most 4 GiB: the first one now, the next each time they have
// used theirs. `remaining` is what is left after the current window.
template <class Count>
class InputWindows {
 public:
  InputWindows(std::string_view data, Count& avail_in) : avail_in_(avail_in) {
    avail_in_ = static_cast<Count>(std::min<std::size_t>(data.size(), UINT32_MAX));
    remaining_ = data.size() - avail_in_;
  }
  // Gives the decoder its next window once it has used the last one.
  void refill() {
    if (avail_in_ != 0 || remaining_ == 0) return;
    const std::size_t more = std::min<std::size_t>(remaining_, UINT32_MAX);
    avail_in_ = static_cast<Count>(more);
    remaining_ -= more;
  }

 private:
  Count& avail_in_;
  std::size_t remaining_ = 0;
};

Result<std::string> inflate_gzip(std::string_view data, CappedOutput out) {
  z_stream stream{};
  // 15 + 32: a zlib or gzip header, detected.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) return Error{ErrorKind::kInternal, "cannot start zlib"};
  std::unique_ptr<z_stream, int (*)(z_stream*)> owner(&stream, inflateEnd);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  InputWindows<uInt> windows(data, stream.avail_in);
  char chunk[kChunk];
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = kChunk;
    const int status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) return damaged(Compression::kGzip, "damaged");
    if (!out.append(chunk, kChunk - stream.avail_out)) break;
    windows.refill();
    if (status == Z_STREAM_END) {
      // Another member may follow (cat a.gz b.gz); trailing zero padding is allowed.
      if (stream.avail_in == 0 || (stream.avail_in >= 2 && stream.next_in[0] != 0x1f)) break;
      if (inflateReset(&stream) != Z_OK) return damaged(Compression::kGzip, "damaged");
      continue;
    }
    if (status == Z_BUF_ERROR && stream.avail_in == 0) return damaged(Compression::kGzip, "truncated");
  }
  return std::move(out).finish(Compression::kGzip);
}

Result<std::string> inflate_zstd(std::string_view data, CappedOutput out) {
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(), ZSTD_freeDStream);
  if (!stream) return Error{ErrorKind::kInternal, "cannot start zstd"};
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  char chunk[kChunk];
  std::size_t last = 0;
  while (in.pos < in.size || last != 0) {
    ZSTD_outBuffer buffer{chunk, kChunk, 0};
    last = ZSTD_decompressStream(stream.get(), &buffer, &in);
    if (ZSTD_isError(last)) return damaged(Compression::kZstd, ZSTD_getErrorName(last));
    if (!out.append(chunk, buffer.pos)) break;
    if (in.pos == in.size && last != 0 && buffer.pos < kChunk) return damaged(Compression::kZstd, "truncated");
  }
  return std::move(out).finish(Compression::kZstd);
}

Result<std::string> inflate_bzip2(std::string_view data, CappedOutput out) {
  bz_stream stream{};
  if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) return Error{ErrorKind::kInternal, "cannot start bzip2"};
  std::unique_ptr<bz_stream, int (*)(bz_stream*)> owner(&stream, BZ2_bzDecompressEnd);
  stream.next_in = const_cast<char*>(data.data());
  InputWindows<unsigned> windows(data, stream.avail_in);
  char chunk[kChunk];
  while (true) {
    stream.next_out = chunk;
    stream.avail_out = kChunk;
    const int status = BZ2_bzDecompress(&stream);
    if (status != BZ_OK && status != BZ_STREAM_END) return damaged(Compression::kBzip2, "damaged");
    if (!out.append(chunk, kChunk - stream.avail_out)) break;
    windows.refill();
    if (status == BZ_STREAM_END) {
      // pbzip2 and `cat a.bz2 b.bz2` give several streams.
      if (stream.avail_in == 0) break;
      char* next = stream.next_in;
      const unsigned avail = stream.avail_in;
      BZ2_bzDecompressEnd(&stream);
      stream = bz_stream{};
      if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) return Error{ErrorKind::kInternal, "cannot start bzip2"};
      stream.next_in = next;
      stream.avail_in = avail;
      continue;
    }
    if (stream.avail_in == 0 && stream.avail_out != 0) return damaged(Compression::kBzip2, "truncated");
  }
  return std::move(out).finish(Compression::kBzip2);
}

Result<std::string> inflate_any(std::string_view data, Compression compression, CappedOutput out) {
  switch (compression) {
    case Compression::kGzip: return inflate_gzip(data, std::move(out));
    case Compression::kZstd: return inflate_zstd(data, std::move(out));
    case Compression::kBzip2: return inflate_bzip2(data, std::move(out));
    case Compression::kNone: break;
  }
  out.append(data.data(), data.size());
  return std::move(out).finish(compression);
}

}  // namespace

Compression detect_compression(std::string_view head) {
  if (head.starts_with("\x1f\x8b")) return Compression::kGzip;
  if (head.starts_with("\x28\xb5\x2f\xfd")) return Compression::kZstd;
  // "BZh" and a block size digit, then the block magic (pi) or the end-of-stream magic (sqrt pi).
  if (head.size() >= 10 && head.starts_with("BZh") && head[3] >= '1' && head[3] <= '9' &&
      (head.substr(4, 6) == "\x31\x41\x59\x26\x53\x59" || head.substr(4, 6) == "\x17\x72\x45\x38\x50\x90")) {
    return Compression::kBzip2;
  }
  return Compression::kNone;
}

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kBzip2: return "bzip2";
    case Compression::kNone: break;
  }
  return "";
}

bool has_compression_extension(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b + 32 : b); });
  };
  return ends_with(".gz") || ends_with(".zst") || ends_with(".bz2");
}

Result<std::string> decompress(std::string_view data, Compression compression, std::size_t max_bytes) {
  return inflate_any(data, compression, CappedOutput(max_bytes, false));
}

Result<std::string> decompress_prefix(std::string_view data, Compression compression, std::size_t max_bytes) {
  return inflate_any(data, compression, CappedOutput(max_bytes, true));
}

}  // namespace winnow::cli
