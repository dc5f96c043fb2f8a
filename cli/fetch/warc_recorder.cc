// Turns fetched responses' wire bytes into WARC records.
#include "fetch/warc_recorder.h"

#include <utility>

namespace winnow::cli {

Result<WarcRecorder> WarcRecorder::open(const std::string& path) {
  warc::WriterOptions options;
  options.compression = warc::compression_for_path(path);
  Result<warc::Writer> writer = warc::Writer::create(path, options);
  if (!writer) return writer.error();
  return WarcRecorder(std::move(writer).value());
}

Result<bool> WarcRecorder::record(const fetch::Response& response) {
  if (!response.wire || response.wire->response_head.empty()) return false;
  const fetch::Response::Wire& wire = *response.wire;
  warc::Capture capture;
  capture.url = response.final_url.empty() ? response.url : response.final_url;
  capture.ip_address = wire.ip_address;
  capture.http_head = wire.response_head;
  capture.payload = wire.body;
  capture.request_head = wire.request_head;
  Result<std::vector<warc::Placement>> written = writer_.write(capture);
  if (!written) return written.error();
  return true;
}

Result<bool> WarcRecorder::finish() { return writer_.finish(); }

}  // namespace winnow::cli
