// winnow::warc: reads and writes WARC 1.0/1.1 files (plain, gzip per record or whole-file, zstd with a dictionary).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/result.h"

namespace winnow::warc {

// The WARC-Type of a record; kOther for a type this library does not name.
enum class RecordType { kWarcinfo, kResponse, kResource, kRequest, kRevisit, kMetadata, kConversion, kContinuation, kOther };

// The WARC-Type field's value for `type` ("response", ...); "other" for kOther.
std::string_view record_type_name(RecordType type);

// Header fields in file order, names as written (look them up with header_value() from winnow/http_headers.h).
using Headers = std::vector<std::pair<std::string, std::string>>;

// What a Reader (and decoded_payload) may hold in memory; past these, records fail or are skipped as documented.
struct Limits {
  uint64_t max_header_bytes = 1 << 20;        // a WARC header (or HTTP head) longer than this is an error
  uint64_t max_block_bytes = 256ull << 20;    // block bytes kept in memory; a longer block is skipped and Record::block_truncated set
  uint64_t max_decoded_bytes = 256ull << 20;  // decoded_payload() fails with kTooLarge past this many decoded bytes
};

// An HTTP message head parsed from a record block: request: method+target; response: status+reason.
struct HttpMessage {
  int status = 0;       // the response status code (0 for a request)
  std::string reason;   // the response reason phrase, possibly empty
  std::string method;   // the request method (empty for a response)
  std::string target;   // the request target (empty for a response)
  std::string version;  // "HTTP/1.1" as written
  Headers headers;      // the HTTP headers in order, names as written
  uint64_t head_bytes = 0;  // bytes of the block the head takes, CRLFCRLF included; the payload starts there
};

// One WARC record as read from a file; owns its bytes.
struct Record {
  RecordType type = RecordType::kOther;
  std::string version;  // "WARC/1.0" or "WARC/1.1"
  Headers headers;      // the WARC headers

  // The first value of the WARC header `name` (ASCII case ignored); "" when there is none.
  std::string header(std::string_view name) const;
  // WARC-Target-URI, with angle brackets stripped when written as <uri> (WARC/1.0 drafts did).
  std::string target_uri() const;
  // WARC-Date as written.
  std::string date() const;
  // WARC-Record-ID without its angle brackets ("urn:uuid:...").
  std::string record_id() const;

  // Where the record starts: the file offset of its gzip member / zstd frame in a compressed file, of its "WARC/"
  // line in a plain one. For a file that is one gzip stream holding every record, the offset in the decompressed
  // stream (offset_is_decompressed is then true), since no member boundary marks the record in the file.
  uint64_t offset = 0;
  // Bytes the record takes in the file (the compressed length of its member / frame when compressed; for a
  // whole-file gzip stream, the decompressed length).
  uint64_t length = 0;
  bool offset_is_decompressed = false;

  uint64_t content_length = 0;   // the Content-Length the header declares (the block's full size)
  std::string block;             // the record block (Content-Length bytes) when <= Limits::max_block_bytes
  bool block_truncated = false;  // the block was longer than Limits::max_block_bytes: `block` is empty, it was skipped
  // Parsed when Content-Type is application/http (response, request, revisit with headers) and the head is well formed.
  std::optional<HttpMessage> http;

  // The block after the HTTP head (or the whole block when there is no HTTP head, e.g. a resource), still
  // transfer/content-encoded. A view into `block`: valid while the record lives and `block` is unchanged.
  std::string_view payload() const;
};

// The payload with chunked transfer-encoding removed and gzip/x-gzip/deflate/br/zstd content-encoding decoded (in
// the order the headers list them); a payload without encodings comes back as is. Fails with kInvalidInput on
// damaged or cut-off chunking or compressed data, kUnsupported on an unknown encoding, kTooLarge when the decoded
// size would exceed limits.max_decoded_bytes or the block was skipped (Record::block_truncated).
Result<std::string> decoded_payload(const Record& record, const Limits& limits = {});

// Reads records one at a time from a WARC file or stream; owns it. Move-only.
class Reader {
 public:
  // Opens `path` ("-" = standard input) and sniffs its compression from the first bytes: gzip magic, zstd magic or
  // the zstd dictionary frame (0x184D2A5D), or "WARC/". Fails with kIo when it cannot be opened, kInvalidInput when
  // the bytes are none of these (an empty file is a WARC with no records), kInvalidInput for a damaged dictionary.
  static Result<Reader> open(const std::string& path, Limits limits = {});
  // Standard input, read as open("-") does, starting with `already_read`: the bytes a caller took from it to
  // sniff what it holds (file descriptor 0 then goes on where they stopped). Fails as open().
  static Result<Reader> open_stdin(std::string already_read, Limits limits = {});
  // The same over bytes held in memory; `name` is used in error messages. For tests and the Python module.
  static Result<Reader> from_bytes(std::string bytes, std::string name, Limits limits = {});

  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;
  ~Reader();

