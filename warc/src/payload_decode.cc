// decoded_payload(): undoes chunked transfer-encoding and gzip/deflate/br/zstd content-encodings, within a size limit.
#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <memory>
#include <vector>

#include "winnow/ascii.h"
#include "winnow/http_headers.h"
#include "winnow/warc.h"

namespace winnow::warc {
namespace {

constexpr std::size_t kChunk = 1 << 16;

Error too_large(const Limits& limits) {
  return Error{ErrorKind::kTooLarge,
               "the decoded payload is larger than " + std::to_string(limits.max_decoded_bytes) + " bytes"};
}

Result<std::string> dechunk(std::string_view body, const Limits& limits) {
  std::string out;
  for (;;) {
    const std::size_t eol = body.find('\n');
    if (eol == std::string_view::npos) return Error{ErrorKind::kInvalidInput, "the chunked payload is cut off in a chunk size"};
    std::string_view line = body.substr(0, eol);
    body.remove_prefix(eol + 1);
    line = ascii::trim(line.substr(0, line.find(';')));
    uint64_t size = 0;
    if (line.empty() || line.size() > 15) return Error{ErrorKind::kInvalidInput, "the chunked payload has a bad chunk size"};
    for (const char c : line) {
      const int digit = ascii::is_digit(c) ? c - '0' : (ascii::lower(c) >= 'a' && ascii::lower(c) <= 'f') ? ascii::lower(c) - 'a' + 10 : -1;
      if (digit < 0) return Error{ErrorKind::kInvalidInput, "the chunked payload has a bad chunk size"};
      size = size * 16 + static_cast<uint64_t>(digit);
    }
    if (size == 0) return out;  // trailers, if any, are not payload
    if (size > body.size()) return Error{ErrorKind::kInvalidInput, "the chunked payload is cut off inside a chunk"};
    if (out.size() + size > limits.max_decoded_bytes) return too_large(limits);
    out.append(body.substr(0, static_cast<std::size_t>(size)));
    body.remove_prefix(static_cast<std::size_t>(size));
    if (body.starts_with("\r\n")) {
      body.remove_prefix(2);
    } else if (body.starts_with("\n")) {
      body.remove_prefix(1);
    } else {
      return Error{ErrorKind::kInvalidInput, "the chunked payload has no line end after a chunk"};
    }
  }
}

// zlib inflate: window_bits 15+32 reads gzip or zlib, -15 raw deflate.
Result<std::string> inflate_all(std::string_view in, int window_bits, const Limits& limits) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) throw std::bad_alloc();
  std::unique_ptr<z_stream, int (*)(z_stream*)> owner(&stream, inflateEnd);
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  for (;;) {
    const std::size_t old = out.size();
    out.resize(old + kChunk);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + old);
    stream.avail_out = kChunk;
    const int rc = inflate(&stream, Z_NO_FLUSH);
    out.resize(old + kChunk - stream.avail_out);
    if (out.size() > limits.max_decoded_bytes) return too_large(limits);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are one payload (RFC 1952); anything else after the stream is ignored.
      if (window_bits == 15 + 32 && stream.avail_in >= 2 && stream.next_in[0] == 0x1f && stream.next_in[1] == 0x8b) {
        inflateReset(&stream);
        continue;
      }
      return out;
    }
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) return Error{ErrorKind::kInvalidInput, "the compressed payload is truncated"};
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Error{ErrorKind::kInvalidInput, std::string("the compressed payload is damaged (") +
                                                 (stream.msg ? stream.msg : "inflate failed") + ")"};
    }
  }
}

Result<std::string> deflate_decode(std::string_view in, const Limits& limits) {
  // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
  Result<std::string> wrapped = inflate_all(in, 15 + 32, limits);
  if (wrapped || wrapped.error().kind == ErrorKind::kTooLarge) return wrapped;
  return inflate_all(in, -15, limits);
}

Result<std::string> brotli_decode(std::string_view in, const Limits& limits) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  if (!state) throw std::bad_alloc();
  std::string out;
  std::size_t available_in = in.size();
  const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
  for (;;) {
    const std::size_t old = out.size();
    out.resize(old + kChunk);
    std::size_t available_out = kChunk;
    auto* next_out = reinterpret_cast<uint8_t*>(out.data() + old);
    const BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state.get(), &available_in, &next_in, &available_out, &next_out, nullptr);
    out.resize(old + kChunk - available_out);
    if (out.size() > limits.max_decoded_bytes) return too_large(limits);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) return out;
    if (rc == BROTLI_DECODER_RESULT_ERROR) return Error{ErrorKind::kInvalidInput, "the brotli payload is damaged"};
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return Error{ErrorKind::kInvalidInput, "the brotli payload is truncated"};
  }
}

Result<std::string> zstd_decode(std::string_view in, const Limits& limits) {
  std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) throw std::bad_alloc();
  std::string out;
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::size_t rc = 0;
  do {
    const std::size_t old = out.size();
    out.resize(old + kChunk);
    ZSTD_outBuffer output{out.data() + old, kChunk, 0};
    rc = ZSTD_decompressStream(context.get(), &output, &input);
    out.resize(old + output.pos);
    if (ZSTD_isError(rc)) {
      return Error{ErrorKind::kInvalidInput, std::string("the zstd payload is damaged (") + ZSTD_getErrorName(rc) + ")"};
    }
    if (out.size() > limits.max_decoded_bytes) return too_large(limits);
    if (rc != 0 && input.pos == input.size && output.pos < output.size) {
      return Error{ErrorKind::kInvalidInput, "the zstd payload is truncated"};
    }
  } while (rc != 0 || input.pos < input.size);
  return out;
}

// The content-codings of a Content-Encoding value, in the order they were applied.
std::vector<std::string> codings(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    const std::string coding = ascii::to_lower(ascii::trim(value.substr(0, comma)));
    if (!coding.empty() && coding != "identity") out.push_back(coding);
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
  }
  return out;
}

}  // namespace

Result<std::string> decoded_payload(const Record& record, const Limits& limits) {
  if (record.block_truncated) {
    return Error{ErrorKind::kTooLarge, "the record's block (" + std::to_string(record.content_length) +
                                           " bytes) was larger than the reader's limit and was skipped"};
  }
  std::string body(record.payload());
  if (!record.http) return body;
  const Headers& headers = record.http->headers;
  if (ascii::icontains(header_value(headers, "Transfer-Encoding"), "chunked")) {
    Result<std::string> plain = dechunk(body, limits);
    if (!plain) return plain;
    body = std::move(plain).value();
  }
  const std::vector<std::string> applied = codings(header_value(headers, "Content-Encoding"));
  for (auto coding = applied.rbegin(); coding != applied.rend(); ++coding) {
    Result<std::string> decoded = Error{};
    if (*coding == "gzip" || *coding == "x-gzip") {
      decoded = inflate_all(body, 15 + 32, limits);
    } else if (*coding == "deflate") {
      decoded = deflate_decode(body, limits);
    } else if (*coding == "br") {
      decoded = brotli_decode(body, limits);
    } else if (*coding == "zstd") {
      decoded = zstd_decode(body, limits);
    } else {
      return Error{ErrorKind::kUnsupported, "the content-encoding \"" + *coding + "\" is not supported"};
    }
    if (!decoded) return decoded;
    body = std::move(decoded).value();
  }
  if (body.size() > limits.max_decoded_bytes) return too_large(limits);
  return body;
}

}  // namespace winnow::warc
