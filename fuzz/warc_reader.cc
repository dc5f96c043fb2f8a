// Fuzz target: the WARC reader over all three compressions (none, gzip, zstd), and decoded_payload on every record.
//
// Input: one mode byte, then the file. Mode & 3: 0 and 1 = the bytes as they are (the reader sniffs
// them: seeds hold real plain, gzip and zstd files); 2 = the bytes gzip-compressed here, a member per
// record (cut before each "WARC/" that starts a line), so mutations reach the record parser behind
// gzip; 3 = the same with a zstd frame per record.
#include <zlib.h>
#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks.h"
#include "winnow/warc.h"

using namespace winnow;

namespace {

// The input cut before every "WARC/" at the start of a line.
std::vector<std::string_view> record_pieces(std::string_view bytes) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t at = bytes.find("\nWARC/"); at != std::string_view::npos; at = bytes.find("\nWARC/", at + 1)) {
    pieces.push_back(bytes.substr(start, at + 1 - start));
    start = at + 1;
  }
  pieces.push_back(bytes.substr(start));
  return pieces;
}

std::string gzip_members(std::string_view bytes) {
  std::string out;
  for (std::string_view piece : record_pieces(bytes)) {
    z_stream stream{};
    deflateInit2(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string member(deflateBound(&stream, piece.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    stream.avail_in = static_cast<uInt>(piece.size());
    stream.next_out = reinterpret_cast<Bytef*>(member.data());
    stream.avail_out = static_cast<uInt>(member.size());
    deflate(&stream, Z_FINISH);
    member.resize(stream.total_out);
    deflateEnd(&stream);
    out += member;
  }
  return out;
}

std::string zstd_frames(std::string_view bytes) {
  std::string out;
  for (std::string_view piece : record_pieces(bytes)) {
    std::string frame(ZSTD_compressBound(piece.size()), '\0');
    const std::size_t written = ZSTD_compress(frame.data(), frame.size(), piece.data(), piece.size(), 1);
    if (ZSTD_isError(written)) continue;
    frame.resize(written);
    out += frame;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string file;
  switch (data[0] & 3) {
    case 2: file = gzip_members(bytes); break;
    case 3: file = zstd_frames(bytes); break;
    default: file = std::string(bytes); break;
  }
  warc::Limits limits;
  limits.max_header_bytes = 64 << 10;
  limits.max_block_bytes = 1 << 20;
  limits.max_decoded_bytes = 1 << 20;

  (void)warc::looks_like_warc(file);
  Result<warc::Reader> reader = warc::Reader::from_bytes(file, "fuzz.warc", limits);
  if (!reader) {
    fuzz::require(reader.error().kind == ErrorKind::kInvalidInput, "open failed with an unexpected kind", reader.error().message);
    return 0;
  }
  uint64_t previous_offset = 0;
  for (int count = 0; count < 1000; ++count) {
    Result<std::optional<warc::Record>> next = reader.value().next();
    if (!next) {
      const ErrorKind kind = next.error().kind;
      fuzz::require(kind == ErrorKind::kInvalidInput || kind == ErrorKind::kTooLarge, "next() failed with an unexpected kind",
                    next.error().message);
      Result<std::optional<warc::Record>> again = reader.value().next();
      fuzz::require(!again && again.error().message == next.error().message, "next() after an error is not the same error");
      break;
    }
    if (!next.value()) break;
    const warc::Record& record = *next.value();
    if (!record.offset_is_decompressed) {
      fuzz::require(record.offset >= previous_offset, "record offsets go backwards");
      fuzz::require(record.offset + record.length <= file.size(), "a record ends past the file");
      previous_offset = record.offset + record.length;
    }
    if (record.block_truncated) {
      fuzz::require(record.block.empty(), "a skipped block holds bytes");
    } else {
      fuzz::require(record.block.size() == record.content_length, "a block's size is not its Content-Length");
    }
    const std::string_view payload = record.payload();
    fuzz::require(payload.empty() || (payload.data() >= record.block.data() &&
                                      payload.data() + payload.size() <= record.block.data() + record.block.size()),
                  "payload() is not inside the block");
    if (record.http) fuzz::require(record.http->head_bytes <= record.block.size(), "the HTTP head ends past the block");
    (void)record.target_uri();
    (void)record.record_id();
    (void)record.date();
    (void)warc::record_type_name(record.type);
    Result<std::string> decoded = warc::decoded_payload(record, limits);
    if (decoded) {
      fuzz::require(decoded.value().size() <= limits.max_decoded_bytes, "decoded_payload passed max_decoded_bytes");
    } else {
      const ErrorKind kind = decoded.error().kind;
      fuzz::require(kind == ErrorKind::kInvalidInput || kind == ErrorKind::kUnsupported || kind == ErrorKind::kTooLarge,
                    "decoded_payload failed with an unexpected kind", decoded.error().message);
    }
  }
  return 0;
}