  // The next record, or nullopt at a clean end. An Error (kInvalidInput for damage, kTooLarge for an oversized
  // header, kIo for a read failure) names the file and the byte offset; every record before the fault came out
  // first, and after an Error the reader is at its end (next() keeps returning the same Error).
  Result<std::optional<Record>> next();
  // The name errors use: the path, "-" for stdin, or from_bytes's name.
  const std::string& name() const;

  struct Impl;  // internal

 private:
  explicit Reader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True when these first bytes (at least the first few hundred) look like a WARC file: "WARC/" plain, gzip whose
// first member inflates to "WARC/", or zstd (a frame or the dictionary frame, with or without a dictionary).
bool looks_like_warc(std::string_view first_bytes);

// How a WARC file written by Writer is compressed.
enum class Compression { kNone, kGzip, kZstd };

// The compression a path's name asks for: .warc.gz -> kGzip, .warc.zst -> kZstd, anything else kNone (ASCII case ignored).
Compression compression_for_path(std::string_view path);

// How a Writer writes.
struct WriterOptions {
  Compression compression = Compression::kGzip;
  std::string software = "winnow";  // the warcinfo record's software field
  Headers warcinfo_fields;          // extra warcinfo fields (name: value), after software and format
  int zstd_level = 19;
  int gzip_level = 6;
};

// One HTTP exchange or saved file to write.
struct Capture {
  std::string url;
  std::string date;        // ISO 8601 UTC, sub-second when known: 2026-12-02T10:11:12.345Z; empty = now
  std::string ip_address;  // optional: WARC-IP-Address
  // When status is set: a response record with this status line and headers (written as given; the headers are
  // the original ones, so a Content-Encoding or chunked Transfer-Encoding must match `payload`).
  std::optional<int> status;
  std::string reason;
  Headers http_headers;
  // Alternative: the raw HTTP response head bytes as received (status line + headers + CRLFCRLF); when non-empty
  // it is used verbatim instead of status/reason/http_headers.
  std::string http_head;
  std::string payload;       // the body bytes exactly as captured (with a raw head that says so, as sent on the wire)
  std::string content_type;  // for a resource record (status not set and http_head empty): the payload's media type
  // Optional raw HTTP request bytes: when set a request record (msgtype=request) is written before the response,
  // with WARC-Concurrent-To naming it.
  std::string request_head;
};

// Where a written record landed (for CDXJ): offset and length in the file (of its gzip member / zstd frame).
struct Placement {
  uint64_t offset = 0;
  uint64_t length = 0;
  std::string record_id;  // "<urn:uuid:...>" as written in WARC-Record-ID
  RecordType type = RecordType::kOther;
};

// Writes a WARC/1.1 file; owns the output. Writes to a temporary beside the path and renames it into place on
// finish(), so a failed or abandoned write never leaves a half file ("-" writes to standard output). Move-only.
class Writer {
 public:
  // Creates the temporary file and writes the warcinfo record (for kZstd: on the first write or finish, after the
  // dictionary frame). Fails with kIo when the file cannot be created.
  static Result<Writer> create(const std::string& path, WriterOptions options = {});

  Writer(Writer&&) noexcept;
  Writer& operator=(Writer&&) noexcept;
  ~Writer();  // without finish(): removes the temporary

  // For kZstd: trains a dictionary from these sample records' bytes (call before the first write); the dictionary
  // frame then starts the file and every frame uses it. Without it zstd frames have no dictionary. Returns true
  // when a dictionary was made, false when the samples were too few or training failed (not an error); an Error
  // (kInvalidInput) when called after the first write or on a writer that is not kZstd.
  Result<bool> train_dictionary(const std::vector<std::string>& samples);

  // Writes the capture's records: a request record when request_head is set, then a response (or resource); a
  // capture whose payload digest repeats an earlier written response/resource becomes a revisit (profile
  // identical-payload-digest, with WARC-Refers-To, WARC-Refers-To-Target-URI and WARC-Refers-To-Date). Returns
  // the records written in order. Fails with kInvalidInput for a capture without url, kIo on a write failure.
  Result<std::vector<Placement>> write(const Capture& capture);

  // The bytes of one record as this writer would write it uncompressed, for dictionary samples: a response
  // record for the capture. Does not write anything.
  static std::string sample_record(const Capture& capture);

  // Flushes, closes and renames the temporary into place. Fails with kIo; calling it twice is kInvalidInput.
  Result<bool> finish();

  struct Impl;  // internal

 private:
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "sha1:" + RFC 4648 base32 (upper case, no padding needed for 20 bytes) of the SHA-1 of `bytes`, as
// WARC-Payload-Digest and WARC-Block-Digest use.
std::string sha1_base32(std::string_view bytes);

}  // namespace winnow::warc
