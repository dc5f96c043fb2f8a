// bench/warc-read's timer: reads every record of a WARC file and every payload, and prints payload MB/s as JSON.
#include <chrono>
#include <cstdio>
#include <string>

#include "winnow/warc.h"

namespace {

// Writes `count` varied pages of about 20 KB each to `path` with the library's Writer (the input when none is given).
int make(const std::string& path, int count) {
  winnow::warc::WriterOptions options;
  options.compression = winnow::warc::compression_for_path(path);
  winnow::Result<winnow::warc::Writer> writer = winnow::warc::Writer::create(path, options);
  if (!writer) return std::fprintf(stderr, "warc_bench: %s\n", writer.error().message.c_str()), 1;
  uint32_t seed = 1;
  for (int i = 0; i < count; ++i) {
    winnow::warc::Capture capture;
    capture.url = "https://example.com/page/" + std::to_string(i);
    capture.status = 200;
    capture.reason = "OK";
    capture.http_headers = {{"Content-Type", "text/html"}};
    capture.payload = "<html><body>";
    while (capture.payload.size() < 20000) {
      seed = seed * 1103515245 + 12345;
      capture.payload += "<p>word" + std::to_string(seed % 5000) + " text " + std::to_string(seed % 77) + "</p>";
    }
    if (!writer.value().write(capture)) return 1;
  }
  return writer.value().finish() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: warc_bench FILE.warc[.gz|.zst] [--decode]   or   warc_bench --make FILE COUNT\n");
    return 2;
  }
  if (std::string(argv[1]) == "--make" && argc == 4) return make(argv[2], std::stoi(argv[3]));
  const bool decode = argc > 2 && std::string(argv[2]) == "--decode";
  const auto start = std::chrono::steady_clock::now();
  winnow::Result<winnow::warc::Reader> reader = winnow::warc::Reader::open(argv[1]);
  if (!reader) {
    std::fprintf(stderr, "warc_bench: %s\n", reader.error().message.c_str());
    return 1;
  }
  uint64_t records = 0;
  uint64_t payload_bytes = 0;
  uint64_t block_bytes = 0;
  for (;;) {
    winnow::Result<std::optional<winnow::warc::Record>> next = reader.value().next();
    if (!next) {
      std::fprintf(stderr, "warc_bench: %s\n", next.error().message.c_str());
      return 1;
    }
    if (!next.value()) break;
    const winnow::warc::Record& record = *next.value();
    ++records;
    block_bytes += record.block.size();
    if (decode) {
      winnow::Result<std::string> payload = winnow::warc::decoded_payload(record);
      if (payload) payload_bytes += payload.value().size();
    } else {
      payload_bytes += record.payload().size();
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"records\": %llu, \"block_bytes\": %llu, \"payload_bytes\": %llu, \"seconds\": %.4f, \"payload_mb_s\": %.1f}\n",
              static_cast<unsigned long long>(records), static_cast<unsigned long long>(block_bytes),
              static_cast<unsigned long long>(payload_bytes), seconds, payload_bytes / 1e6 / seconds);
  return 0;
}
