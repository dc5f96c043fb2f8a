// Guessing and converting: uchardet's guess for unlabelled bytes, and iconv from any charset to valid UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "charset/charset.h"
#include "charset/labels.h"

namespace winnow::clean {

// True when iconv can convert from the charset `name` to UTF-8.
bool iconv_knows(const std::string& name);
// uchardet's guess from the non-ASCII parts of the first bytes, or nullopt.
std::optional<Charset> guess_charset(std::string_view bytes);
// The bytes decoded from `charset` to valid UTF-8 (bad sequences become
// U+FFFD), reported as `guessed` or not. Fails with kInternal when iconv
// cannot open the conversion.
Result<Decoded> decode_with(std::string_view bytes, const Charset& charset, bool guessed);

}  // namespace winnow::clean
