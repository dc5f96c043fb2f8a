// Record identifiers and dates the writer puts in WARC headers.
#pragma once

#include <string>

namespace winnow::warc {

// A fresh "<urn:uuid:...>" (random, version 4) for WARC-Record-ID.
std::string new_record_id();
// The current UTC time as ISO 8601 with milliseconds: 2026-12-02T10:11:12.345Z.
std::string now_iso8601();

}  // namespace winnow::warc
