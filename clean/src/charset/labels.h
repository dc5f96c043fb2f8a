// Charset labels (WHATWG Encoding): a label as pages and servers spell it to the decoder that browsers use for it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::clean {

// A charset as decode_to_utf8 uses it.
struct Charset {
  std::string name;   // canonical lower-case name reported in Decoded::charset
  std::string iconv;  // name handed to iconv_open
};

// `label` trimmed of HTML whitespace and lower-cased, the form labels are compared in.
std::string normalized_label(std::string_view label);
// The charset a label names ("latin1", "Shift_JIS", " UTF-8 "), or nullopt when unknown.
std::optional<Charset> lookup_label(std::string_view label);
// True for UTF-16 and UTF-32 in either byte order.
bool is_wide(const Charset& charset);
// Bytes per code unit: 2 for UTF-16, 4 for UTF-32, else 1.
std::size_t code_unit_size(const Charset& charset);

}  // namespace winnow::clean
