// UTF-8 checks and sanitising: the fast validity scan, the mostly-UTF-8 test, U+FFFD for bad sequences.
#include "charset/utf8.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "charset/charset.h"

namespace winnow::clean {
namespace {

bool all_ascii(const unsigned char* p, size_t bytes) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  uint64_t acc = 0;
  for (size_t i = 0; i < bytes; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    acc |= word;
  }
  return (acc & kHighBits) == 0;
}

}  // namespace

// Length of the well-formed sequence at p, or of its maximal ill-formed
// subpart (Unicode's "substitution of maximal subparts", as browsers do)
// with *ok set to false.
size_t utf8_step(const unsigned char* p, size_t n, bool* ok) {
  unsigned char c = p[0];
  *ok = false;
  if (c < 0x80) {
    *ok = true;
    return 1;
  }
  size_t need = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c < 0xC2) {
    return 1;
  } else if (c < 0xE0) {
    need = 1;
  } else if (c < 0xF0) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c < 0xF5) {
    need = 3;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 1;
  }
  for (size_t i = 1; i <= need; ++i) {
    if (i >= n) return i;
    unsigned char b = p[i];
    bool good = i == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    if (!good) return i;
  }
  *ok = true;
  return need + 1;
}


// Offset of the first ill-formed sequence, or n when all of p is valid UTF-8.
// Runs of ASCII are skipped 16 bytes at a time; runs of non-ASCII stay in a
// tight loop with the common 2- and 3-byte forms checked inline.
size_t first_invalid_utf8(const unsigned char* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    while (i + 16 <= n && all_ascii(p + i, 16)) i += 16;
    while (i < n && p[i] < 0x80) ++i;
    while (i < n && p[i] >= 0x80) {
      unsigned char c = p[i];
      if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        i += 2;
      } else if (c > 0xE0 && c < 0xF0 && c != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
                 (p[i + 2] & 0xC0) == 0x80) {
        i += 3;
      } else {
        bool ok = false;
        size_t len = utf8_step(p + i, n - i, &ok);
        if (!ok) return i;
        i += len;
      }
    }
  }
  return n;
}

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(as_bytes(s), s.size()) == s.size(); }

// UTF-8 with a few bad bytes (a truncated copy, one pasted windows-1252
// quote): many well-formed multibyte sequences and at most one bad byte for
// every kMostlyUtf8Ratio of them. Such a page is UTF-8, not a guess.
constexpr size_t kMostlyUtf8Ratio = 8;
bool is_mostly_utf8(std::string_view s) {
  const unsigned char* p = as_bytes(s);
  size_t valid = 0;
  size_t invalid = 0;
  for (size_t i = 0; i < s.size();) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    bool ok = false;
    size_t len = utf8_step(p + i, s.size() - i, &ok);
    if (ok) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return valid >= kMostlyUtf8Ratio && invalid * kMostlyUtf8Ratio <= valid;
}

std::string sanitize_utf8(std::string_view bytes) {
  const unsigned char* p = as_bytes(bytes);
  const size_t n = bytes.size();
  size_t bad = first_invalid_utf8(p, n);
  if (bad == n) return std::string(bytes);
  std::string out;
  out.reserve(n + n / 8 + 16);
  size_t i = 0;
  while (true) {
    out.append(bytes.substr(i, bad - i));
    if (bad == n) break;
    bool ok = false;
    size_t len = utf8_step(p + bad, n - bad, &ok);
    out.append(kReplacement);
    i = bad + len;
    bad = i + first_invalid_utf8(p + i, n - i);
  }
  return out;
}

}  // namespace winnow::clean
