// Writes the seeds only winnow itself can make: WARC files (plain, gzip, zstd with and without a dictionary)
// for fuzz_warc_reader, and archive files for fuzz_archive. Usage: fuzz_make_seeds OUT_DIR PAGE.html...
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/archive.h"
#include "winnow/warc.h"

namespace fs = std::filesystem;
using namespace winnow;

namespace {

std::string read_file(const fs::path& path, std::size_t cap) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str().substr(0, cap);
}

void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<warc::Capture> captures_of(const std::vector<std::string>& pages) {
  std::vector<warc::Capture> captures;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    warc::Capture capture;
    capture.url = "https://example.com/page" + std::to_string(i) + ".html";
    capture.date = "2026-01-0" + std::to_string(1 + i % 9) + "T10:00:00Z";
    capture.status = 200;
    capture.reason = "OK";
    capture.http_headers = {{"Content-Type", "text/html; charset=utf-8"}, {"Content-Length", std::to_string(pages[i].size())}};
    capture.payload = pages[i];
    if (i % 2 == 0) capture.request_head = "GET /page" + std::to_string(i) + ".html HTTP/1.1\r\nHost: example.com\r\n\r\n";
    captures.push_back(capture);
  }
  // A chunked response, a repeated payload (a revisit) and a resource record.
  warc::Capture chunked = captures.front();
  chunked.url = "https://example.com/chunked";
  chunked.http_headers = {{"Content-Type", "text/html"}, {"Transfer-Encoding", "chunked"}};
  chunked.payload = "5\r\n<p>hi\r\n6\r\n there\r\n0\r\n\r\n";
  captures.push_back(chunked);
  warc::Capture again = captures.front();
  again.url = "https://example.com/again";
  captures.push_back(again);
  warc::Capture resource;
  resource.url = "file:///saved/page.html";
  resource.content_type = "text/html";
  resource.payload = pages.back();
  captures.push_back(resource);
  return captures;
}

bool write_warc(const fs::path& path, warc::Compression compression, bool dictionary,
                const std::vector<warc::Capture>& captures) {
  warc::WriterOptions options;
  options.compression = compression;
  options.zstd_level = 3;
  Result<warc::Writer> writer = warc::Writer::create(path.string(), options);
  if (!writer) return false;
  if (dictionary) {
    std::vector<std::string> samples;
    for (int copy = 0; copy < 20; ++copy) {
      for (const warc::Capture& capture : captures) samples.push_back(warc::Writer::sample_record(capture));
    }
    (void)writer.value().train_dictionary(samples);
  }
  for (const warc::Capture& capture : captures) {
    if (!writer.value().write(capture)) return false;
  }
  return writer.value().finish().ok();
}

bool write_archive(const fs::path& path, const std::vector<std::string>& pages) {
  fs::remove(path);
  Result<archive::Archive> opened = archive::Archive::open(path.string());
  if (!opened) return false;
  archive::Archive& store = opened.value();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    archive::CaptureInput input;
    input.url = "https://example.com/a";
    input.time = "2026-01-0" + std::to_string(1 + i % 9) + "T10:00:00Z";
    input.status = 200;
    input.headers = {{"ETag", "\"v" + std::to_string(i) + "\""}};
    input.raw = pages[i];
    if (!store.add_capture(input)) return false;
  }
  (void)store.add_not_modified("https://example.com/a", "2026-02-01T00:00:00Z", {});
  (void)store.add_gone("https://example.com/a", "2026-03-01T00:00:00Z", 404, {});
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fuzz_make_seeds OUT_DIR PAGE.html...\n";
    return 2;
  }
  const fs::path out = argv[1];
  std::vector<std::string> pages;
  for (int i = 2; i < argc; ++i) pages.push_back(read_file(argv[i], 3000));
  fs::create_directories(out / "warc_reader");
  fs::create_directories(out / "archive");
  const std::vector<warc::Capture> captures = captures_of(pages);
  const fs::path scratch = out / "scratch";
  fs::create_directories(scratch);
  struct Kind {
    const char* name;
    warc::Compression compression;
    bool dictionary;
  };
  for (const Kind& kind : {Kind{"plain.warc", warc::Compression::kNone, false}, Kind{"gzip.warc.gz", warc::Compression::kGzip, false},
                           Kind{"zstd.warc.zst", warc::Compression::kZstd, false},
                           Kind{"zstd-dict.warc.zst", warc::Compression::kZstd, true}}) {
    const fs::path file = scratch / kind.name;
    if (!write_warc(file, kind.compression, kind.dictionary, captures)) {
      std::cerr << "fuzz_make_seeds: cannot write " << file << '\n';
      return 1;
    }
    const std::string bytes = read_file(file, std::string::npos);
    // Mode 0: the file as it is. For the plain file also modes 2 and 3: the harness compresses it.
    write_file(out / "warc_reader" / (std::string(kind.name) + ".seed"), std::string(1, '\0') + bytes);
    if (kind.compression == warc::Compression::kNone) {
      write_file(out / "warc_reader" / "plain-as-gzip.seed", std::string(1, '\2') + bytes);
      write_file(out / "warc_reader" / "plain-as-zstd.seed", std::string(1, '\3') + bytes);
    }
  }
  const fs::path db = scratch / "seed.db";
  if (!write_archive(db, pages)) {
    std::cerr << "fuzz_make_seeds: cannot write the archive\n";
    return 1;
  }
  write_file(out / "archive" / "pages.db", read_file(db, std::string::npos));
  if (!write_archive(db, {})) return 1;
  write_file(out / "archive" / "empty.db", read_file(db, std::string::npos));
  fs::remove_all(scratch);
  return 0;
}
