// CDXJ index lines for WARC records, as pywb and OutbackCDX read them: SURT key, 14-digit time, then a JSON object.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::warc {

// The SURT form of a URL, the sort key of CDX indexes: scheme and "www."
// dropped, host labels reversed and comma-joined, then ")" and the path and
// query lower-cased with the query's arguments sorted:
// "https://www.Example.com/A/b?z=1&a=2" -> "com,example)/a/b?a=2&z=1".
// A URL it cannot split (no "://") is returned lower-cased.
std::string surt(std::string_view url);

// A WARC-Date or ISO 8601 time ("2024-05-01T10:00:00Z", fractions allowed) as
// the 14 digits CDX uses ("20240501100000"); "" when it is not such a time.
std::string cdx_timestamp(std::string_view iso_time);

// What one CDXJ line says of a record.
struct CdxjEntry {
  std::string url;
  std::string time;       // ISO 8601 (WARC-Date)
  std::string mime;       // the payload's media type; "warc/revisit" for a revisit
  int status = 0;         // 0: written as "-" (a resource or revisit without one)
  std::string digest;     // WARC-Payload-Digest ("sha1:...")
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  std::string filename;   // the WARC file's name as the index should name it
};

// The line for `entry`, without a newline: "<surt> <timestamp> {json}".
// Lines sorted as plain byte strings give the index order pywb expects.
std::string cdxj_line(const CdxjEntry& entry);

}  // namespace winnow::warc
