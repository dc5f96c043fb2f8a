// Turns page bytes in any charset into valid UTF-8: label lookup, <meta> prescan, uchardet guess, iconv.
#include "charset/charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

namespace winnow::clean {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr size_t kMetaScanBytes = 4096;
constexpr size_t kBinaryScanBytes = 64 * 1024;
constexpr size_t kGuessBytes = 64 * 1024;

struct Charset {
  std::string name;   // canonical lower-case name reported in Decoded::charset
  std::string iconv;  // name handed to iconv_open
};

struct Alias {
  std::string_view label;
  std::string_view name;
  std::string_view iconv;
};

// WHATWG Encoding labels for the encodings pages actually use. The decoders
// are the WHATWG supersets (windows-1252 for latin1/ascii, CP932 for
// Shift_JIS, GB18030 for GBK/GB2312, CP949 for EUC-KR) because that is what
// browsers do and what mislabelled pages rely on.
constexpr std::array kAliases = std::to_array<Alias>({
    {"utf-8", "utf-8", "UTF-8"},
    {"utf8", "utf-8", "UTF-8"},
    {"unicode-1-1-utf-8", "utf-8", "UTF-8"},
    {"unicode11utf8", "utf-8", "UTF-8"},
    {"unicode20utf8", "utf-8", "UTF-8"},
    {"x-unicode20utf8", "utf-8", "UTF-8"},
    {"utf-16", "utf-16le", "UTF-16LE"},
    {"utf-16le", "utf-16le", "UTF-16LE"},
    {"ucs-2", "utf-16le", "UTF-16LE"},
    {"unicode", "utf-16le", "UTF-16LE"},
    {"unicodefeff", "utf-16le", "UTF-16LE"},
    {"iso-10646-ucs-2", "utf-16le", "UTF-16LE"},
    {"csunicode", "utf-16le", "UTF-16LE"},
    {"utf-16be", "utf-16be", "UTF-16BE"},
    {"unicodefffe", "utf-16be", "UTF-16BE"},
    {"utf-32", "utf-32le", "UTF-32LE"},
    {"utf-32le", "utf-32le", "UTF-32LE"},
    {"utf-32be", "utf-32be", "UTF-32BE"},
    {"windows-1252", "windows-1252", "CP1252"},
    {"cp1252", "windows-1252", "CP1252"},
    {"x-cp1252", "windows-1252", "CP1252"},
    {"latin1", "windows-1252", "CP1252"},
    {"l1", "windows-1252", "CP1252"},
    {"iso-8859-1", "windows-1252", "CP1252"},
    {"iso8859-1", "windows-1252", "CP1252"},
    {"iso88591", "windows-1252", "CP1252"},
    {"iso_8859-1", "windows-1252", "CP1252"},
    {"iso_8859-1:1987", "windows-1252", "CP1252"},
    {"iso-ir-100", "windows-1252", "CP1252"},
    {"csisolatin1", "windows-1252", "CP1252"},
    {"cp819", "windows-1252", "CP1252"},
    {"ibm819", "windows-1252", "CP1252"},
    {"ascii", "windows-1252", "CP1252"},
    {"us-ascii", "windows-1252", "CP1252"},
    {"ansi_x3.4-1968", "windows-1252", "CP1252"},
    {"windows-1250", "windows-1250", "CP1250"},
    {"cp1250", "windows-1250", "CP1250"},
    {"x-cp1250", "windows-1250", "CP1250"},
    {"windows-1251", "windows-1251", "CP1251"},
    {"cp1251", "windows-1251", "CP1251"},
    {"x-cp1251", "windows-1251", "CP1251"},
    {"windows-1253", "windows-1253", "CP1253"},
    {"cp1253", "windows-1253", "CP1253"},
    {"x-cp1253", "windows-1253", "CP1253"},
    {"windows-1254", "windows-1254", "CP1254"},
    {"cp1254", "windows-1254", "CP1254"},
    {"x-cp1254", "windows-1254", "CP1254"},
    {"latin5", "windows-1254", "CP1254"},
    {"l5", "windows-1254", "CP1254"},
    {"windows-1255", "windows-1255", "CP1255"},
    {"cp1255", "windows-1255", "CP1255"},
    {"x-cp1255", "windows-1255", "CP1255"},
    {"windows-1256", "windows-1256", "CP1256"},
    {"cp1256", "windows-1256", "CP1256"},
    {"x-cp1256", "windows-1256", "CP1256"},
    {"windows-1257", "windows-1257", "CP1257"},
    {"cp1257", "windows-1257", "CP1257"},
    {"x-cp1257", "windows-1257", "CP1257"},
    {"windows-1258", "windows-1258", "CP1258"},
    {"cp1258", "windows-1258", "CP1258"},
    {"x-cp1258", "windows-1258", "CP1258"},
    {"windows-874", "windows-874", "CP874"},
    {"dos-874", "windows-874", "CP874"},
    {"tis-620", "windows-874", "CP874"},
    {"latin2", "iso-8859-2", "ISO-8859-2"},
    {"l2", "iso-8859-2", "ISO-8859-2"},
    {"cyrillic", "iso-8859-5", "ISO-8859-5"},
    {"arabic", "iso-8859-6", "ISO-8859-6"},
    {"greek", "iso-8859-7", "ISO-8859-7"},
    {"hebrew", "iso-8859-8", "ISO-8859-8"},
    {"iso-8859-8-i", "iso-8859-8-i", "ISO-8859-8"},
    {"logical", "iso-8859-8-i", "ISO-8859-8"},
    {"koi8-r", "koi8-r", "KOI8-R"},
    {"koi8r", "koi8-r", "KOI8-R"},
    {"koi8_r", "koi8-r", "KOI8-R"},
    {"koi8", "koi8-r", "KOI8-R"},
    {"koi", "koi8-r", "KOI8-R"},
    {"cskoi8r", "koi8-r", "KOI8-R"},
    {"koi8-u", "koi8-u", "KOI8-U"},
    {"koi8-ru", "koi8-u", "KOI8-U"},
    {"ibm866", "ibm866", "IBM866"},
    {"cp866", "ibm866", "IBM866"},
    {"866", "ibm866", "IBM866"},
    {"csibm866", "ibm866", "IBM866"},
    {"macintosh", "macintosh", "MACINTOSH"},
    {"mac", "macintosh", "MACINTOSH"},
    {"x-mac-roman", "macintosh", "MACINTOSH"},
    {"csmacintosh", "macintosh", "MACINTOSH"},
    {"x-mac-cyrillic", "x-mac-cyrillic", "MAC-CYRILLIC"},
    {"x-mac-ukrainian", "x-mac-cyrillic", "MAC-CYRILLIC"},
    {"mac-cyrillic", "x-mac-cyrillic", "MAC-CYRILLIC"},
    {"shift_jis", "shift_jis", "CP932"},
    {"shift-jis", "shift_jis", "CP932"},
    {"sjis", "shift_jis", "CP932"},
    {"x-sjis", "shift_jis", "CP932"},
    {"ms_kanji", "shift_jis", "CP932"},
    {"csshiftjis", "shift_jis", "CP932"},
    {"ms932", "shift_jis", "CP932"},
    {"cp932", "shift_jis", "CP932"},
    {"windows-31j", "shift_jis", "CP932"},
    {"euc-jp", "euc-jp", "EUC-JP"},
    {"x-euc-jp", "euc-jp", "EUC-JP"},
    {"cseucpkdfmtjapanese", "euc-jp", "EUC-JP"},
    {"iso-2022-jp", "iso-2022-jp", "ISO-2022-JP"},
    {"csiso2022jp", "iso-2022-jp", "ISO-2022-JP"},
    {"gbk", "gbk", "GB18030"},
    {"x-gbk", "gbk", "GB18030"},
    {"gb2312", "gbk", "GB18030"},
    {"gb_2312", "gbk", "GB18030"},
    {"gb_2312-80", "gbk", "GB18030"},
    {"csgb2312", "gbk", "GB18030"},
    {"chinese", "gbk", "GB18030"},
    {"cp936", "gbk", "GB18030"},
    {"ms936", "gbk", "GB18030"},
    {"windows-936", "gbk", "GB18030"},
    {"iso-ir-58", "gbk", "GB18030"},
    {"csiso58gb231280", "gbk", "GB18030"},
    {"gb18030", "gb18030", "GB18030"},
    {"big5", "big5", "BIG5-HKSCS"},
    {"big5-hkscs", "big5", "BIG5-HKSCS"},
    {"cn-big5", "big5", "BIG5-HKSCS"},
    {"csbig5", "big5", "BIG5-HKSCS"},
    {"x-x-big5", "big5", "BIG5-HKSCS"},
    {"euc-kr", "euc-kr", "CP949"},
    {"cseuckr", "euc-kr", "CP949"},
    {"korean", "euc-kr", "CP949"},
    {"ksc5601", "euc-kr", "CP949"},
    {"ksc_5601", "euc-kr", "CP949"},
    {"ks_c_5601-1987", "euc-kr", "CP949"},
    {"ks_c_5601-1989", "euc-kr", "CP949"},
    {"csksc56011987", "euc-kr", "CP949"},
    {"iso-ir-149", "euc-kr", "CP949"},
    {"windows-949", "euc-kr", "CP949"},
    {"cp949", "euc-kr", "CP949"},
    {"uhc", "euc-kr", "CP949"},
});

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// "iso-8859-N" spelled any of the usual ways; WHATWG decodes -9 as windows-1254 and -11 as windows-874.
std::optional<Charset> lookup_iso8859(std::string_view label) {
  std::string compact;
  for (char c : label) {
    if (c != '-' && c != '_') compact += c;
  }
  if (compact.rfind("iso8859", 0) != 0) return std::nullopt;
  std::string_view digits = std::string_view(compact).substr(7);
  if (digits.empty() || digits.size() > 2 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  int n = std::stoi(std::string(digits));
  if (n == 1) return Charset{"windows-1252", "CP1252"};
  if (n == 9) return Charset{"windows-1254", "CP1254"};
  if (n == 11) return Charset{"windows-874", "CP874"};
  if (n < 2 || n > 16 || n == 12) return std::nullopt;
  std::string name = "iso-8859-" + std::to_string(n);
  std::string iconv_name = "ISO-8859-" + std::to_string(n);
  return Charset{name, iconv_name};
}

std::optional<Charset> lookup_label(std::string_view raw) {
  std::string label = lower_trimmed(raw);
  if (label.empty()) return std::nullopt;
  for (const Alias& alias : kAliases) {
    if (alias.label == label) return Charset{std::string(alias.name), std::string(alias.iconv)};
  }
  return lookup_iso8859(label);
}

bool is_wide(const Charset& charset) {
  return charset.name.rfind("utf-16", 0) == 0 || charset.name.rfind("utf-32", 0) == 0;
}

size_t code_unit_size(const Charset& charset) {
  if (charset.name.rfind("utf-16", 0) == 0) return 2;
  if (charset.name.rfind("utf-32", 0) == 0) return 4;
  return 1;
}

// --- UTF-8 validation -------------------------------------------------------

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

const unsigned char* as_bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

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

// --- Labels in headers and markup --------------------------------------------

// WHATWG "extracting a character encoding from a meta element", also used
// for the HTTP Content-Type value: the value after "charset=", quotes optional.
std::optional<std::string_view> charset_param(std::string_view s) {
  size_t pos = 0;
  while (pos + 7 <= s.size()) {
    size_t hit = std::string_view::npos;
    for (size_t i = pos; i + 7 <= s.size(); ++i) {
      if (iequals(s.substr(i, 7), "charset")) {
        hit = i;
        break;
      }
    }
    if (hit == std::string_view::npos) return std::nullopt;
    size_t i = hit + 7;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') {
      pos = i;
      continue;
    }
    ++i;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '"' || s[i] == '\'') {
      size_t end = s.find(s[i], i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      return s.substr(i + 1, end - i - 1);
    }
    size_t end = i;
    while (end < s.size() && !is_space(s[end]) && s[end] != ';') ++end;
    return s.substr(i, end - i);
  }
  return std::nullopt;
}

struct Attribute {
  std::string name;
  std::string_view value;
};

// WHATWG prescan "get an attribute": reads one attribute at *i, or returns
// nullopt at the end of the tag (leaving *i on the '>' or at the end).
std::optional<Attribute> next_attribute(std::string_view s, size_t* i) {
  size_t p = *i;
  while (p < s.size() && (is_space(s[p]) || s[p] == '/')) ++p;
  if (p >= s.size() || s[p] == '>') {
    *i = p;
    return std::nullopt;
  }
  Attribute attr;
  while (p < s.size() && !is_space(s[p]) && s[p] != '=' && s[p] != '/' && s[p] != '>') {
    attr.name += ascii_lower(s[p]);
    ++p;
  }
  while (p < s.size() && is_space(s[p])) ++p;
  if (p < s.size() && s[p] == '=') {
    ++p;
    while (p < s.size() && is_space(s[p])) ++p;
    if (p < s.size() && (s[p] == '"' || s[p] == '\'')) {
      char quote = s[p];
      size_t end = s.find(quote, p + 1);
      if (end == std::string_view::npos) end = s.size();
      attr.value = s.substr(p + 1, end - p - 1);
      p = std::min(end + 1, s.size());
    } else {
      size_t start = p;
      while (p < s.size() && !is_space(s[p]) && s[p] != '>') ++p;
      attr.value = s.substr(start, p - start);
    }
  }
  *i = p;
  return attr;
}

// The charset a <meta> tag declares, if any, or nullopt.
std::optional<Charset> meta_charset(std::string_view head, size_t* i) {
  std::optional<std::string_view> charset_attr;
  std::optional<std::string_view> content;
  bool pragma = false;
  while (auto attr = next_attribute(head, i)) {
    if (attr->name == "charset" && !charset_attr) {
      charset_attr = attr->value;
    } else if (attr->name == "content" && !content) {
      content = attr->value;
    } else if (attr->name == "http-equiv") {
      pragma = pragma || iequals(lower_trimmed(attr->value), "content-type");
    }
  }
  std::optional<std::string_view> label = charset_attr;
  if (!label && pragma && content) label = charset_param(*content);
  if (!label) return std::nullopt;
  std::optional<Charset> charset = lookup_label(*label);
  // A page whose <meta> was readable as ASCII cannot be UTF-16/32.
  if (charset && is_wide(*charset)) return Charset{"utf-8", "UTF-8"};
  return charset;
}

// First known charset declared by a <meta> in the head of the page.
std::optional<Charset> prescan_meta(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min(bytes.size(), kMetaScanBytes));
  size_t i = 0;
  while ((i = head.find('<', i)) != std::string_view::npos) {
    std::string_view rest = head.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = head.find("-->", i + 2);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 3;
    } else if (rest.size() > 5 && iequals(rest.substr(0, 5), "<meta") && (is_space(rest[5]) || rest[5] == '/')) {
      i += 5;
      if (auto charset = meta_charset(head, &i)) return charset;
    } else if (rest.size() > 1 && ((rest[1] >= 'a' && rest[1] <= 'z') || (rest[1] >= 'A' && rest[1] <= 'Z') ||
                                   rest[1] == '/')) {
      // Skip the tag's attributes so a quoted "<meta" inside one is not taken for a tag.
      i += 1;
      while (i < head.size() && !is_space(head[i]) && head[i] != '>') ++i;
      while (next_attribute(head, &i)) {
      }
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

std::optional<Charset> bom_charset(std::string_view bytes, size_t* bom_size) {
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  using namespace std::string_view_literals;
  // UTF-32LE's BOM begins with UTF-16LE's, so it is tested first.
  if (starts("\xFF\xFE\x00\x00"sv)) {
    *bom_size = 4;
    return Charset{"utf-32le", "UTF-32LE"};
  }
  if (starts("\x00\x00\xFE\xFF"sv)) {
    *bom_size = 4;
    return Charset{"utf-32be", "UTF-32BE"};
  }
  if (starts("\xEF\xBB\xBF"sv)) {
    *bom_size = 3;
    return Charset{"utf-8", "UTF-8"};
  }
  if (starts("\xFF\xFE"sv)) {
    *bom_size = 2;
    return Charset{"utf-16le", "UTF-16LE"};
  }
  if (starts("\xFE\xFF"sv)) {
    *bom_size = 2;
    return Charset{"utf-16be", "UTF-16BE"};
  }
  return std::nullopt;
}

// --- Binary detection ---------------------------------------------------------

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

bool is_text_control(unsigned char c) {
  // ESC, SO and SI shift states in ISO-2022 encodings.
  return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x1B || c == 0x0E || c == 0x0F;
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

// --- Guessing and converting ----------------------------------------------------

struct UchardetDeleter {
  void operator()(uchardet* handle) const { uchardet_delete(handle); }
};
using UchardetPtr = std::unique_ptr<uchardet, UchardetDeleter>;

// Owns an iconv_t converting to UTF-8.
class IconvToUtf8 {
 public:
  explicit IconvToUtf8(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~IconvToUtf8() {
    if (ok()) iconv_close(cd_);
  }
  IconvToUtf8(const IconvToUtf8&) = delete;
  IconvToUtf8& operator=(const IconvToUtf8&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

bool iconv_knows(const std::string& name) { return IconvToUtf8(name).ok(); }

// uchardet reads a few MB/s, so it is fed at most kGuessBytes, taken from the
// blocks that hold non-ASCII bytes (or ISO-2022 escapes): a page's first
// hundreds of KB are often pure ASCII markup that would only make it guess
// windows-1252. Blocks end on a byte below 0x40, which is never the trail byte
// of a multibyte character, so no character is cut in half.
std::optional<Charset> guess_charset(std::string_view bytes) {
  constexpr size_t kBlock = 1024;
  constexpr size_t kMaxExtend = 256;
  UchardetPtr detector(uchardet_new());
  if (!detector) return std::nullopt;
  size_t fed = 0;
  size_t start = 0;
  while (start < bytes.size() && fed < kGuessBytes) {
    size_t end = std::min(start + kBlock, bytes.size());
    size_t limit = std::min(end + kMaxExtend, bytes.size());
    while (end < limit && static_cast<unsigned char>(bytes[end - 1]) >= 0x40) ++end;
    std::string_view block = bytes.substr(start, end - start);
    bool interesting = std::any_of(block.begin(), block.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80 || c == 0x1B;
    });
    if (interesting) {
      if (uchardet_handle_data(detector.get(), block.data(), block.size()) != 0) return std::nullopt;
      fed += block.size();
    }
    start = end;
  }
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  if (name == nullptr || *name == '\0') return std::nullopt;
  if (auto known = lookup_label(name)) return known;
  std::string lower = lower_trimmed(name);
  if (iconv_knows(name)) return Charset{lower, name};
  return std::nullopt;
}

Result<std::string> transcode(std::string_view bytes, const Charset& charset) {
  IconvToUtf8 converter(charset.iconv);
  if (!converter.ok()) {
    return Error{ErrorKind::kInternal, "iconv cannot convert from " + charset.iconv + " to UTF-8"};
  }
  std::string out(bytes.size() + bytes.size() / 2 + 64, '\0');
  size_t used = 0;
  auto ensure_room = [&](size_t room) {
    if (out.size() - used < room) out.resize(std::max(out.size() * 2, used + room));
  };
  // iconv never writes through the input pointer; the const_cast is for its C signature.
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  const size_t unit = code_unit_size(charset);
  bool flushing = false;
  while (true) {
    char* out_ptr = out.data() + used;
    size_t out_left = out.size() - used;
    size_t rc = flushing ? iconv(converter.get(), nullptr, nullptr, &out_ptr, &out_left)
                         : iconv(converter.get(), &in, &in_left, &out_ptr, &out_left);
    int err = errno;
    used = static_cast<size_t>(out_ptr - out.data());
    if (rc != static_cast<size_t>(-1)) {
      if (flushing) break;
      flushing = true;  // emit the shift back to the initial state of stateful encodings
      continue;
    }
    if (err == E2BIG) {
      ensure_room(out.size());
      continue;
    }
    if (flushing) break;
    ensure_room(kReplacement.size());
    std::memcpy(out.data() + used, kReplacement.data(), kReplacement.size());
    used += kReplacement.size();
    if (err == EILSEQ) {
      size_t skip = std::min(unit, in_left);
      in += skip;
      in_left -= skip;
      continue;
    }
    // EINVAL: the input ends inside a multibyte sequence.
    in_left = 0;
    flushing = true;
  }
  out.resize(used);
  return out;
}

Result<Decoded> decode_with(std::string_view bytes, const Charset& charset, bool guessed) {
  Decoded decoded;
  decoded.charset = charset.name;
  decoded.guessed = guessed;
  if (charset.name == "utf-8") {
    decoded.utf8 = sanitize_utf8(bytes);
    return decoded;
  }
  Result<std::string> text = transcode(bytes, charset);
  if (!text) return text.error();
  decoded.utf8 = sanitize_utf8(text.value());
  return decoded;
}

}  // namespace

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

bool looks_wide_unicode(std::string_view bytes) {
  size_t bom_size = 0;
  if (auto bom = bom_charset(bytes, &bom_size)) return is_wide(*bom);
  return binary_error(bytes).has_value() && bomless_utf16(bytes).has_value();
}

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
  const bool forced = !lower_trimmed(forced_charset).empty();
  if (forced) {
    label = lookup_label(forced_charset);
    if (!label) {
      std::string name = lower_trimmed(forced_charset);
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
