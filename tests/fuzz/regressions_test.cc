// Regression tests of the fuzzers' findings: each saved input (tests/fuzz/inputs/TARGET/) goes through the entry
// point its fuzz target (fuzz/TARGET.cc) fed it to, and what broke there must now hold.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>

#include "support/temp_dir.h"
#include "http_head.h"
#include "meta/url.h"
#include "winnow/archive.h"
#include "winnow/clean.h"

namespace {

namespace archive = winnow::archive;
namespace fs = std::filesystem;

std::string saved_input(const std::string& target, const std::string& name) {
  const std::string bytes = winnow::test::read_file(fs::path(WINNOW_SOURCE_DIR) / "tests/fuzz/inputs" / target / name);
  REQUIRE(!bytes.empty());
  return bytes;
}

}  // namespace

TEST_CASE("fuzz clean_html: a description that starts like a script URL stays text in the HTML rendering", "[fuzz]") {
  // fuzz_clean_html takes one flag byte (0: page type from the page, no Content-Type, a page URL), then the page.
  const std::string input = saved_input("clean_html", "meta-description-scheme");
  winnow::clean::Options options;
  options.url = "https://example.com/dir/page.html";
  const auto article = winnow::clean::clean_html(std::string_view(input).substr(1), options);
  REQUIRE(article);
  REQUIRE(article.value().metadata.description.starts_with("vbscript:"));
  const std::string html = winnow::clean::render(article.value(), winnow::clean::Format::kHtml);
  // The description is written as a <meta name> content (text a browser never loads), not as a link.
  CHECK_THAT(html, Catch::Contains("<meta name=\"description\" content=\"vbscript:"));
  CHECK_THAT(html, !Catch::Contains("href=\"vbscript:"));
  CHECK_THAT(html, !Catch::Contains("http-equiv=\"refresh\""));
}

TEST_CASE("fuzz clean_html: a table inside a list item keeps its cells' text, with no separator of winnow's", "[fuzz]") {
  // fuzz_clean_html: one flag byte, then the page (which holds no '|').
  const std::string input = saved_input("clean_html", "table-in-list-item");
  REQUIRE(input.find('|') == std::string::npos);
  const auto article = winnow::clean::clean_html(std::string_view(input).substr(1), winnow::clean::Options{});
  REQUIRE(article);
  for (const auto& block : article.value().blocks) {
    for (const auto& item : block.items) {
      for (const auto& span : item) CHECK(span.text.find('|') == std::string::npos);
    }
  }
}

TEST_CASE("fuzz url: a file_url of a path with dot segments is one normalize_url keeps", "[fuzz]") {
  // fuzz_url takes the input's first line as the path (when it starts with '/').
  const std::string input = saved_input("url", "file-url-dot-segment");
  const std::string path = input.substr(0, input.find('\n'));
  REQUIRE(path.find("/./") != std::string::npos);
  const std::string url = archive::file_url(path);
  const auto normal = archive::normalize_url(url);
  REQUIRE(normal);
  CHECK(normal.value() == url);
  CHECK(url.find("/./") == std::string::npos);
  CHECK(archive::file_url("/tmp/./a/../b.html") == "file:///tmp/b.html");
  // A file called "%2e" is a name, not a dot segment.
  CHECK(archive::file_url("/tmp/%2e/b") == "file:///tmp/%252e/b");
}

