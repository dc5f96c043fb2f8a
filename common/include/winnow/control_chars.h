// Terminal safety: removes control characters (ESC, BEL, C1 controls…) from text bound for a terminal or file.
#pragma once

#include <string>
#include <string_view>

namespace winnow {

// True when the byte at s[i] starts a control character that must never reach
// text output: C0 controls other than tab and newline, DEL, and the C1 controls
// U+0080–U+009F (encoded in UTF-8 as 0xC2 0x80–0x9F). Sets *length to the
// number of bytes the character takes. Carriage returns count as controls: a
// bare CR lets a line overwrite itself on a terminal.
inline bool is_control_char_at(std::string_view s, size_t i, size_t* length) {
  const auto c = static_cast<unsigned char>(s[i]);
  if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
    *length = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size()) {
    const auto next = static_cast<unsigned char>(s[i + 1]);
    if (next >= 0x80 && next <= 0x9F) {
      *length = 2;
      return true;
    }
  }
  return false;
}

// True when `s` holds any control character that is_control_char_at names.
inline bool has_control_chars(std::string_view s) {
  size_t length = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_control_char_at(s, i, &length)) return true;
  }
  return false;
}

// Returns `s` without the control characters that is_control_char_at names;
// everything else, including invalid UTF-8, is copied unchanged.
inline std::string without_control_chars(std::string_view s) {
  if (!has_control_chars(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t length = 0;
  for (size_t i = 0; i < s.size();) {
    if (is_control_char_at(s, i, &length)) {
      i += length;
    } else {
      out.push_back(s[i]);
      ++i;
    }
  }
  return out;
}

}  // namespace winnow
