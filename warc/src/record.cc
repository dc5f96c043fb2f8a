// Record's conveniences, the record type names, and compression_for_path().
#include <algorithm>
#include <array>

#include "record_types.h"

#include "winnow/ascii.h"
#include "winnow/http_headers.h"
#include "winnow/warc.h"

namespace winnow::warc {
namespace {

constexpr std::array<std::pair<RecordType, std::string_view>, 8> kTypeNames{{
    {RecordType::kWarcinfo, "warcinfo"},
    {RecordType::kResponse, "response"},
    {RecordType::kResource, "resource"},
    {RecordType::kRequest, "request"},
    {RecordType::kRevisit, "revisit"},
    {RecordType::kMetadata, "metadata"},
    {RecordType::kConversion, "conversion"},
    {RecordType::kContinuation, "continuation"},
}};

std::string strip_angle_brackets(std::string value) {
  if (value.size() >= 2 && value.front() == '<' && value.back() == '>') return value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

std::string_view record_type_name(RecordType type) {
  for (const auto& [known, name] : kTypeNames) {
    if (known == type) return name;
  }
  return "other";
}

RecordType record_type_from_name(std::string_view name) {
  for (const auto& [type, known] : kTypeNames) {
    if (ascii::iequals(known, name)) return type;
  }
  return RecordType::kOther;
}

std::string Record::header(std::string_view name) const { return header_value(headers, name); }
std::string Record::target_uri() const { return strip_angle_brackets(header("WARC-Target-URI")); }
std::string Record::date() const { return header("WARC-Date"); }
std::string Record::record_id() const { return strip_angle_brackets(header("WARC-Record-ID")); }

std::string_view Record::payload() const {
  std::string_view bytes = block;
  if (http) bytes.remove_prefix(std::min<std::size_t>(bytes.size(), static_cast<std::size_t>(http->head_bytes)));
  return bytes;
}

Compression compression_for_path(std::string_view path) {
  if (ascii::iends_with(path, ".warc.gz")) return Compression::kGzip;
  if (ascii::iends_with(path, ".warc.zst")) return Compression::kZstd;
  return Compression::kNone;
}

}  // namespace winnow::warc
