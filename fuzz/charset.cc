// Fuzz target: charset detection and conversion alone (decode_to_utf8, its label lookup, sanitize_utf8).
//
// Input: one byte choosing the forced label (0 = none, else one of kLabels) and the Content-Type, then the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "charset/charset.h"
#include "charset/labels.h"
#include "checks.h"

using namespace winnow;

namespace {

constexpr const char* kLabels[] = {"",          "utf-8",     "windows-1252", "iso-8859-2", "shift_jis", "euc-jp",
                                   "gb18030",   "big5",      "euc-kr",       "koi8-r",     "utf-16le",  "utf-16be",
                                   "x-user-defined", "iso-2022-jp", "replacement", "no-such-charset"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t choice = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string forced = kLabels[choice & 15];
  const std::string content_type = (choice & 0x10) ? "text/html; charset=" + std::string(kLabels[(choice >> 5) + 1]) : "";

  Result<clean::Decoded> decoded = clean::decode_to_utf8(bytes, forced, content_type);
  if (decoded) {
    fuzz::require_utf8(decoded.value().utf8, "decode_to_utf8 gave invalid UTF-8");
    fuzz::require(!decoded.value().charset.empty(), "decode_to_utf8 names no charset");
    fuzz::require(decoded.value().utf8.size() <= bytes.size() * 4 + 16, "decoded text far larger than its bytes");
  } else {
    const ErrorKind kind = decoded.error().kind;
    fuzz::require(kind == ErrorKind::kInvalidInput || kind == ErrorKind::kUnsupported, "unexpected error kind",
                  decoded.error().message);
  }
  (void)clean::looks_wide_unicode(bytes);

  const std::string sanitized = clean::sanitize_utf8(bytes);
  fuzz::require_utf8(sanitized, "sanitize_utf8 gave invalid UTF-8");
  if (fuzz::valid_utf8(bytes)) fuzz::require(sanitized == bytes, "sanitize_utf8 changed valid UTF-8");

  // The bytes as a label: lookup is total, and a known label's normalised form finds the same charset.
  if (bytes.size() <= 64) {
    if (const auto charset = clean::lookup_label(bytes)) {
      const auto again = clean::lookup_label(clean::normalized_label(bytes));
      fuzz::require(again && again->name == charset->name, "a normalised label names another charset");
    }
  }
  return 0;
}
