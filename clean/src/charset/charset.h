// Turns page bytes in any charset into valid UTF-8 (BOM, forced label, HTTP header, <meta>, else a guess).
#pragma once

#include <string>
#include <string_view>

#include "winnow/result.h"

namespace winnow::clean {

struct Decoded {
  std::string utf8;     // always valid UTF-8; undecodable bytes become U+FFFD
  std::string charset;  // the charset that was used, canonical lower-case name, e.g. "utf-8"
  bool guessed = false; // true when no label was found and the charset was guessed
};

// Decodes bytes to UTF-8. Precedence: byte-order mark; forced_charset (if not
// empty); charset= in content_type; <meta charset> or http-equiv Content-Type
// in the first 4096 bytes (but a single-byte label on bytes that are valid
// UTF-8 with non-ASCII characters is taken as a mislabel: UTF-8, guessed); valid UTF-8 as is; mostly valid UTF-8 (eight good
// multibyte sequences or more for each bad byte) with U+FFFD for the bad
// bytes; else uchardet's guess; else
// windows-1252. A BOM is removed. Fails with kInvalidInput when the bytes look
// binary (NUL bytes over 1% or control characters over 10% of the first
// 64 KiB, outside UTF-16/32) and
// kUnsupported when forced_charset names a charset iconv does not know.
Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view forced_charset = {},
                               std::string_view content_type = {});

// True when bytes are UTF-16 or UTF-32: a BOM says so, or (without one) the
// NULs of mostly-ASCII UTF-16 markup fall in every other byte. Such bytes are
// text, not binary, once decoded; byte-level sniffing must decode them first.
bool looks_wide_unicode(std::string_view bytes);

// Replaces every invalid UTF-8 sequence with U+FFFD; valid input is returned unchanged.
std::string sanitize_utf8(std::string_view bytes);

}  // namespace winnow::clean
