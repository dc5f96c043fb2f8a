// The reader on damaged WARC files: each fault is an Error naming the file and offset, after every record before it.
#include <catch2/catch.hpp>

#include "warc/warc_files.h"
#include "winnow/warc.h"

namespace winnow::test {
namespace {

const std::string kGood1 = warc_record("resource", "http://example.com/1", "one", "text/plain");
const std::string kGood2 = warc_record("resource", "http://example.com/2", "two", "text/plain");

// Two good records came out, then the error, which names the file and `offset_text`.
void check_fault(const ReadAll& all, const std::string& name, const std::string& offset_text, std::size_t good = 2) {
  INFO(all.error.message);
  CHECK(all.records.size() == good);
  REQUIRE(all.failed);
  CHECK(all.error.kind == ErrorKind::kInvalidInput);
  CHECK(all.error.message.find(name) != std::string::npos);
  CHECK(all.error.message.find(offset_text) != std::string::npos);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("warc bad input: a Content-Length too short or too long is an error after the good records") {
  const std::string bad = warc_record("resource", "http://example.com/3", "three", "text/plain");
  const std::string shorter = replace(bad, "Content-Length: 5", "Content-Length: 3");
  const std::string offset = "offset " + std::to_string(kGood1.size() + kGood2.size());
  check_fault(read_all_bytes(kGood1 + kGood2 + shorter, {}, "short.warc"), "short.warc", offset);
  const std::string longer = replace(bad, "Content-Length: 5", "Content-Length: 50");
  check_fault(read_all_bytes(kGood1 + kGood2 + longer, {}, "long.warc"), "long.warc", offset);
}

TEST_CASE("warc bad input: a missing or non-numeric Content-Length") {
  const std::string bad = warc_record("resource", "http://example.com/3", "three", "text/plain");
  const ReadAll missing = read_all_bytes(kGood1 + kGood2 + replace(bad, "Content-Length: 5\r\n", ""), {}, "m.warc");
  check_fault(missing, "m.warc", "Content-Length");
  check_fault(read_all_bytes(kGood1 + kGood2 + replace(bad, "Content-Length: 5", "Content-Length: five"), {}, "n.warc"),
              "n.warc", "Content-Length");
}

TEST_CASE("warc bad input: a truncated gzip member") {
  const std::string first = gzip_bytes(kGood1) + gzip_bytes(kGood2);
  const std::string third = gzip_bytes(warc_record("resource", "http://example.com/3", std::string(5000, 'z'), "text/plain"));
  check_fault(read_all_bytes(first + third.substr(0, third.size() / 2), {}, "cut.warc.gz"), "cut.warc.gz",
              "offset " + std::to_string(first.size()));
}

TEST_CASE("warc bad input: a damaged gzip member") {
  const std::string first = gzip_bytes(kGood1) + gzip_bytes(kGood2);
  std::string third = gzip_bytes(warc_record("resource", "http://example.com/3", std::string(5000, 'z'), "text/plain"));
  for (std::size_t i = 12; i < 30; ++i) third[i] = static_cast<char>(third[i] ^ 0x55);
  check_fault(read_all_bytes(first + third + gzip_bytes(kGood1), {}, "bad.warc.gz"), "bad.warc.gz",
              "offset " + std::to_string(first.size()));
}

TEST_CASE("warc bad input: a truncated zstd frame") {
  const std::string first = zstd_bytes(kGood1) + zstd_bytes(kGood2);
  const std::string third = zstd_bytes(warc_record("resource", "http://example.com/3", std::string(5000, 'q'), "text/plain"));
  check_fault(read_all_bytes(first + third.substr(0, third.size() - 3), {}, "cut.warc.zst"), "cut.warc.zst",
              "offset " + std::to_string(first.size()));
}

TEST_CASE("warc bad input: garbage between records, plain, gzip and zstd") {
  check_fault(read_all_bytes(kGood1 + kGood2 + "garbage here\r\n" + kGood1, {}, "g.warc"), "g.warc",
              "offset " + std::to_string(kGood1.size() + kGood2.size()));
  const std::string gz = gzip_bytes(kGood1) + gzip_bytes(kGood2);
  check_fault(read_all_bytes(gz + "garbage" + gzip_bytes(kGood1), {}, "g.warc.gz"), "g.warc.gz",
              "offset " + std::to_string(gz.size()));
  const std::string zst = zstd_bytes(kGood1) + zstd_bytes(kGood2);
  check_fault(read_all_bytes(zst + "garbage" + zstd_bytes(kGood1), {}, "g.warc.zst"), "g.warc.zst",
              "offset " + std::to_string(zst.size()));
}

TEST_CASE("warc bad input: a record without its WARC/ line") {
  const std::string headless = replace(kGood1, "WARC/1.1\r\n", "");
  check_fault(read_all_bytes(kGood1 + kGood2 + headless, {}, "h.warc"), "h.warc", "WARC/");
  const ReadAll first = read_all_bytes("WARC-Type: resource\r\n\r\n", {}, "nothing.warc");
  CHECK(first.failed);
  CHECK(first.error.message.find("nothing.warc") != std::string::npos);
}

TEST_CASE("warc bad input: a 10 GB Content-Length is not allocated, and ends in a clear error") {
  const std::string huge = replace(warc_record("resource", "http://example.com/3", "three", "text/plain"),
                                   "Content-Length: 5", "Content-Length: 10000000000");
  const ReadAll all = read_all_bytes(kGood1 + kGood2 + huge, {}, "huge.warc");
  check_fault(all, "huge.warc", "10000000000");
  // Under the block limit too: the bytes are appended as they come, never reserved up front.
  warc::Limits limits;
  limits.max_block_bytes = 20ull << 30;
  check_fault(read_all_bytes(kGood1 + kGood2 + huge, limits, "huge.warc"), "huge.warc", "10000000000");
}

TEST_CASE("warc bad input: a damaged zstd dictionary frame") {
  const std::string frames = zstd_bytes(kGood1);
  SECTION("not a dictionary") {
    std::string file = std::string("\x5d\x2a\x4d\x18\x10\x00\x00\x00", 8) + std::string(16, 'n') + frames;
    const ReadAll all = read_all_bytes(file, {}, "d.warc.zst");
    CHECK(all.failed);
    CHECK(all.error.message.find("d.warc.zst") != std::string::npos);
    CHECK(all.error.message.find("dictionary") != std::string::npos);
  }
  SECTION("a size past the end of the file") {
    std::string file = std::string("\x5d\x2a\x4d\x18\xff\xff\x00\x00", 8) + "\x37\xa4\x30\xec" + frames;
    const ReadAll all = read_all_bytes(file, {}, "d.warc.zst");
    CHECK(all.failed);
    CHECK(all.error.message.find("truncated") != std::string::npos);
  }
  SECTION("a compressed dictionary that is damaged") {
    std::string packed = zstd_bytes(std::string("\x37\xa4\x30\xec", 4) + std::string(3000, 'd'));
    packed.resize(packed.size() - 4);
    std::string file = "\x5d\x2a\x4d\x18";
    for (int i = 0; i < 4; ++i) file += static_cast<char>((packed.size() >> (8 * i)) & 0xff);
    const ReadAll all = read_all_bytes(file + packed + frames, {}, "d.warc.zst");
    CHECK(all.failed);
    CHECK(all.error.message.find("dictionary") != std::string::npos);
  }
}

TEST_CASE("warc bad input: a header longer than max_header_bytes is kTooLarge") {
  std::string record = "WARC/1.1\r\nX-Long: " + std::string(5000, 'l') + "\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
  warc::Limits limits;
  limits.max_header_bytes = 1000;
  const ReadAll all = read_all_bytes(kGood1 + record, limits, "l.warc");
  CHECK(all.records.size() == 1);
  CHECK(all.error.kind == ErrorKind::kTooLarge);
}

TEST_CASE("warc bad input: random damage never crashes or hangs") {
  std::string file;
  for (int i = 0; i < 20; ++i) file += gzip_bytes(warc_record("response", "http://e.com/" + std::to_string(i), http_block("body " + std::to_string(i))));
  uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string damaged = file;
    for (int flips = 0; flips < 3; ++flips) {
      seed = seed * 1103515245 + 12345;
      damaged[seed % damaged.size()] = static_cast<char>(seed >> 16);
    }
    const ReadAll all = read_all_bytes(damaged);
    CHECK(all.records.size() <= 20);
    if (all.failed) CHECK_FALSE(all.error.message.empty());
  }
}

}  // namespace winnow::test
