// Reader: sniffs the compression, then parses records one at a time from the decompressed bytes, keeping memory bounded.
#include <charconv>

#include "decoder.h"
#include "file_source.h"
#include "header_block.h"
#include "http_head.h"
#include "record_types.h"
#include "sniff.h"
#include "winnow/ascii.h"
#include "winnow/http_headers.h"
#include "winnow/warc.h"

namespace winnow::warc {
namespace {

// Up to 40 bytes of `bytes` with anything unprintable escaped, for error messages.
std::string shown(std::string_view bytes) {
  std::string out;
  for (const char c : bytes.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out += c;
    } else {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

// Where the blank line ending a header starts in `text` (searching from `from`), and how long it is; npos if none.
std::pair<std::size_t, std::size_t> find_blank_line(std::string_view text, std::size_t from) {
  for (std::size_t pos = text.find('\n', from); pos != std::string_view::npos; pos = text.find('\n', pos + 1)) {
    if (pos + 1 < text.size() && text[pos + 1] == '\n') return {pos + 1, 1};
    if (pos + 2 < text.size() && text[pos + 1] == '\r' && text[pos + 2] == '\n') return {pos + 1, 2};
  }
  return {std::string_view::npos, 0};
}

std::optional<uint64_t> parse_length(std::string_view text) {
  uint64_t value = 0;
  if (text.empty()) return std::nullopt;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

struct Reader::Impl {
  std::string name;
  Limits limits;
  Decoder* decoder = nullptr;  // owned by `input`
  std::unique_ptr<Input> input;
  std::optional<Error> failed;
  bool done = false;

  // "name: offset N: " for a record starting at decompressed offset `start`.
  std::string at(uint64_t start) const {
    if (decoder->compressed()) {
      for (const Unit& unit : decoder->units()) {
        if (unit.start <= start && (!unit.done || start < unit.end)) {
          return name + ": offset " + std::to_string(unit.compressed_start) + " (decompressed offset " +
                 std::to_string(start) + "): ";
        }
      }
      return name + ": decompressed offset " + std::to_string(start) + ": ";
    }
    return name + ": offset " + std::to_string(start) + ": ";
  }

  Error fail(Error error) {
    failed = error;
    return error;
  }

  // The Error for bytes that ran out: the decoder's own fault when it had one, else `what`.
  Error ran_out(uint64_t start, const std::string& what) {
    if (input->error()) return fail(*input->error());
    return fail(Error{ErrorKind::kInvalidInput, at(start) + what});
  }

  Result<std::optional<Record>> next() {
    if (failed) return *failed;
    if (done) return std::optional<Record>();
    // Line ends between records are tolerated (some writers add extra ones); anything else must be "WARC/".
    for (;;) {
      if (!input->fill(1)) {
        if (input->error()) return fail(*input->error());
        done = true;
        return std::optional<Record>();
      }
      const char c = input->available().front();
      if (c != '\r' && c != '\n') break;
      input->consume(1);
    }
    const uint64_t start = input->position();
    input->fill(5);
    if (!input->available().starts_with("WARC/")) {
      if (input->error()) return fail(*input->error());
      return fail(Error{ErrorKind::kInvalidInput,
                        at(start) + "expected a record starting \"WARC/\", found \"" + shown(input->available()) +
                            "\" (garbage between records, or a wrong Content-Length in the record before)"});
    }
    Record record;
    Result<bool> header = read_header(start, record);
    if (!header) return header.error();
    Result<bool> block = read_block(start, record);
    if (!block) return block.error();
    place(start, record);
    if (!record.block_truncated && ascii::istarts_with(record.header("Content-Type"), "application/http")) {
      record.http = parse_http_head(record.block, limits.max_header_bytes);
    }
    return std::optional<Record>(std::move(record));
  }

  Result<bool> read_header(uint64_t start, Record& record) {
    std::size_t scanned = 0;
    std::pair<std::size_t, std::size_t> blank;
    for (;;) {
      const std::string_view text = input->available();
      blank = find_blank_line(text, scanned);
      const std::size_t seen = blank.first != std::string_view::npos ? blank.first : text.size();
      if (seen > limits.max_header_bytes) {
        return fail(Error{ErrorKind::kTooLarge, at(start) + "the WARC header is longer than " +
                                                    std::to_string(limits.max_header_bytes) + " bytes"});
      }
      if (blank.first != std::string_view::npos) break;
      scanned = text.size() > 2 ? text.size() - 2 : 0;
      if (!input->fill(text.size() + 1)) return ran_out(start, "the file ends inside the WARC header");
    }
    const std::string_view text = input->available().substr(0, blank.first);
    auto [first, fields] = split_first_line(text);
    record.version = std::string(first);
    if (!parse_fields(fields, record.headers)) {
      return fail(Error{ErrorKind::kInvalidInput, at(start) + "a WARC header line is not \"Name: value\""});
    }
    input->consume(blank.first + blank.second);
    record.type = record_type_from_name(record.header("WARC-Type"));
    const std::string length = record.header("Content-Length");
    const std::optional<uint64_t> parsed = parse_length(ascii::trim(length));
    if (!parsed) {
      return fail(Error{ErrorKind::kInvalidInput,
                        at(start) + (length.empty() ? std::string("the record has no Content-Length")
                                                    : "the Content-Length \"" + shown(length) + "\" is not a number")});
    }
    record.content_length = *parsed;
    return true;
  }

  // Reads (or, past max_block_bytes, streams past) the block, then the CRLF CRLF that closes the record.
  Result<bool> read_block(uint64_t start, Record& record) {
    const bool keep = record.content_length <= limits.max_block_bytes;
    record.block_truncated = !keep;
    if (keep) record.block.reserve(static_cast<std::size_t>(std::min<uint64_t>(record.content_length, 1 << 20)));
    uint64_t remaining = record.content_length;
    while (remaining > 0) {
      if (input->available().empty() && !input->fill(1)) {
        return ran_out(start, "the file ends " + std::to_string(record.content_length - remaining) +
                                  " bytes into a block whose Content-Length is " +
                                  std::to_string(record.content_length));
      }
      const std::string_view bytes = input->available();
      const std::size_t take = static_cast<std::size_t>(std::min<uint64_t>(remaining, bytes.size()));
      if (keep) record.block.append(bytes.data(), take);
      input->consume(take);
      remaining -= take;
    }
    input->fill(4);
    if (!input->available().starts_with("\r\n\r\n")) {
      if (input->available().size() < 4 && input->error()) return fail(*input->error());
      return fail(Error{ErrorKind::kInvalidInput,
                        at(start) + "the block (Content-Length " + std::to_string(record.content_length) +
                            ") is not followed by CRLF CRLF but by \"" + shown(input->available().substr(0, 4)) +
                            "\": the Content-Length is wrong or the record is cut off"});
    }
    input->consume(4);
    return true;
  }

  // The record's place in the file: the gzip member / zstd frame it fills, or decompressed offsets when it
  // shares one with other records (a whole-file gzip stream).
  void place(uint64_t start, Record& record) {
    const uint64_t end = input->position();
    record.offset = start;
    record.length = end - start;
    if (!decoder->compressed()) return;
    std::deque<Unit>& units = decoder->units();
    const Unit* first = nullptr;
    const Unit* last = nullptr;
    for (const Unit& unit : units) {
      if (unit.start == start && (!unit.done || unit.end > start)) first = &unit;
      if (unit.done && unit.end == end && unit.start < end) last = &unit;
    }
    if (first && last) {
      record.offset = first->compressed_start;
      record.length = last->compressed_end - first->compressed_start;
    } else {
      record.offset_is_decompressed = true;
    }
    while (!units.empty() && units.front().done && units.front().end <= end) units.pop_front();
  }
};

Reader::Reader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;
Reader::~Reader() = default;

namespace {

Result<std::unique_ptr<Reader::Impl>> make_impl(std::unique_ptr<Source> source, std::string name, Limits limits) {
  auto raw = std::make_unique<Input>(std::move(source), 1 << 18);
  raw->fill(8);
  if (raw->error()) return *raw->error();
  std::unique_ptr<Decoder> decoder;
  switch (sniff_format(raw->available())) {
    case Format::kEmpty:
    case Format::kPlain:
      decoder = plain_decoder(std::move(raw));
      break;
    case Format::kGzip:
      decoder = gzip_decoder(std::move(raw), name);
      break;
    case Format::kZstd: {
      Result<std::unique_ptr<Decoder>> zstd = zstd_decoder(std::move(raw), name);
      if (!zstd) return zstd.error();
      decoder = std::move(zstd).value();
      break;
    }
    case Format::kUnknown:
      return Error{ErrorKind::kInvalidInput, name + ": not a WARC file (it starts with \"" +
                                                 shown(raw->available().substr(0, 5)) +
                                                 "\", not \"WARC/\", gzip or zstd)"};
  }
  auto impl = std::make_unique<Reader::Impl>();
  impl->name = std::move(name);
  impl->limits = limits;
  impl->decoder = decoder.get();
  impl->input = std::make_unique<Input>(std::move(decoder));
  return impl;
}

}  // namespace

Result<Reader> Reader::open(const std::string& path, Limits limits) {
  Result<std::unique_ptr<Source>> source = file_source(path);
  if (!source) return source.error();
  Result<std::unique_ptr<Impl>> impl = make_impl(std::move(source).value(), path, limits);
  if (!impl) return impl.error();
  return Reader(std::move(impl).value());
}

Result<Reader> Reader::open_stdin(std::string already_read, Limits limits) {
  Result<std::unique_ptr<Impl>> impl = make_impl(stdin_source(std::move(already_read)), "-", limits);
  if (!impl) return impl.error();
  return Reader(std::move(impl).value());
}

Result<Reader> Reader::from_bytes(std::string bytes, std::string name, Limits limits) {
  Result<std::unique_ptr<Impl>> impl = make_impl(memory_source(std::move(bytes)), std::move(name), limits);
  if (!impl) return impl.error();
  return Reader(std::move(impl).value());
}

Result<std::optional<Record>> Reader::next() { return impl_->next(); }
const std::string& Reader::name() const { return impl_->name; }

}  // namespace winnow::warc