TEST_CASE("fuzz archive: a damaged schema format number is a damaged archive, not an internal error", "[fuzz]") {
  winnow::test::TempDir dir;
  const fs::path path = dir.path() / "damaged.db";
  winnow::test::write_file(path, saved_input("archive", "unsupported-file-format.db"));
  const auto opened = archive::Archive::open(path.string());
  REQUIRE_FALSE(opened);
  CHECK(opened.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK_THAT(opened.error().message, Catch::Contains("is damaged"));
}

TEST_CASE("fuzz url: a user name or password with non-ASCII bytes is percent-encoded in the key", "[fuzz]") {
  // fuzz_url normalises the input's first line.
  const std::string input = saved_input("url", "userinfo-bytes");
  const std::string url = input.substr(0, input.find('\n'));
  const auto normal = archive::normalize_url(url);
  REQUIRE(normal);
  for (const char c : normal.value()) CHECK((static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f));
  const auto again = archive::normalize_url(normal.value());
  REQUIRE(again);
  CHECK(again.value() == normal.value());
  CHECK(archive::normalize_url("http://us er:p\xc3\xa4ss@Example.com/").value() == "http://us%20er:p%C3%A4ss@example.com/");
  CHECK(archive::normalize_url("http://a@b@example.com/").value() == "http://a%40b@example.com/");
  CHECK(archive::normalize_url("http://@example.com/").value() == "http://example.com/");
  CHECK(archive::normalize_url("http://user:@example.com/").value() == "http://user@example.com/");
}

TEST_CASE("fuzz dates: parse_time writes four-digit years and refuses days a month does not have", "[fuzz]") {
  // fuzz_dates gives the whole input to parse_time.
  const std::string input = saved_input("dates", "year-24-leap-second");
  const auto time = archive::parse_time(input);
  REQUIRE(time);
  CHECK(time.value() == "0024-03-01T00:00:00Z");
  const auto again = archive::parse_time(time.value());
  REQUIRE(again);
  CHECK(again.value() == time.value());
  CHECK(archive::parse_time("0999-05-01").value() == "0999-05-01T00:00:00Z");
  CHECK_FALSE(archive::parse_time("2023-02-29T23:59:60Z"));
  CHECK_FALSE(archive::parse_time("2024-04-31"));
  CHECK(archive::parse_time("2024-02-29T23:59:60Z").value() == "2024-03-01T00:00:00Z");
  // A zone that moves the time out of 0000..9999 would break the string order of times.
  CHECK_FALSE(archive::parse_time("9999-12-31T23:30-01:00"));
  CHECK_FALSE(archive::parse_time("0000-01-01T00:30+01:00"));
}

TEST_CASE("fuzz http_headers: a status code is three digits, never a signed number", "[fuzz]") {
  // fuzz_http_headers gives the whole input to parse_http_head.
  const std::string input = saved_input("http_headers", "negative-status");
  CHECK_FALSE(winnow::warc::parse_http_head(input, 1 << 20));
  const auto ok = winnow::warc::parse_http_head("HTTP/1.1 053 Odd\r\nA: b\r\n\r\n", 1 << 20);
  REQUIRE(ok);
  CHECK(ok->status == 53);
  CHECK_FALSE(winnow::warc::parse_http_head("HTTP/1.1 +12 x\r\n\r\n", 1 << 20));
}

TEST_CASE("fuzz archive: a damaged FTS5 configuration makes search fail as damage, not as an internal error", "[fuzz]") {
  // fuzz_archive opens the saved file, then reads it; search is where FTS5 reads its configuration.
  winnow::test::TempDir dir;
  const fs::path path = dir.path() / "damaged.db";
  winnow::test::write_file(path, saved_input("archive", "fts5-config.db"));
  // Opened for writing, this format-1 file would be upgraded first, and that finds the damage already.
  auto upgraded = archive::Archive::open(path.string());
  REQUIRE_FALSE(upgraded);
  CHECK(upgraded.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK_THAT(upgraded.error().message, Catch::Contains("is damaged"));
  archive::OpenOptions read_only;
  read_only.read_only = true;
  auto opened = archive::Archive::open(path.string(), read_only);
  REQUIRE(opened);
  const auto hits = opened.value().search("the article");
  REQUIRE_FALSE(hits);
  CHECK(hits.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK_THAT(hits.error().message, Catch::Contains("is damaged"));
}

TEST_CASE("fuzz url: a host IDNA maps onto a forbidden character is refused, not stored", "[fuzz]") {
  // fuzz_url normalises the input's second line (the href).
  const std::string input = saved_input("url", "idna-maps-to-space");
  const std::string href = input.substr(input.find('\n') + 1);
  const auto normal = archive::normalize_url(href);
  REQUIRE_FALSE(normal);
  CHECK(normal.error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK_THAT(normal.error().message, Catch::Contains("host name may not contain"));
  CHECK_FALSE(archive::normalize_url("https://a\xe2\x80\x8a" "b.example/"));  // U+200A becomes a space
  CHECK(archive::normalize_url("https://b\xc3\xbc" "cher.example/").value() == "https://xn--bcher-kva.example/");
}

TEST_CASE("fuzz url: a URL whose host is blanks is no web URL, so resolving against it cannot lose the host", "[fuzz]") {
  // fuzz_url resolves the second line against the first, and a web base must give a web URL.
  const std::string input = saved_input("url", "blank-host");
  const std::string base = input.substr(0, input.find('\n'));
  const std::string href = input.substr(input.find('\n') + 1);
  CHECK_FALSE(winnow::clean::is_web_url(base));
  CHECK_FALSE(winnow::clean::is_web_url(winnow::clean::resolve_url(base, href)));
  CHECK_FALSE(winnow::clean::is_web_url("https://\t/"));
  CHECK_FALSE(winnow::clean::is_web_url("https://user@:8080/"));
  CHECK_FALSE(winnow::clean::is_web_url("https://a b/"));
  CHECK(winnow::clean::is_web_url("https://user:pw@example.com:8080/x"));
  CHECK(winnow::clean::is_web_url("http://[::1]:80/"));
  CHECK(winnow::clean::is_web_url("HTTPS://example.com"));
}

TEST_CASE("fuzz archive: a schema SQLite cannot compile winnow's statements against is a damaged archive", "[fuzz]") {
  // fuzz_archive opens the saved file, then reads it; the FTS5 table's SQL was damaged: its tokenize= names
  // "unicode22", or its options no longer parse ("unrecognized column option").
  for (const char* name : {"fts5-tokenizer.db", "fts5-column-option.db"}) {
    INFO(name);
    winnow::test::TempDir dir;
    const fs::path path = dir.path() / "damaged.db";
    winnow::test::write_file(path, saved_input("archive", name));
    // Read-only, so the format-1 file is read as it is (opened for writing, its upgrade may meet the damage first).
    archive::OpenOptions read_only;
    read_only.read_only = true;
    auto opened = archive::Archive::open(path.string(), read_only);
    REQUIRE(opened);
    const auto hits = opened.value().search("the article");
    REQUIRE_FALSE(hits);
    CHECK(hits.error().kind == winnow::ErrorKind::kInvalidInput);
    CHECK_THAT(hits.error().message, Catch::Contains("is damaged"));
  }
}
