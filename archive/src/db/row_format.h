// How rows hold what is not a plain column: a capture's headers as JSON, a version's change label as a code.
#pragma once

#include <cstdint>
#include <string>

#include "winnow/archive.h"

namespace winnow::archive {

// A capture's headers as the JSON array captures.headers holds ([[name, value], ...]), and back
// (a malformed value reads as no headers).
std::string headers_json(const Headers& headers);
Headers parse_headers(const std::string& json);

// The label as stored in versions.label, and back.
int label_code(ChangeLabel label);
ChangeLabel label_from_code(std::int64_t code);

}  // namespace winnow::archive
