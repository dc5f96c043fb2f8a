// Charset labels: the WHATWG label table, iso-8859-N spellings, and what a charset's code units are.
#include "charset/labels.h"

#include <algorithm>
#include <array>

#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

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

}  // namespace

std::string normalized_label(std::string_view label) { return ascii::to_lower(ascii::trim(label)); }

std::optional<Charset> lookup_label(std::string_view raw) {
  std::string label = normalized_label(raw);
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

}  // namespace winnow::clean
