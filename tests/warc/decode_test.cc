// decoded_payload() (chunked, gzip, deflate, br, zstd, limits) and sha1_base32().
#include <brotli/encode.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "warc/warc_files.h"
#include "winnow/warc.h"

namespace winnow::test {
namespace {

warc::Record response(const std::string& headers, const std::string& body) {
  const ReadAll all = read_all_bytes(warc_record("response", "http://example.com/", http_block(body, headers)));
  REQUIRE(all.records.size() == 1);
  return all.records[0];
}

std::string brotli_bytes(const std::string& data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  REQUIRE(BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                reinterpret_cast<uint8_t*>(out.data())));
  out.resize(size);
  return out;
}

std::string raw_deflate(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(out.size() - stream.avail_out);
  deflateEnd(&stream);
  return out;
}

const std::string kText = "<html><body><p>The decoded page text, repeated. The decoded page text.</p></body></html>";

}  // namespace

TEST_CASE("warc decode: chunked transfer-encoding is removed") {
  const warc::Record record = response("Transfer-Encoding: chunked\r\n", "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  Result<std::string> decoded = warc::decoded_payload(record);
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == "hello world");
  CHECK_FALSE(warc::decoded_payload(response("Transfer-Encoding: chunked\r\n", "zz\r\nhello")).ok());
  CHECK_FALSE(warc::decoded_payload(response("Transfer-Encoding: chunked\r\n", "50\r\nhello")).ok());
}

TEST_CASE("warc decode: gzip, deflate, br and zstd content-encodings") {
  const auto [coding, body] = GENERATE(table<std::string, std::string>({
      {"gzip", gzip_bytes(kText)},
      {"x-gzip", gzip_bytes(kText)},
      {"deflate", raw_deflate(kText)},
      {"br", brotli_bytes(kText)},
      {"zstd", zstd_bytes(kText)},
      {"identity", kText},
  }));
  INFO(coding);
  Result<std::string> decoded = warc::decoded_payload(response("Content-Encoding: " + coding + "\r\n", body));
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == kText);
}

TEST_CASE("warc decode: gzip inside chunked, damage, unknown codings and the size limit") {
  const std::string gz = gzip_bytes(kText);
  char size[16];
  std::snprintf(size, sizeof size, "%zx", gz.size());
  Result<std::string> both = warc::decoded_payload(
      response("Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", std::string(size) + "\r\n" + gz + "\r\n0\r\n\r\n"));
  REQUIRE(both.ok());
  CHECK(both.value() == kText);
  Result<std::string> cut = warc::decoded_payload(response("Content-Encoding: gzip\r\n", gz.substr(0, gz.size() / 2)));
  CHECK_FALSE(cut.ok());
  CHECK(cut.error().kind == ErrorKind::kInvalidInput);
  Result<std::string> unknown = warc::decoded_payload(response("Content-Encoding: compress\r\n", "x"));
  CHECK(unknown.error().kind == ErrorKind::kUnsupported);
  warc::Limits limits;
  limits.max_decoded_bytes = 1000;
  Result<std::string> bomb = warc::decoded_payload(response("Content-Encoding: gzip\r\n", gzip_bytes(std::string(1 << 20, 'a'))), limits);
  CHECK(bomb.error().kind == ErrorKind::kTooLarge);
}

TEST_CASE("warc decode: sha1_base32 matches known digests") {
  CHECK(warc::sha1_base32("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  CHECK(warc::sha1_base32("abc") == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
}

}  // namespace winnow::test
