// Unit tests of the archive's URL keys: IDN hosts, dot segments, percent-encoding, and file:// URLs of any file name.
#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "support/archive_pages.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace archive = winnow::archive;

std::string normalized(const std::string& url) {
  const auto result = archive::normalize_url(url);
  if (!result) FAIL(url << ": " << result.error().message);
  return result.value();
}

}  // namespace

TEST_CASE("international host names are one key in their xn-- form", "[archive][url]") {
  const std::string ascii = "https://xn--bcher-kva.example/a";
  CHECK(normalized("https://bücher.example/a") == ascii);
  CHECK(normalized("https://BÜCHER.example/a") == ascii);
  CHECK(normalized("https://XN--BCHER-KVA.Example/a") == ascii);
  CHECK(normalized("https://b%C3%BCcher.example/a") == ascii);  // browsers decode the host first
  CHECK(normalized("http://münchen.example:8080/") == "http://xn--mnchen-3ya.example:8080/");
  CHECK(normalized("http://example.com/bücher") == "http://example.com/b%C3%BCcher");  // the path is not a host

  for (const char* bad : {"https://b\xff\xfe.example/", "https://xn--a.example/", "https://exa%20mple.com/",
                          "https://a<b.example/", "https://a%00b.example/"}) {
    INFO(bad);
    const auto url = archive::normalize_url(bad);
    REQUIRE_FALSE(url.ok());
    CHECK(url.error().kind == winnow::ErrorKind::kInvalidInput);
    CHECK(url.error().message.find("host") != std::string::npos);
  }
  const auto invalid = archive::normalize_url("https://b\xff\xfe.example/");
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().message.find("not a valid international domain name") != std::string::npos);
}

TEST_CASE("dot segments are removed from paths, also spelled %2e", "[archive][url]") {
  CHECK(normalized("http://x.example/a/../b") == "http://x.example/b");
  CHECK(normalized("http://x.example/a/./b") == "http://x.example/a/b");
  CHECK(normalized("http://x.example/a/b/..") == "http://x.example/a/");
  CHECK(normalized("http://x.example/a/b/.") == "http://x.example/a/b/");
  CHECK(normalized("http://x.example/../../a") == "http://x.example/a");
  CHECK(normalized("http://x.example/a/%2e%2E/b") == "http://x.example/b");
  CHECK(normalized("http://x.example/a/.%2e/b") == "http://x.example/b");
  CHECK(normalized("http://x.example/a/%2E/b") == "http://x.example/a/b");
  CHECK(normalized("http://x.example/a/..?q=../x") == "http://x.example/?q=../x");  // the query is not a path
  CHECK(normalized("http://x.example/a/.../b") == "http://x.example/a/.../b");      // three dots are a name
  CHECK(normalized("http://x.example/a/..b/c") == "http://x.example/a/..b/c");
  CHECK(normalized("http://x.example\\a\\..\\b") == "http://x.example/b");  // a backslash is a slash here
  CHECK(normalized("file:///tmp/a/../b.html") == "file:///tmp/b.html");
}

TEST_CASE("paths and queries are percent-encoded as browsers send them, escapes upper-cased", "[archive][url]") {
  CHECK(normalized("http://x.example/a b") == "http://x.example/a%20b");
  CHECK(normalized("http://x.example/café") == "http://x.example/caf%C3%A9");
  CHECK(normalized("http://x.example/caf%c3%a9") == "http://x.example/caf%C3%A9");
  CHECK(normalized("http://x.example/<\"`{}>") == "http://x.example/%3C%22%60%7B%7D%3E");
  CHECK(normalized("http://x.example/a?q=a b&c='é'") == "http://x.example/a?q=a%20b&c=%27%C3%A9%27");
  CHECK(normalized("http://x.example/50%") == "http://x.example/50%");       // a lone % is kept, as browsers keep it
  CHECK(normalized("http://x.example/%7e%2f") == "http://x.example/%7E%2F");  // escapes keep their meaning
  CHECK(normalized("http://x.example/a\xff") == "http://x.example/a%FF");
  // Normalising twice changes nothing.
  for (const char* url : {"http://x.example/a b/../c?d=é", "https://bücher.example/%2e/x", "file:///tmp/a%20b.html"}) {
    INFO(url);
    CHECK(normalized(normalized(url)) == normalized(url));
  }
  CHECK_FALSE(archive::normalize_url("http://x.example/a\tb").ok());  // control characters are refused
}

TEST_CASE("file paths become file:// URLs with every byte that needs it encoded", "[archive][url]") {
  const std::string saved = archive::file_url("/tmp/My Article \xE2\x80\x93 Site (2024).html");
  CHECK(saved == "file:///tmp/My%20Article%20%E2%80%93%20Site%20(2024).html");
  CHECK(archive::file_url("/tmp/page#1.html") == "file:///tmp/page%231.html");
  CHECK(archive::file_url("/tmp/page#2.html") == "file:///tmp/page%232.html");
  CHECK(archive::file_url("/tmp/50%.html") == "file:///tmp/50%25.html");
  CHECK(archive::file_url("/tmp/%2e%2e/a.html") == "file:///tmp/%252e%252e/a.html");  // a name, not a dot segment
  CHECK(archive::file_url("/tmp/index.php?id=3") == "file:///tmp/index.php%3Fid=3");
  CHECK(archive::file_url("/tmp/\xff\xfe.html") == "file:///tmp/%FF%FE.html");
  CHECK(archive::file_url("/tmp/a\nb\\c.html") == "file:///tmp/a%0Ab%5Cc.html");
  // Each is a valid URL that normalisation keeps as it is: one file, one key.
  for (const char* path : {"/tmp/My Article \xE2\x80\x93 Site (2024).html", "/tmp/page#1.html", "/tmp/50%.html",
                           "/tmp/%2e%2e/a.html", "/tmp/index.php?id=3", "/tmp/\xff\xfe.html", "/tmp/a\nb\\c.html"}) {
    INFO(path);
    const std::string url = archive::file_url(path);
    CHECK(normalized(url) == url);
  }
}

TEST_CASE("the two spellings of an international URL are one URL in an archive", "[archive][url][store]") {
  winnow::test::TempDir dir;
  auto opened = archive::Archive::open((dir.path() / "a.db").string());
  REQUIRE(opened.ok());
  archive::Archive& store = opened.value();
  for (const auto& [url, words] : {std::pair{"https://bücher.example/a/../neu", 40}, {"https://XN--BCHER-KVA.example/neu", 41}}) {
    archive::CaptureInput input;
    input.url = url;
    input.raw = winnow::test::article_page("Neu", "books", words, 1);
    REQUIRE(store.add_capture(input).ok());
  }
  const auto urls = store.list();
  REQUIRE(urls.ok());
  REQUIRE(urls.value().size() == 1);
  CHECK(urls.value()[0].url == "https://xn--bcher-kva.example/neu");
  CHECK(urls.value()[0].versions == 2);
  CHECK(store.show("https://bücher.example/neu").ok());  // readable by either spelling
}
