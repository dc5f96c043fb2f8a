// The reader on WARC bytes made without the library: plain, gzip per record, one gzip stream, zstd with and without a dictionary.
#include <zdict.h>

#include <chrono>

#include <catch2/catch.hpp>

#include "input.h"
#include "support/temp_dir.h"
#include "warc/warc_files.h"
#include "winnow/warc.h"

namespace winnow::test {
namespace {

const std::string kBody1 = "<html><body><p>first page</p></body></html>";
const std::string kBody2 = "<html><body><p>second page, a little longer</p></body></html>";

std::vector<std::string> three_records() {
  return {warc_record("warcinfo", "", "software: test\r\n", "application/warc-fields"),
          warc_record("response", "http://example.com/a", http_block(kBody1)),
          warc_record("response", "http://example.com/b", http_block(kBody2))};
}

void check_three(const ReadAll& all) {
  INFO(all.error.message);
  REQUIRE_FALSE(all.failed);
  REQUIRE(all.records.size() == 3);
  CHECK(all.records[0].type == warc::RecordType::kWarcinfo);
  CHECK(all.records[1].type == warc::RecordType::kResponse);
  CHECK(all.records[1].version == "WARC/1.1");
  CHECK(all.records[1].target_uri() == "http://example.com/a");
  CHECK(all.records[1].record_id() == "urn:uuid:00000000-0000-4000-8000-000000000000");
  CHECK(all.records[1].date() == "2026-12-02T10:11:12Z");
  REQUIRE(all.records[1].http);
  CHECK(all.records[1].http->status == 200);
  CHECK(all.records[1].http->reason == "OK");
  CHECK(all.records[1].payload() == kBody1);
  CHECK(all.records[2].payload() == kBody2);
}

}  // namespace

TEST_CASE("warc reader: a plain WARC gives its records with file offsets and lengths") {
  const std::vector<std::string> records = three_records();
  std::string file;
  for (const std::string& r : records) file += r;
  const ReadAll all = read_all_bytes(file);
  check_three(all);
  CHECK(all.records[1].offset == records[0].size());
  CHECK(all.records[1].length == records[1].size());
  CHECK_FALSE(all.records[1].offset_is_decompressed);
}

TEST_CASE("warc reader: a gzip member per record gives each member's offset and compressed length") {
  std::string file;
  std::vector<std::size_t> offsets;
  std::vector<std::size_t> lengths;
  for (const std::string& r : three_records()) {
    const std::string member = gzip_bytes(r);
    offsets.push_back(file.size());
    lengths.push_back(member.size());
    file += member;
  }
  const ReadAll all = read_all_bytes(file, {}, "test.warc.gz");
  check_three(all);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(all.records[i].offset == offsets[i]);
    CHECK(all.records[i].length == lengths[i]);
    CHECK_FALSE(all.records[i].offset_is_decompressed);
  }
}

TEST_CASE("warc reader: a whole file in one gzip stream reads, with decompressed offsets") {
  std::string plain;
  for (const std::string& r : three_records()) plain += r;
  const ReadAll all = read_all_bytes(gzip_bytes(plain), {}, "whole.warc.gz");
  check_three(all);
  CHECK(all.records[2].offset_is_decompressed);
  CHECK(all.records[2].offset == plain.size() - three_records()[2].size());
}

TEST_CASE("warc reader: a member larger than the libdeflate window streams through zlib") {
  std::string big(12 << 20, 'x');
  for (std::size_t i = 0; i < big.size(); i += 7919) big[i] = static_cast<char>('a' + i % 26);
  std::string file = gzip_bytes(warc_record("resource", "http://example.com/big", big, "text/plain"));
  file += gzip_bytes(warc_record("resource", "http://example.com/small", "small", "text/plain"));
  const ReadAll all = read_all_bytes(file);
  INFO(all.error.message);
  REQUIRE_FALSE(all.failed);
  REQUIRE(all.records.size() == 2);
  CHECK(all.records[0].block == big);
  CHECK(all.records[1].block == "small");
  CHECK_FALSE(all.records[1].offset_is_decompressed);
}

