// Binary detection and the wide-Unicode test: bytes that are not text, and UTF-16/32 that only looks binary.
#include "charset/binary.h"

#include <algorithm>
#include <string>

#include "charset/charset.h"
#include "charset/meta_prescan.h"

namespace winnow::clean {
namespace {

constexpr std::size_t kBinaryScanBytes = 64 * 1024;

bool is_text_control(unsigned char c) {
  // ESC, SO and SI shift states in ISO-2022 encodings.
  return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x1B || c == 0x0E || c == 0x0F;
}

}  // namespace

// UTF-16 without a BOM: mostly-ASCII markup leaves a NUL in every other byte.
std::optional<Charset> bomless_utf16(std::string_view bytes) {
  size_t n = std::min(bytes.size(), kMetaScanBytes) & ~size_t{1};
  if (n < 8) return std::nullopt;
  size_t even_zeros = 0;
  size_t odd_zeros = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_zeros += bytes[i] == '\0';
    odd_zeros += bytes[i + 1] == '\0';
  }
  size_t units = n / 2;
  if (odd_zeros * 2 >= units && even_zeros * 50 <= units) return Charset{"utf-16le", "UTF-16LE"};
  if (even_zeros * 2 >= units && odd_zeros * 50 <= units) return Charset{"utf-16be", "UTF-16BE"};
  return std::nullopt;
}


std::optional<Error> binary_error(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min(bytes.size(), kBinaryScanBytes));
  size_t controls = 0;
  size_t nuls = 0;
  for (unsigned char c : head) {
    if (c == 0) ++nuls;
    if ((c < 0x20 && !is_text_control(c)) || c == 0x7F) ++controls;
  }
  // Real pages sometimes carry a stray NUL; binary formats are full of them.
  if (nuls * 100 > head.size()) {
    return Error{ErrorKind::kInvalidInput,
                 "input looks binary, not HTML or text (it contains NUL bytes); pass a text or HTML file"};
  }
  if (controls * 10 > head.size()) {
    return Error{ErrorKind::kInvalidInput,
                 "input looks binary, not HTML or text (" + std::to_string(controls * 100 / head.size()) +
                     "% control characters); pass a text or HTML file"};
  }
  return std::nullopt;
}

bool looks_wide_unicode(std::string_view bytes) {
  size_t bom_size = 0;
  if (auto bom = bom_charset(bytes, &bom_size)) return is_wide(*bom);
  return binary_error(bytes).has_value() && bomless_utf16(bytes).has_value();
}

}  // namespace winnow::clean
