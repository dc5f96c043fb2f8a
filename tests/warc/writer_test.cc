// The writer read back by our reader: gzip, zstd with a trained dictionary and plain; revisits; placements; atomic output.
#include <catch2/catch.hpp>
#include <filesystem>

#include "support/temp_dir.h"
#include "warc/warc_files.h"
#include "winnow/warc.h"

namespace winnow::test {
namespace {

std::vector<warc::Capture> sample_captures() {
  std::vector<warc::Capture> captures;
  for (int i = 0; i < 30; ++i) {
    warc::Capture capture;
    capture.url = "http://example.com/page/" + std::to_string(i);
    capture.date = "2026-12-02T10:11:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".123Z";
    capture.ip_address = "127.0.0.1";
    capture.status = 200;
    capture.reason = "OK";
    capture.http_headers = {{"Content-Type", "text/html; charset=utf-8"}, {"Server", "test"}};
    capture.payload = "<html><head><title>Page " + std::to_string(i) + "</title></head><body><p>Text of page " +
                      std::to_string(i * 31) + " with some words that repeat across pages.</p></body></html>";
    capture.request_head = "GET /page/" + std::to_string(i) + " HTTP/1.1\r\nHost: example.com\r\n\r\n";
    captures.push_back(capture);
  }
  warc::Capture raw;
  raw.url = "http://example.com/raw";
  raw.date = "2026-12-02T10:12:00Z";
  raw.http_head = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\n";
  raw.payload = "not here";
  captures.push_back(raw);
  warc::Capture file;
  file.url = "file:///tmp/notes.txt";
  file.date = "2026-12-02T10:13:00Z";
  file.content_type = "text/plain";
  file.payload = "a saved file";
  captures.push_back(file);
  warc::Capture again = captures[3];  // the same payload as page 3, later: a revisit
  again.date = "2026-12-03T00:00:00Z";
  again.request_head.clear();
  captures.push_back(again);
  return captures;
}

}  // namespace

TEST_CASE("warc writer: captures round-trip through gzip, zstd with a dictionary, and plain files") {
  const auto [suffix, train] = GENERATE(table<std::string, bool>({{".warc.gz", false}, {".warc.zst", true}, {".warc.zst", false}, {".warc", false}}));
  INFO(suffix << " train=" << train);
  TempDir dir;
  const std::string path = (dir.path() / ("out" + suffix)).string();
  const std::vector<warc::Capture> captures = sample_captures();
  warc::WriterOptions options;
  options.compression = warc::compression_for_path(path);
  options.zstd_level = 3;
  options.warcinfo_fields = {{"operator", "tests"}};
  Result<warc::Writer> writer = warc::Writer::create(path, options);
  REQUIRE(writer.ok());
  if (train) {
    std::vector<std::string> samples;
    for (const warc::Capture& c : captures) samples.push_back(warc::Writer::sample_record(c));
    Result<bool> trained = writer.value().train_dictionary(samples);
    REQUIRE(trained.ok());
    CHECK(trained.value());
  }
  std::vector<warc::Placement> placements;
  for (const warc::Capture& c : captures) {
    Result<std::vector<warc::Placement>> placed = writer.value().write(c);
    REQUIRE(placed.ok());
    placements.insert(placements.end(), placed.value().begin(), placed.value().end());
  }
  CHECK_FALSE(std::filesystem::exists(path));  // a temporary until finish()
  REQUIRE(writer.value().finish().ok());
  REQUIRE(std::filesystem::exists(path));
  CHECK(warc::looks_like_warc(read_file(path).substr(0, 512)));

  const ReadAll all = read_all_file(path);
  INFO(all.error.message);
  REQUIRE_FALSE(all.failed);
  REQUIRE(all.records.size() == 1 + placements.size());
  CHECK(all.records[0].type == warc::RecordType::kWarcinfo);
  CHECK(all.records[0].version == "WARC/1.1");
  CHECK(all.records[0].block.find("operator: tests") != std::string::npos);
  std::size_t next = 1;
  for (const warc::Capture& c : captures) {
    if (!c.request_head.empty()) {
      const warc::Record& request = all.records[next++];
      CHECK(request.type == warc::RecordType::kRequest);
      CHECK(request.block == c.request_head);
      CHECK(request.http);
      CHECK(request.header("WARC-Concurrent-To") == "<" + all.records[next].record_id() + ">");
    }
    const warc::Record& record = all.records[next++];
    CHECK(record.target_uri() == c.url);
    CHECK(record.date() == c.date);
    CHECK(record.header("WARC-Payload-Digest") == warc::sha1_base32(c.payload));
    CHECK(record.header("WARC-Block-Digest") == warc::sha1_base32(record.block));
    if (&c == &captures.back()) {
      CHECK(record.type == warc::RecordType::kRevisit);
      CHECK(record.header("WARC-Refers-To-Target-URI") == captures[3].url);
      CHECK(record.header("WARC-Refers-To-Date") == captures[3].date);
      CHECK(record.header("WARC-Profile").find("identical-payload-digest") != std::string::npos);
      CHECK(record.payload().empty());
    } else if (c.status || !c.http_head.empty()) {
      CHECK(record.type == warc::RecordType::kResponse);
      CHECK(record.payload() == c.payload);
      CHECK(record.header("WARC-IP-Address") == c.ip_address);
    } else {
      CHECK(record.type == warc::RecordType::kResource);
      CHECK(record.header("Content-Type") == "text/plain");
      CHECK(record.payload() == c.payload);
    }
  }
  // Placements are where the reader finds the records (offsets of members / frames; file offsets when plain).
  for (std::size_t i = 0; i < placements.size(); ++i) {
    CHECK(placements[i].offset == all.records[i + 1].offset);
    CHECK(placements[i].length == all.records[i + 1].length);
    CHECK(placements[i].record_id == "<" + all.records[i + 1].record_id() + ">");
    CHECK(placements[i].type == all.records[i + 1].type);
  }
}

TEST_CASE("warc writer: a dictionary makes a zstd file of many similar pages smaller") {
  TempDir dir;
  std::vector<warc::Capture> captures = sample_captures();
  std::vector<std::string> samples;
  for (const warc::Capture& c : captures) samples.push_back(warc::Writer::sample_record(c));
  std::uintmax_t sizes[2] = {0, 0};
  for (int with = 0; with < 2; ++with) {
    const std::string path = (dir.path() / ("d" + std::to_string(with) + ".warc.zst")).string();
    warc::WriterOptions options;
    options.compression = warc::Compression::kZstd;
    Result<warc::Writer> writer = warc::Writer::create(path, options);
    REQUIRE(writer.ok());
    if (with) REQUIRE(writer.value().train_dictionary(samples).value());
    for (int round = 0; round < 5; ++round) {
      for (warc::Capture c : captures) {
        c.payload += std::to_string(round);  // no revisits
        REQUIRE(writer.value().write(c).ok());
      }
    }
    REQUIRE(writer.value().finish().ok());
    sizes[with] = std::filesystem::file_size(path);
  }
  CHECK(sizes[1] < sizes[0]);
}

TEST_CASE("warc writer: an abandoned writer leaves no file, and misuse is an error") {
  TempDir dir;
  const std::string path = (dir.path() / "gone.warc.gz").string();
  {
    Result<warc::Writer> writer = warc::Writer::create(path);
    REQUIRE(writer.ok());
    warc::Capture capture;
    capture.url = "http://example.com/";
    capture.payload = "x";
    REQUIRE(writer.value().write(capture).ok());
    CHECK_FALSE(writer.value().train_dictionary({}).ok());  // not zstd
    warc::Capture nameless;
    CHECK(writer.value().write(nameless).error().kind == ErrorKind::kInvalidInput);
  }
  CHECK(std::filesystem::is_empty(dir.path()));
  Result<warc::Writer> nowhere = warc::Writer::create("/nonexistent/dir/x.warc.gz");
  REQUIRE_FALSE(nowhere.ok());
  CHECK(nowhere.error().kind == ErrorKind::kIo);
  warc::WriterOptions zstd_options;
  zstd_options.compression = warc::Compression::kZstd;
  Result<warc::Writer> zst = warc::Writer::create((dir.path() / "few.warc.zst").string(), zstd_options);
  REQUIRE(zst.ok());
  Result<bool> few = zst.value().train_dictionary({"one sample"});
  REQUIRE(few.ok());
  CHECK_FALSE(few.value());
  REQUIRE(zst.value().finish().ok());
  CHECK_FALSE(zst.value().finish().ok());
  const ReadAll all = read_all_file((dir.path() / "few.warc.zst").string());
  CHECK(all.records.size() == 1);  // the warcinfo alone
}

}  // namespace winnow::test