TEST_CASE("warc reader: zstd frames without a dictionary") {
  std::string file;
  for (const std::string& r : three_records()) file += zstd_bytes(r);
  check_three(read_all_bytes(file, {}, "test.warc.zst"));
}

TEST_CASE("warc reader: zstd frames with a dictionary frame, the dictionary raw or compressed") {
  std::vector<std::string> samples;
  std::string joined;
  std::vector<std::size_t> sizes;
  for (int i = 0; i < 200; ++i) {
    samples.push_back(warc_record("response", "http://example.com/p" + std::to_string(i),
                                  http_block("<html><p>page number " + std::to_string(i * 7) + "</p></html>")));
    joined += samples.back();
    sizes.push_back(samples.back().size());
  }
  std::string dictionary(16384, '\0');
  const std::size_t size = ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), joined.data(), sizes.data(),
                                                 static_cast<unsigned>(sizes.size()));
  REQUIRE_FALSE(ZDICT_isError(size));
  dictionary.resize(size);
  const bool compressed = GENERATE(false, true);
  const std::string held = compressed ? zstd_bytes(dictionary) : dictionary;
  std::string file = "\x5d\x2a\x4d\x18";
  for (int i = 0; i < 4; ++i) file += static_cast<char>((held.size() >> (8 * i)) & 0xff);
  file += held;
  const std::size_t first = file.size();
  for (const std::string& r : three_records()) file += zstd_bytes(r, dictionary);
  CHECK(warc::looks_like_warc(file.substr(0, 300)));
  const ReadAll all = read_all_bytes(file, {}, "dict.warc.zst");
  check_three(all);
  CHECK(all.records[0].offset == first);
}

TEST_CASE("warc reader: WARC/1.0 records and LF-only headers read") {
  std::string record = "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: <http://example.com/x>\nContent-Length: 2\n\nhi\r\n\r\n";
  const ReadAll all = read_all_bytes(record);
  INFO(all.error.message);
  REQUIRE(all.records.size() == 1);
  CHECK(all.records[0].version == "WARC/1.0");
  CHECK(all.records[0].target_uri() == "http://example.com/x");
  CHECK(all.records[0].payload() == "hi");
}

TEST_CASE("warc reader: a block over max_block_bytes is skipped, not kept, and the next record still reads") {
  const std::string big(100000, 'b');
  const std::string file = warc_record("resource", "http://example.com/big", big, "text/plain") +
                           warc_record("resource", "http://example.com/next", "next", "text/plain");
  warc::Limits limits;
  limits.max_block_bytes = 1000;
  const ReadAll all = read_all_bytes(gzip_bytes(file), limits);
  INFO(all.error.message);
  REQUIRE(all.records.size() == 2);
  CHECK(all.records[0].block_truncated);
  CHECK(all.records[0].block.empty());
  CHECK(all.records[0].content_length == big.size());
  CHECK_FALSE(warc::decoded_payload(all.records[0]).ok());
  CHECK(all.records[1].block == "next");
}

TEST_CASE("warc reader: looks_like_warc and compression_for_path") {
  CHECK(warc::looks_like_warc("WARC/1.1\r\n"));
  CHECK(warc::looks_like_warc(gzip_bytes(warc_record("resource", "u", "x", "text/plain"))));
  CHECK(warc::looks_like_warc(zstd_bytes(warc_record("resource", "u", "x", "text/plain"))));
  CHECK_FALSE(warc::looks_like_warc(gzip_bytes("<html>not a warc</html>")));
  CHECK_FALSE(warc::looks_like_warc("<html>"));
  CHECK_FALSE(warc::looks_like_warc(""));
  CHECK(warc::compression_for_path("a/b.warc.gz") == warc::Compression::kGzip);
  CHECK(warc::compression_for_path("b.WARC.ZST") == warc::Compression::kZstd);
  CHECK(warc::compression_for_path("b.warc") == warc::Compression::kNone);
}

