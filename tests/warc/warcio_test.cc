// Our writer's files checked by an independent reader: warcio (npm, tests/warc/js/check.mjs) recomputes every digest.
#include <zstd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/temp_dir.h"
#include "support/warcio.h"
#include "warc/warc_files.h"
#include "winnow/warc.h"

namespace winnow::test {
namespace {

std::vector<warc::Capture> captures() {
  std::vector<warc::Capture> out;
  for (int i = 0; i < 12; ++i) {
    warc::Capture c;
    c.url = "https://example.org/article/" + std::to_string(i);
    c.date = "2026-12-02T09:00:0" + std::to_string(i % 10) + ".5Z";
    c.ip_address = "192.0.2.1";
    c.status = 200;
    c.reason = "OK";
    c.http_headers = {{"Content-Type", "text/html"}};
    c.payload = "<html><body><h1>Article " + std::to_string(i) + "</h1><p>" + std::string(200 + i, 'w') + "</p></body></html>";
    c.request_head = "GET /article/" + std::to_string(i) + " HTTP/1.1\r\nHost: example.org\r\n\r\n";
    out.push_back(c);
  }
  warc::Capture zipped;
  zipped.url = "https://example.org/zipped";
  zipped.date = "2026-12-02T09:01:00Z";
  zipped.payload = gzip_bytes("<html><p>zipped</p></html>");
  zipped.http_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: " +
                     std::to_string(zipped.payload.size()) + "\r\n\r\n";
  out.push_back(zipped);
  warc::Capture repeat = out[2];
  repeat.date = "2026-12-03T09:00:00Z";
  out.push_back(repeat);
  warc::Capture file;
  file.url = "file:///srv/notes.txt";
  file.date = "2026-12-02T09:02:00Z";
  file.content_type = "text/plain";
  file.payload = "notes";
  out.push_back(file);
  return out;
}

// Writes captures() to `path`; returns what each record's URL and payload digest should be, in order.
std::vector<std::pair<std::string, std::string>> write_captures(const std::string& path, bool train) {
  warc::WriterOptions options;
  options.compression = warc::compression_for_path(path);
  Result<warc::Writer> writer = warc::Writer::create(path, options);
  REQUIRE(writer.ok());
  const std::vector<warc::Capture> all = captures();
  if (train) {
    std::vector<std::string> samples;
    for (const warc::Capture& c : all) samples.push_back(warc::Writer::sample_record(c));
    REQUIRE(writer.value().train_dictionary(samples).ok());
  }
  std::vector<std::pair<std::string, std::string>> expected;
  for (const warc::Capture& c : all) {
    Result<std::vector<warc::Placement>> placed = writer.value().write(c);
    REQUIRE(placed.ok());
    if (!c.request_head.empty()) expected.emplace_back(c.url, "");
    expected.emplace_back(c.url, warc::sha1_base32(c.payload));
  }
  REQUIRE(writer.value().finish().ok());
  return expected;
}

// Runs check.mjs on a .warc.gz and compares its records with `expected` (the warcinfo first).
void check_with_warcio(const std::string& node, const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& expected) {
  const nlohmann::json report = warcio_report(node, path);
  const nlohmann::json& records = report["records"];
  REQUIRE(records.size() == expected.size() + 1);
  CHECK(records[0]["type"] == "warcinfo");
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const nlohmann::json& r = records[i + 1];
    CHECK(r["url"] == expected[i].first);
    CHECK(r["block_ok"] == true);
    CHECK(r["payload_ok"] == true);
    if (!expected[i].second.empty() && r["type"] != "revisit") CHECK(r["payload_digest"] == expected[i].second);
  }
}

// The records of a .warc.zst decompressed frame by frame with libzstd and the file's dictionary (not our reader).
std::vector<std::string> zstd_records(const std::string& file) {
  std::string dictionary;
  std::size_t pos = 0;
  auto le32 = [&](std::size_t at) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(file[at + static_cast<std::size_t>(i)]);
    return v;
  };
  if (le32(0) == 0x184D2A5D) {
    const std::string held = file.substr(8, le32(4));
    dictionary = held;
    if (le32(8) == 0xFD2FB528) {
      dictionary.resize(ZSTD_getFrameContentSize(held.data(), held.size()));
      REQUIRE(ZSTD_decompress(dictionary.data(), dictionary.size(), held.data(), held.size()) == dictionary.size());
    }
    pos = 8 + held.size();
  }
  std::vector<std::string> records;
  ZSTD_DCtx* context = ZSTD_createDCtx();
  while (pos < file.size()) {
    const std::size_t frame = ZSTD_findFrameCompressedSize(file.data() + pos, file.size() - pos);
    REQUIRE_FALSE(ZSTD_isError(frame));
    const unsigned long long size = ZSTD_getFrameContentSize(file.data() + pos, frame);
    REQUIRE(size != ZSTD_CONTENTSIZE_UNKNOWN);
    std::string record(size, '\0');
    const std::size_t made = ZSTD_decompress_usingDict(context, record.data(), record.size(), file.data() + pos, frame,
                                                       dictionary.data(), dictionary.size());
    REQUIRE(made == size);
    records.push_back(record);
    pos += frame;
  }
  ZSTD_freeDCtx(context);
  return records;
}

}  // namespace

TEST_CASE("warc with warcio: our .warc.gz read by warcio, every digest recomputed") {
  const std::string node = node_with_warcio();
  if (node.empty()) return;
  TempDir dir;
  const std::string path = (dir.path() / "ours.warc.gz").string();
  check_with_warcio(node, path, write_captures(path, false));
}

TEST_CASE("warc with warcio: our .warc.zst, frames decompressed with libzstd and the dictionary, checked by warcio") {
  const std::string node = node_with_warcio();
  if (node.empty()) return;
  TempDir dir;
  const std::string path = (dir.path() / "ours.warc.zst").string();
  const auto expected = write_captures(path, true);
  const std::string file = read_file(path);
  REQUIRE(file.substr(0, 4) == "\x5d\x2a\x4d\x18");
  std::string regzipped;
  for (const std::string& record : zstd_records(file)) regzipped += gzip_bytes(record);
  const std::string gz = (dir.path() / "from-zst.warc.gz").string();
  write_file(gz, regzipped);
  check_with_warcio(node, gz, expected);
}

}  // namespace winnow::test
