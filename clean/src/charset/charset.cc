// Turns page bytes in any charset into valid UTF-8: the order in which BOM, labels, <meta>, UTF-8 checks and a guess decide.
#include "charset/charset.h"

#include <algorithm>
#include <optional>

#include "charset/binary.h"
#include "charset/convert.h"
#include "charset/labels.h"
#include "charset/meta_prescan.h"
#include "charset/utf8.h"

namespace winnow::clean {
namespace {

// Valid UTF-8 with non-ASCII characters under a single-byte label (HTTP header
// or <meta>) is mislabelled UTF-8: legacy text almost never forms valid
// multi-byte sequences, while servers and templates often declare the wrong
// charset. A charset the user forces is always obeyed.
bool is_mislabelled_utf8(std::string_view bytes, const Charset& label) {
  const std::string& name = label.name;
  const bool single_byte = name.starts_with("windows-125") || name.starts_with("iso-8859-") ||
                           name.starts_with("koi8") || name == "us-ascii" || name == "macintosh";
  if (!single_byte) return false;
  const bool non_ascii = std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  return non_ascii && is_valid_utf8(bytes);
}

}  // namespace

Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view forced_charset,
                               std::string_view content_type) {
  if (bytes.empty()) return Decoded{"", "utf-8", false};

  size_t bom_size = 0;
  if (auto bom = bom_charset(bytes, &bom_size)) {
    std::string_view body = bytes.substr(bom_size);
    if (!is_wide(*bom)) {
      if (auto error = binary_error(body)) return *error;
    }
    return decode_with(body, *bom, false);
  }

  std::optional<Charset> label;
  const bool forced = !normalized_label(forced_charset).empty();
  if (forced) {
    label = lookup_label(forced_charset);
    if (!label) {
      std::string name = normalized_label(forced_charset);
      if (!iconv_knows(name)) {
        return Error{ErrorKind::kUnsupported, "unknown charset '" + std::string(forced_charset) +
                                                  "'; use a label such as utf-8, windows-1252 or shift_jis"};
      }
      label = Charset{name, name};
    }
  }
  if (!label) {
    if (auto param = charset_param(content_type)) label = lookup_label(*param);
  }
  if (label && is_wide(*label)) return decode_with(bytes, *label, false);

  if (auto error = binary_error(bytes)) {
    if (label) return *error;
    auto utf16 = bomless_utf16(bytes);
    if (!utf16) return *error;
    return decode_with(bytes, *utf16, true);
  }
  if (label && !forced && is_mislabelled_utf8(bytes, *label)) return Decoded{std::string(bytes), "utf-8", true};
  if (label) return decode_with(bytes, *label, false);
  if (auto meta = prescan_meta(bytes)) {
    if (is_mislabelled_utf8(bytes, *meta)) return Decoded{std::string(bytes), "utf-8", true};
    return decode_with(bytes, *meta, false);
  }
  if (is_valid_utf8(bytes)) return Decoded{std::string(bytes), "utf-8", false};
  if (is_mostly_utf8(bytes)) return Decoded{sanitize_utf8(bytes), "utf-8", true};
  if (auto guess = guess_charset(bytes)) return decode_with(bytes, *guess, true);
  return decode_with(bytes, Charset{"windows-1252", "CP1252"}, true);
}

}  // namespace winnow::clean