TEST_CASE("warc reader: an empty file has no records and a missing file is an I/O error") {
  const ReadAll empty = read_all_bytes("");
  CHECK_FALSE(empty.failed);
  CHECK(empty.records.empty());
  const ReadAll missing = read_all_file("/nonexistent/dir/file.warc");
  CHECK(missing.failed);
  CHECK(missing.error.kind == ErrorKind::kIo);
  CHECK(missing.error.message.find("/nonexistent/dir/file.warc") != std::string::npos);
}

TEST_CASE("warc reader: 100,000 tiny records read quickly") {
  std::string file;
  for (int i = 0; i < 100000; ++i) file += warc_record("resource", "http://example.com/" + std::to_string(i), "x", "text/plain");
  const std::string gz = [&] {
    std::string out;
    for (int i = 0; i < 1000; ++i) out += gzip_bytes(warc_record("resource", "http://e.com/" + std::to_string(i), "y", "text/plain"));
    return out;
  }();
  const auto start = std::chrono::steady_clock::now();
  const ReadAll all = read_all_bytes(file);
  const ReadAll gz_all = read_all_bytes(gz);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(all.error.message);
  CHECK_FALSE(all.failed);
  CHECK(all.records.size() == 100000);
  CHECK(all.records.back().target_uri() == "http://example.com/99999");
  CHECK(gz_all.records.size() == 1000);
#ifdef WINNOW_SANITIZED
  CHECK(seconds < 60);  // the sanitizers' slowdown
#else
  CHECK(seconds < 5);
#endif
}

}  // namespace winnow::test

TEST_CASE("warc input: asking for more than is buffered after a partial consume reads exactly what is missing") {
  // The read-ahead buffer still holds consumed bytes (less than half of it): the bytes missing must be counted
  // from what is unconsumed, or the read lands past the buffer.
  std::string bytes(300000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>('a' + i % 23);
  winnow::warc::Input input(winnow::warc::memory_source(bytes), 1 << 16);
  REQUIRE(input.fill(1));
  input.consume(20000);
  REQUIRE(input.fill(50000));
  REQUIRE(input.available().size() >= 50000);
  CHECK(input.available().substr(0, 50000) == std::string_view(bytes).substr(20000, 50000));
  input.consume(40000);
  REQUIRE(input.fill(200000));
  CHECK(input.available().substr(0, 200000) == std::string_view(bytes).substr(60000, 200000));
}
namespace winnow::test {

TEST_CASE("warc reader: many gzip members of varied sizes read in full, from memory and from a file") {
  // Records whose headers straddle the read-ahead buffer's refills (a fault there once corrupted the buffer).
  std::string file;
  std::vector<std::string> blocks;
  uint32_t seed = 7;
  for (int i = 0; i < 400; ++i) {
    seed = seed * 1103515245 + 12345;
    std::string block(1000 + seed % 40000, 'p');
    for (char& c : block) {
      seed = seed * 1103515245 + 12345;
      c = static_cast<char>('a' + (seed >> 16) % 26);  // little redundancy: members of several KB
    }
    blocks.push_back(block);
    file += gzip_bytes(warc_record("resource", "http://example.com/" + std::to_string(i), block, "text/plain"));
  }
  // Files of 60 KB to 220 KB end within the first read-ahead chunk: the buffer's tail is refilled while most of it
  // is unread (where a fault once shrank the buffer).
  std::string small;
  for (int i = 0; i < 60; ++i) {
    small += gzip_bytes(warc_record("resource", "http://example.com/s", blocks[static_cast<std::size_t>(i)].substr(0, 6000), "text/plain"));
    if (small.size() < (60 << 10)) continue;
    const ReadAll all = read_all_bytes(small);
    INFO(i << ": " << all.error.message);
    CHECK(all.records.size() == static_cast<std::size_t>(i + 1));
  }
  TempDir dir;
  const std::string path = (dir.path() / "varied.warc.gz").string();
  write_file(path, file);
  for (const ReadAll& all : {read_all_bytes(file), read_all_file(path)}) {
    INFO(all.error.message);
    REQUIRE_FALSE(all.failed);
    REQUIRE(all.records.size() == blocks.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) CHECK(all.records[i].block == blocks[i]);
  }
}

}  // namespace winnow::test
