// `winnow archive export`: reads captures in URL and time order and writes them with winnow::warc's Writer.
#include "archive/export.h"
#include "archive/read.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "common/exit_codes.h"
#include "io/output.h"
#include "terminal/messages.h"
#include "winnow/archive.h"
#include "winnow/ascii.h"
#include "winnow/cdxj.h"
#include "winnow/http_headers.h"
#include "winnow/warc.h"

namespace winnow::cli {
namespace {

// A .warc.zst's dictionary is trained from at most this many records.
constexpr std::size_t kDictionarySamples = 2000;

std::string_view standard_reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 404: return "Not Found";
    case 410: return "Gone";
    default: return "";
  }
}

// The stored headers as they hold for the stored bytes: those were decoded
// (no content or transfer coding) and may differ in length from the wire.
warc::Headers headers_for_stored_bytes(const archive::Headers& headers, std::size_t size, bool has_body) {
  warc::Headers out;
  for (const auto& [name, value] : headers) {
    if (ascii::iequals(name, "Content-Encoding") || ascii::iequals(name, "Transfer-Encoding") ||
        ascii::iequals(name, "Content-Length")) {
      continue;
    }
    out.emplace_back(name, value);
  }
  if (has_body) out.emplace_back("Content-Length", std::to_string(size));
  return out;
}

std::string media_type(const archive::Headers& headers) {
  const std::string content_type = header_value(headers, "Content-Type");
  return std::string(ascii::trim(std::string_view(content_type).substr(0, content_type.find(';'))));
}

// The bytes of each version, read once for the run of captures that share it.
class VersionBytes {
 public:
  explicit VersionBytes(archive::Archive& archive) : archive_(archive) {}

  Result<std::string> get(const archive::CaptureRecord& capture) {
    if (capture.url != url_ || capture.version != version_) {
      archive::VersionSelector which;
      which.version = capture.version;
      Result<std::string> raw = archive_.raw(capture.url, which);
      if (!raw) return raw.error();
      url_ = capture.url;
      version_ = capture.version;
      bytes_ = std::move(raw).value();
    }
    return bytes_;
  }

 private:
  archive::Archive& archive_;
  std::string url_;
  int version_ = 0;
  std::string bytes_;
};

Result<warc::Capture> to_warc_capture(const archive::CaptureRecord& capture, VersionBytes& versions) {
  warc::Capture out;
  out.url = capture.url;
  out.date = capture.time;
  const bool has_body = !capture.not_modified && !capture.gone;
  if (has_body) {
    Result<std::string> raw = versions.get(capture);
    if (!raw) return raw.error();
    out.payload = std::move(raw).value();
  }
  if (capture.status == 0) {  // a saved file: no HTTP exchange to show
    out.content_type = "text/html";
    return out;
  }
  out.status = capture.status;
  out.reason = standard_reason(capture.status);
  out.http_headers = headers_for_stored_bytes(capture.headers, out.payload.size(), has_body);
  return out;
}

std::string warc_file_name(const std::string& output) {
  return output == "-" ? std::string("-") : std::filesystem::path(output).filename().string();
}

}  // namespace

Result<ExportTally> export_warc(archive::Archive& archive, const ExportSettings& settings) {
  archive::CaptureFilter filter;
  filter.urls = settings.urls;
  filter.since = settings.since;
  filter.until = settings.until;
  Result<std::vector<archive::CaptureRecord>> captures = archive.captures(filter);
  if (!captures) return captures.error();

  warc::WriterOptions options;
  options.compression = settings.output == "-" ? warc::Compression::kGzip : warc::compression_for_path(settings.output);
  Result<warc::Writer> created = warc::Writer::create(settings.output, options);
  if (!created) return created.error();
  warc::Writer& writer = created.value();
  VersionBytes versions(archive);
  if (options.compression == warc::Compression::kZstd) {
    std::vector<std::string> samples;
    for (const archive::CaptureRecord& capture : captures.value()) {
      if (samples.size() >= kDictionarySamples) break;
      if (!capture.new_version || capture.gone || capture.not_modified) continue;
      Result<warc::Capture> record = to_warc_capture(capture, versions);
      if (record) samples.push_back(warc::Writer::sample_record(record.value()));
    }
    Result<bool> trained = writer.train_dictionary(samples);
    if (!trained) return trained.error();
  }

  const std::string file_name = warc_file_name(settings.output);
  std::vector<std::string> index;
  ExportTally tally;
  std::string last_url;
  for (const archive::CaptureRecord& capture : captures.value()) {
    Result<warc::Capture> record = to_warc_capture(capture, versions);
    if (!record) return Error{record.error().kind, capture.url + ": " + record.error().message};
    Result<std::vector<warc::Placement>> placed = writer.write(record.value());
    if (!placed) return placed.error();
    if (capture.url != last_url) ++tally.urls;
    last_url = capture.url;
    for (const warc::Placement& placement : placed.value()) {
      ++tally.records;
      if (placement.type == warc::RecordType::kRevisit) ++tally.revisits;
      if (settings.cdxj.empty()) continue;
      warc::CdxjEntry entry;
      entry.url = capture.url;
      entry.time = capture.time;
      entry.mime = placement.type == warc::RecordType::kRevisit ? "warc/revisit"
                   : capture.status == 0                        ? "text/html"
                                                                : media_type(capture.headers);
      entry.status = capture.status;
      entry.digest = warc::sha1_base32(record.value().payload);
      entry.offset = placement.offset;
      entry.length = placement.length;
      entry.filename = file_name;
      index.push_back(warc::cdxj_line(entry));
    }
  }
  Result<bool> finished = writer.finish();
  if (!finished) return finished.error();
  if (!settings.cdxj.empty()) {
    std::sort(index.begin(), index.end());
    std::string text;
    for (const std::string& line : index) text += line + '\n';
    Result<std::filesystem::path> written = write_file_atomically(settings.cdxj, text);
    if (!written) return Error{written.error().kind, settings.cdxj + ": " + written.error().message};
  }
  tally.captures = captures.value().size();
  return tally;
}

int run_archive_export(const ExportSettings& settings) {
  Result<archive::Archive> opened = open_existing(settings.archive, true);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  Result<ExportTally> tally = export_warc(opened.value(), settings);
  if (!tally) {
    report_error("", tally.error().message);
    return kExitFailure;
  }
  if (!settings.quiet) {
    report_note(settings.output == "-" ? "standard output" : settings.output,
                std::to_string(tally.value().records) + " records written (" + std::to_string(tally.value().revisits) +
                    " revisits) for " + std::to_string(tally.value().urls) + " URLs and " +
                    std::to_string(tally.value().captures) + " captures");
  }
  return kExitOk;
}

}  // namespace winnow::cli
