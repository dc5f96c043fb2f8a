// Test WARC bytes made with zlib and libzstd directly, so the reader is checked against bytes it did not write.
#include "warc/warc_files.h"

#include <zlib.h>
#include <zstd.h>

#include <stdexcept>

namespace winnow::test {

std::string warc_record(std::string_view type, std::string_view url, std::string_view block,
                        std::string_view content_type) {
  std::string out = "WARC/1.1\r\nWARC-Type: ";
  out += type;
  out += "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\nWARC-Date: 2026-12-02T10:11:12Z\r\n";
  if (!url.empty()) out += "WARC-Target-URI: " + std::string(url) + "\r\n";
  out += "Content-Type: " + std::string(content_type) + "\r\n";
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  out += block;
  out += "\r\n\r\n";
  return out;
}

std::string http_block(std::string_view body, std::string_view extra_headers) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + std::string(extra_headers) + "\r\n" + std::string(body);
}

std::string gzip_bytes(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib");
  out.resize(out.size() - stream.avail_out);
  deflateEnd(&stream);
  return out;
}

std::string zstd_bytes(std::string_view data, std::string_view dictionary) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  ZSTD_CCtx* context = ZSTD_createCCtx();
  const std::size_t size =
      dictionary.empty()
          ? ZSTD_compressCCtx(context, out.data(), out.size(), data.data(), data.size(), 3)
          : ZSTD_compress_usingDict(context, out.data(), out.size(), data.data(), data.size(), dictionary.data(),
                                    dictionary.size(), 3);
  ZSTD_freeCCtx(context);
  if (ZSTD_isError(size)) throw std::runtime_error("zstd");
  out.resize(size);
  return out;
}

namespace {

ReadAll drain(Result<warc::Reader> reader) {
  ReadAll all;
  if (!reader) {
    all.error = reader.error();
    all.failed = true;
    return all;
  }
  for (;;) {
    Result<std::optional<warc::Record>> next = reader.value().next();
    if (!next) {
      all.error = next.error();
      all.failed = true;
      return all;
    }
    if (!next.value()) return all;
    all.records.push_back(std::move(*next.value()));
  }
}

}  // namespace

ReadAll read_all_bytes(std::string bytes, warc::Limits limits, std::string name) {
  return drain(warc::Reader::from_bytes(std::move(bytes), std::move(name), limits));
}

ReadAll read_all_file(const std::string& path, warc::Limits limits) { return drain(warc::Reader::open(path, limits)); }

}  // namespace winnow::test
