// Binary detection: NULs and control bytes that no text page has, and UTF-16 without a byte-order mark.
#pragma once

#include <optional>
#include <string_view>

#include "charset/labels.h"
#include "winnow/result.h"

namespace winnow::clean {

// UTF-16 without a BOM: mostly-ASCII markup leaves a NUL in every other byte.
std::optional<Charset> bomless_utf16(std::string_view bytes);
// An kInvalidInput error when the first 64 KiB look binary (NULs over 1%,
// control characters over 10%), else nullopt.
std::optional<Error> binary_error(std::string_view bytes);

}  // namespace winnow::clean
