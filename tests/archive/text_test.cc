// Unit tests of the archive's text helpers: URL normalisation, sites, times, words changed and unified diffs.
#include <catch2/catch.hpp>

#include "diff.h"
#include "winnow/archive.h"

namespace archive = winnow::archive;

TEST_CASE("URLs are normalised: scheme and host lower-cased, default port and fragment dropped", "[archive][url]") {
  CHECK(archive::normalize_url("HTTPS://Example.COM:443/Path?q=A#frag").value() == "https://example.com/Path?q=A");
  CHECK(archive::normalize_url("http://example.com:80").value() == "http://example.com/");
  CHECK(archive::normalize_url("http://example.com:8080/a").value() == "http://example.com:8080/a");
  CHECK(archive::normalize_url("https://example.com:80/").value() == "https://example.com:80/");
  CHECK(archive::normalize_url("  http://a.example/x  ").value() == "http://a.example/x");
  CHECK(archive::normalize_url("file:///tmp/page.html").value() == "file:///tmp/page.html");
  CHECK(archive::normalize_url("file://localhost/tmp/p.html").value() == "file:///tmp/p.html");
}

TEST_CASE("bad URLs are refused with a reason", "[archive][url]") {
  for (const char* bad : {"", "example.com/a", "ftp://example.com/", "http:///a", "http://exa mple.com/",
                          "http://example.com:99999/", "http://example.com:x/", "file://host/a", "mailto:a@b"}) {
    INFO(bad);
    const auto url = archive::normalize_url(bad);
    REQUIRE_FALSE(url.ok());
    CHECK(url.error().kind == winnow::ErrorKind::kInvalidInput);
    CHECK_FALSE(url.error().message.empty());
  }
}

TEST_CASE("a URL's site is its registrable host", "[archive][url]") {
  CHECK(archive::site_of("https://www.example.com/a") == "example.com");
  CHECK(archive::site_of("https://news.example.co.uk/a") == "example.co.uk");
  CHECK(archive::site_of("https://www.globo.com.br/x") == "globo.com.br");
  CHECK(archive::site_of("http://localhost:8080/") == "localhost");
  CHECK(archive::site_of("http://127.0.0.1:8080/") == "127.0.0.1");
  CHECK(archive::site_of("file:///tmp/a.html") == "file");
}

TEST_CASE("times are read as ISO 8601 and written in UTC", "[archive][time]") {
  CHECK(archive::parse_time("2024-05-01").value() == "2024-05-01T00:00:00Z");
  CHECK(archive::parse_time("2024-05-01T10:30").value() == "2024-05-01T10:30:00Z");
  CHECK(archive::parse_time("2024-05-01T10:30:15.250Z").value() == "2024-05-01T10:30:15Z");
  CHECK(archive::parse_time("2024-05-01T12:30:00+02:00").value() == "2024-05-01T10:30:00Z");
  CHECK(archive::parse_time("2024-01-01T00:30:00+0100").value() == "2023-12-31T23:30:00Z");
  CHECK(archive::parse_time("2024-01-01T00:30:00+01").value() == "2023-12-31T23:30:00Z");
  CHECK(archive::parse_time("2024-01-01T10:30-05").value() == "2024-01-01T15:30:00Z");
  for (const char* bad : {"", "yesterday", "2024-13-01", "2024-02-31", "2024-05-01T25:00", "2024-05-01T10:30Zjunk", "2024-05-01T10:30+01:", "2024-05-01T10:30+1"}) {
    INFO(bad);
    CHECK_FALSE(archive::parse_time(bad).ok());
  }
  const std::string now = archive::now_utc();
  CHECK(archive::parse_time(now).value() == now);
}

TEST_CASE("an \"as of\" date alone means the end of that day", "[archive][time]") {
  CHECK(archive::parse_time_at("2024-05-01").value() == "2024-05-01T23:59:59Z");
  CHECK(archive::parse_time_at("2024-05-01T10:00Z").value() == "2024-05-01T10:00:00Z");
  CHECK(archive::parse_time_at("2024-05-01T00:00:00Z").value() == "2024-05-01T00:00:00Z");
  CHECK_FALSE(archive::parse_time_at("2024-02-31").ok());
}

TEST_CASE("words changed counts a replaced word once and insertions by their length", "[archive][diff]") {
  CHECK(archive::words_changed("the cat sat on the mat", "the cat sat on the mat") == 0);
  CHECK(archive::words_changed("the cat sat on the mat", "the dog sat on the mat") == 1);
  CHECK(archive::words_changed("one two three", "one two new words here three") == 3);
  CHECK(archive::words_changed("one two three four", "one four") == 2);
  CHECK(archive::words_changed("", "a b c") == 3);
  CHECK(archive::words_changed("Punctuation, only!", "Punctuation only") == 0);
}

TEST_CASE("edit distance is the shortest script and stops at its bound", "[archive][diff]") {
  const std::vector<std::uint64_t> a{1, 2, 3, 4, 5, 6};
  const std::vector<std::uint64_t> b{1, 3, 4, 7, 5, 6, 8};
  CHECK(archive::edit_distance(a, b, 100) == 3u);  // delete 2, insert 7 and 8
  CHECK(archive::edit_distance(a, b, 3) == 3u);
  CHECK_FALSE(archive::edit_distance(a, b, 2).has_value());
  CHECK(archive::edit_distance({}, {}, 0) == 0u);
}

TEST_CASE("unified diff shows changed lines with context and correct hunk headers", "[archive][diff]") {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += "line " + std::to_string(i) + "\n";
    after += (i == 10 ? std::string("line ten\n") : "line " + std::to_string(i) + "\n");
  }
  after += "line 21\n";
  const std::string diff = archive::unified_diff(before, after, "a", "b");
  CHECK(diff ==
        "--- a\n+++ b\n"
        "@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n"
        "@@ -18,3 +18,4 @@\n line 18\n line 19\n line 20\n+line 21\n");
  CHECK(archive::unified_diff(before, before, "a", "b").empty());
  const std::string from_empty = archive::unified_diff("", "x\ny\n", "a", "b");
  CHECK(from_empty == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
}
