// Tells the HTML page records of a WARC from the rest (requests, revisits, images, redirects...); opens and batches WARC reading.
#include "io/warc_pages.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "io/read_input.h"
#include "winnow/ascii.h"
#include "winnow/clean.h"
#include "winnow/http_headers.h"

namespace winnow::cli {
namespace {

constexpr std::size_t kSniffBytes = 1024;
constexpr std::size_t kBatchRecordsPerJob = 32;
constexpr std::size_t kBatchBytes = 256u << 20;

bool is_html_media_type(std::string_view content_type) {
  const std::string_view media = ascii::trim(content_type.substr(0, content_type.find(';')));
  return ascii::iequals(media, "text/html") || ascii::iequals(media, "application/xhtml+xml");
}

}  // namespace

std::string payload_content_type(const warc::Record& record) {
  if (record.type == warc::RecordType::kResponse) {
    return record.http ? header_value(record.http->headers, "Content-Type") : std::string();
  }
  return record.header("Content-Type");
}

std::optional<std::string> why_not_a_page(const warc::Record& record) {
  if (record.type != warc::RecordType::kResponse && record.type != warc::RecordType::kResource) {
    return std::string(warc::record_type_name(record.type));
  }
  if (record.type == warc::RecordType::kResponse) {
    if (!record.http) return "not HTTP";
    const int status = record.http->status;
    if (status < 200 || status > 299) return "HTTP " + std::to_string(status / 100) + "xx";
  }
  const std::string content_type = payload_content_type(record);
  if (!content_type.empty()) {
    if (is_html_media_type(content_type)) return std::nullopt;
    return "not HTML";
  }
  // Without a Content-Type the payload decides; an encoded one does not sniff as HTML and is left out.
  if (clean::sniff_input_kind(record.payload().substr(0, kSniffBytes)) == clean::InputKind::kHtml) return std::nullopt;
  return "not HTML";
}

Result<warc::Reader> open_warc(const std::string& path) {
  if (path == "-") return warc::Reader::open_stdin(take_peeked_stdin());
  return warc::Reader::open(path);
}

RecordBatch read_batch(warc::Reader& reader, unsigned jobs) {
  RecordBatch batch;
  const std::size_t max_records = kBatchRecordsPerJob * std::max(1u, jobs);
  std::size_t bytes = 0;
  while (batch.records.size() < max_records && bytes < kBatchBytes) {
    Result<std::optional<warc::Record>> next = reader.next();
    if (!next || !next.value()) {
      if (!next) batch.error = next.error();
      batch.last = true;
      break;
    }
    bytes += next.value()->block.size();
    batch.records.push_back(std::move(*next.value()));
  }
  return batch;
}

std::string describe_skipped(const std::map<std::string, std::size_t>& skipped) {
  std::size_t total = 0;
  std::string reasons;
  for (const auto& [reason, count] : skipped) {
    total += count;
    reasons += (reasons.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
  }
  return std::to_string(total) + " skipped" + (reasons.empty() ? "" : " (" + reasons + ")");
}

}  // namespace winnow::cli
