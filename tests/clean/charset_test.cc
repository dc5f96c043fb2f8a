// Tests for charset.h: BOMs, label precedence, <meta> prescan, guessing, conversion and UTF-8 sanitizing.
#include <iconv.h>

#include <catch2/catch.hpp>
#include <string>

#include "charset/charset.h"

using winnow::ErrorKind;
using winnow::clean::decode_to_utf8;
using winnow::clean::sanitize_utf8;
using namespace std::string_literals;

namespace {

const std::string kFffd = "\xEF\xBF\xBD";

// Encodes UTF-8 text into another charset with glibc iconv directly, so test
// inputs do not depend on the code under test.
std::string encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  size_t rc = iconv(cd, &in, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  REQUIRE(rc != static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

std::string decoded_text(const std::string& bytes, const std::string& forced = {},
                         const std::string& content_type = {}) {
  auto result = decode_to_utf8(bytes, forced, content_type);
  REQUIRE(result.ok());
  return result.value().utf8;
}

const std::string kRussian =
    "Москва — столица России, город федерального значения, административный центр Центрального "
    "федерального округа и центр Московской области, в состав которой не входит. Крупнейший по "
    "численности населения город России и её субъект, самый населённый из городов, полностью "
    "расположенных в Европе. Город расположен на реке Москве в центре Восточно-Европейской равнины, "
    "в междуречье Оки и Волги. Впервые упоминается в летописях под 1147 годом.";

const std::string kFrench =
    "Paris est la capitale de la France. Elle se situe au cœur d'un vaste bassin sédimentaire aux "
    "sols fertiles et au climat tempéré, le bassin parisien, sur une boucle de la Seine, entre les "
    "confluents de celle-ci avec la Marne et l'Oise. La ville est également le chef-lieu de la "
    "région Île-de-France. Les élèves étudient à l'école et les étés sont agréables à côté du "
    "fleuve; on y trouve des cafés, des théâtres et des musées très fréquentés.";

}  // namespace

TEST_CASE("empty input decodes to an empty string", "[charset]") {
  auto result = decode_to_utf8("");
  REQUIRE(result.ok());
  CHECK(result.value().utf8.empty());
}

TEST_CASE("byte-order marks pick the charset and are removed", "[charset]") {
  SECTION("utf-8") {
    auto result = decode_to_utf8("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "windows-1252");
    REQUIRE(result.ok());
    CHECK(result.value().utf8 == "<p>café</p>");
    CHECK(result.value().charset == "utf-8");
  }
  SECTION("utf-16le") {
    auto result = decode_to_utf8("\xFF\xFE" + encode("<p>é日</p>", "UTF-16LE"));
    REQUIRE(result.ok());
    CHECK(result.value().utf8 == "<p>é日</p>");
    CHECK(result.value().charset == "utf-16le");
  }
  SECTION("utf-16be beats a forced label and a meta") {
    auto result = decode_to_utf8("\xFE\xFF" + encode("<meta charset=koi8-r>ж", "UTF-16BE"), "shift_jis");
    REQUIRE(result.ok());
    CHECK(result.value().utf8 == "<meta charset=koi8-r>ж");
    CHECK(result.value().charset == "utf-16be");
  }
  SECTION("utf-32le") {
    auto result = decode_to_utf8("\xFF\xFE\x00\x00"s + encode("a😀b", "UTF-32LE"));
    REQUIRE(result.ok());
    CHECK(result.value().utf8 == "a😀b");
    CHECK(result.value().charset == "utf-32le");
  }
  SECTION("utf-32be") {
    auto result = decode_to_utf8("\x00\x00\xFE\xFF"s + encode("x€", "UTF-32BE"));
    REQUIRE(result.ok());
    CHECK(result.value().utf8 == "x€");
    CHECK(result.value().charset == "utf-32be");
  }
}

TEST_CASE("a forced label overrides the header and the meta", "[charset]") {
  std::string page = "<meta charset=\"utf-8\"><p>caf\xE9</p>";
  auto result = decode_to_utf8(page, "Latin1", "text/html; charset=koi8-r");
  REQUIRE(result.ok());
  CHECK(result.value().utf8 == "<meta charset=\"utf-8\"><p>café</p>");
  CHECK(result.value().charset == "windows-1252");
  CHECK_FALSE(result.value().guessed);
}

TEST_CASE("a forced label iconv knows but the alias table does not is accepted", "[charset]") {
  auto result = decode_to_utf8("\x82t\x82", "CP437");
  REQUIRE(result.ok());
  CHECK(result.value().utf8 == "ét\xC3\xA9");
}

TEST_CASE("the Content-Type charset is used, quoted or not, and beats the meta", "[charset]") {
  std::string privet = encode("Привет", "KOI8-R");
  CHECK(decoded_text("<meta charset=windows-1251>" + privet, "", "text/html; charset=\"KOI8-R\"") ==
        "<meta charset=windows-1251>Привет");
  auto result = decode_to_utf8(privet, "", "text/html;charset=koi8-r");
  REQUIRE(result.ok());
  CHECK(result.value().utf8 == "Привет");
  CHECK(result.value().charset == "koi8-r");
}

TEST_CASE("an unknown Content-Type charset falls through to the meta", "[charset]") {
  auto result = decode_to_utf8("<meta charset=koi8-r>" + encode("Привет", "KOI8-R"), "", "text/html; charset=bogus");
  REQUIRE(result.ok());
  CHECK(result.value().charset == "koi8-r");
}

TEST_CASE("meta charset is found in both forms", "[charset]") {
  SECTION("<meta charset>") {
    std::string page = "<html><head><meta charset='x-sjis'><title>" + encode("日本語", "CP932") + "</title>";
    auto result = decode_to_utf8(page);
    REQUIRE(result.ok());
    CHECK(result.value().utf8 == "<html><head><meta charset='x-sjis'><title>日本語</title>");
    CHECK(result.value().charset == "shift_jis");
    CHECK_FALSE(result.value().guessed);
  }
  SECTION("http-equiv after content, upper case, gb2312 label") {
    std::string page = "<HEAD><META CONTENT=\"text/html; Charset=GB2312\" HTTP-EQUIV=Content-Type>" +
                       encode("中文", "GBK");
    auto result = decode_to_utf8(page);
    REQUIRE(result.ok());
    CHECK(result.value().utf8.ends_with(">中文"));
    CHECK(result.value().charset == "gbk");
  }
  SECTION("content without http-equiv is not a declaration") {
    std::string page = "<meta name=x content=\"charset=koi8-r\"><p>caf\xE9 caf\xE9</p>";
    CHECK(decode_to_utf8(page).value().charset != "koi8-r");
  }
  SECTION("meta inside a comment or an attribute is ignored") {
    std::string page = "<!-- <meta charset=koi8-r> --><a title='<meta charset=koi8-r>'>x</a>"
                       "<meta charset=windows-1251>" + encode("Привет", "CP1251");
    auto result = decode_to_utf8(page);
    REQUIRE(result.ok());
    CHECK(result.value().charset == "windows-1251");
    CHECK(result.value().utf8.ends_with(">Привет"));
  }
  SECTION("an unknown meta label is skipped for the next one") {
    std::string page = "<meta charset=nonsense><meta charset=koi8-r>" + encode("Привет", "KOI8-R");
    CHECK(decode_to_utf8(page).value().charset == "koi8-r");
  }
  SECTION("a meta past the first 4096 bytes is not read") {
    std::string page = std::string(5000, ' ') + "<meta charset=koi8-r>" + "caf\xC3\xA9";
    auto result = decode_to_utf8(page);
    REQUIRE(result.ok());
    CHECK(result.value().charset == "utf-8");
  }
}

TEST_CASE("windows-1252 bytes decode to their code points", "[charset]") {
  std::string page = "<meta charset=iso-8859-1><p>caf\xE9 \x93quoted\x94 \x80 \x97</p>";
  auto result = decode_to_utf8(page);
  REQUIRE(result.ok());
  CHECK(result.value().utf8 == "<meta charset=iso-8859-1><p>café “quoted” € —</p>");
  CHECK(result.value().charset == "windows-1252");
}

TEST_CASE("output larger than the first buffer guess grows", "[charset]") {
  std::string quotes(20000, '\x93');
  std::string expected;
  for (int i = 0; i < 20000; ++i) expected += "“";
  CHECK(decoded_text(quotes, "windows-1252") == expected);
}

TEST_CASE("valid UTF-8 without a label is kept as is", "[charset]") {
  std::string page = "<p>naïve 日本語 😀</p>";
  auto result = decode_to_utf8(page);
  REQUIRE(result.ok());
  CHECK(result.value().utf8 == page);
  CHECK(result.value().charset == "utf-8");
  CHECK_FALSE(result.value().guessed);
}

TEST_CASE("unlabeled non-UTF-8 text is guessed", "[charset]") {
  SECTION("windows-1251 Russian") {
    auto result = decode_to_utf8("<p>" + encode(kRussian, "CP1251") + "</p>");
    REQUIRE(result.ok());
    CHECK(result.value().guessed);
    CHECK(result.value().charset == "windows-1251");
    CHECK(result.value().utf8 == "<p>" + kRussian + "</p>");
  }
  SECTION("windows-1251 Russian after 200 KB of ASCII markup") {
    std::string markup;
    while (markup.size() < 200000) markup += "<div class=\"nav\"><a href=\"/x\">link</a></div>\n";
    auto result = decode_to_utf8(markup + encode(kRussian, "CP1251"));
    REQUIRE(result.ok());
    CHECK(result.value().charset == "windows-1251");
    CHECK(result.value().utf8 == markup + kRussian);
  }
  SECTION("latin-1 French") {
    auto result = decode_to_utf8(encode(kFrench, "CP1252"));
    REQUIRE(result.ok());
    CHECK(result.value().guessed);
    CHECK(result.value().charset == "windows-1252");
    CHECK(result.value().utf8 == kFrench);
  }
}

TEST_CASE("a utf-8 label on invalid bytes decodes with replacement characters", "[charset]") {
  auto result = decode_to_utf8("<meta charset=utf8>caf\xE9!");
  REQUIRE(result.ok());
  CHECK(result.value().charset == "utf-8");
  CHECK(result.value().utf8 == "<meta charset=utf8>caf" + kFffd + "!");
}

TEST_CASE("bad and truncated multibyte sequences become U+FFFD", "[charset]") {
  std::string nihon = encode("日本", "CP932");
  CHECK(decoded_text(nihon + "\x8C", "shift_jis") == "日本" + kFffd);
  CHECK(decoded_text(nihon + "\xA0" + nihon, "shift_jis") == "日本" + kFffd + "日本");
  CHECK(decoded_text("ab\xE6\x97", "utf-8") == "ab" + kFffd);
  CHECK(decoded_text("ab\xE6\x97") != "ab\xE6\x97");
}

TEST_CASE("sanitize_utf8 replaces invalid sequences and keeps valid text", "[charset]") {
  std::string valid = "plain ASCII long enough for the fast path, é ж 日 😀 \x7F end";
  CHECK(sanitize_utf8(valid) == valid);
  CHECK(sanitize_utf8("") == "");
  CHECK(sanitize_utf8("a\xC0\xAF" "b") == "a" + kFffd + kFffd + "b");          // overlong
  CHECK(sanitize_utf8("a\xE0\x80\xAF" "b") == "a" + kFffd + kFffd + kFffd + "b");  // overlong
  CHECK(sanitize_utf8("\xED\xA0\x80") == kFffd + kFffd + kFffd);               // surrogate
  CHECK(sanitize_utf8("\xF4\x90\x80\x80") == kFffd + kFffd + kFffd + kFffd);   // > U+10FFFF
  CHECK(sanitize_utf8("\xF5\xFF") == kFffd + kFffd);
  CHECK(sanitize_utf8("x\xE6\x97") == "x" + kFffd);                            // truncated
  CHECK(sanitize_utf8("\xE6\x97" "abc") == kFffd + "abc");
  CHECK(sanitize_utf8("\xF0\x9F\x98") == kFffd);
  CHECK(sanitize_utf8("\x80" "\xF4\x8F\xBF\xBF") == kFffd + "\xF4\x8F\xBF\xBF");  // U+10FFFF is fine
  std::string long_bad = std::string(100, 'a') + "\xFF" + std::string(100, 'b');
  CHECK(sanitize_utf8(long_bad) == std::string(100, 'a') + kFffd + std::string(100, 'b'));
}

TEST_CASE("an unknown forced label fails and names the label", "[charset]") {
  auto result = decode_to_utf8("hello", "klingon-8");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kUnsupported);
  CHECK(result.error().message.find("klingon-8") != std::string::npos);
}

TEST_CASE("binary input is rejected", "[charset]") {
  SECTION("NUL bytes") {
    std::string png = "\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"s;
    auto result = decode_to_utf8(png);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::kInvalidInput);
    CHECK(result.error().message.find("binary") != std::string::npos);
  }
  SECTION("many control characters") {
    std::string garbage;
    for (int i = 0; i < 1000; ++i) garbage += static_cast<char>(i % 2 == 0 ? 'a' : 1 + i % 7);
    auto result = decode_to_utf8(garbage, "windows-1252");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::kInvalidInput);
  }
  SECTION("a page with a stray NUL byte is still text") {
    std::string page = "<html><body><p>" + std::string(5000, 'x') + '\0' + "</p></body></html>";
    auto result = decode_to_utf8(page);
    REQUIRE(result.ok());
    CHECK(result.value().utf8.find("xxxx") != std::string::npos);
  }
  SECTION("text with tabs, newlines and a few stray controls is fine") {
    std::string text = "line\tone\r\nline two\f\x1B$B\n" + std::string(200, 'x') + "\x01";
    CHECK(decode_to_utf8(text).ok());
  }
}

