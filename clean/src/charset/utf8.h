// UTF-8 checks: well-formedness at SIMD-like speed, "mostly UTF-8", and the step over one sequence.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow::clean {

// U+FFFD as UTF-8: what every undecodable sequence becomes.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the well-formed sequence at p (n bytes left, n > 0), or of its
// maximal ill-formed subpart (Unicode's "substitution of maximal subparts",
// as browsers do) with *ok set to false.
std::size_t utf8_step(const unsigned char* p, std::size_t n, bool* ok);
// Offset of the first ill-formed sequence, or n when all of p is valid UTF-8.
std::size_t first_invalid_utf8(const unsigned char* p, std::size_t n);
inline const unsigned char* as_bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
bool is_valid_utf8(std::string_view s);
// UTF-8 with a few bad bytes: many well-formed multibyte sequences and at
// most one bad byte for every eight of them.
bool is_mostly_utf8(std::string_view s);

}  // namespace winnow::clean