TEST_CASE("UTF-16 without a BOM is recognised instead of rejected", "[charset]") {
  std::string page = encode("<html><body><p>Hello é</p></body></html>", "UTF-16LE");
  auto result = decode_to_utf8(page);
  REQUIRE(result.ok());
  CHECK(result.value().charset == "utf-16le");
  CHECK(result.value().utf8 == "<html><body><p>Hello é</p></body></html>");
  auto labelled = decode_to_utf8(encode("<p>x</p>", "UTF-16BE"), "", "text/html; charset=utf-16be");
  REQUIRE(labelled.ok());
  CHECK(labelled.value().utf8 == "<p>x</p>");
}

TEST_CASE("mostly valid UTF-8 without a label stays UTF-8", "[charset]") {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Café crème à Zürich — naïve résumé. ";
  text += "\xFF";  // one stray byte
  auto result = decode_to_utf8(text);
  REQUIRE(result.ok());
  CHECK(result.value().charset == "utf-8");
  CHECK(result.value().utf8.find("Café crème à Zürich") != std::string::npos);
  CHECK(result.value().utf8.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD for the stray byte
}

TEST_CASE("valid UTF-8 under a single-byte label is read as UTF-8 unless the label is forced", "[charset]") {
  const std::string page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>caf\xC3\xA9 cr\xC3\xA8me</p></body></html>";
  auto by_header = decode_to_utf8(page, "", "text/html; charset=iso-8859-1");
  REQUIRE(by_header.ok());
  CHECK(by_header.value().charset == "utf-8");
  CHECK(by_header.value().utf8.find("caf\xC3\xA9 cr\xC3\xA8me") != std::string::npos);
  auto by_meta = decode_to_utf8(page);
  REQUIRE(by_meta.ok());
  CHECK(by_meta.value().charset == "utf-8");
  auto forced = decode_to_utf8(page, "iso-8859-1");
  REQUIRE(forced.ok());
  CHECK(forced.value().utf8.find("caf\xC3\x83\xC2\xA9") != std::string::npos);  // what the user asked for
  // Real Latin-1 bytes (invalid as UTF-8) still follow the label.
  auto latin1 = decode_to_utf8("<p>caf\xE9</p>", "", "text/html; charset=iso-8859-1");
  REQUIRE(latin1.ok());
  CHECK(latin1.value().utf8 == "<p>caf\xC3\xA9</p>");
}
