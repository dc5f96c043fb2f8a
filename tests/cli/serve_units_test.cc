// Unit tests of winnow serve's parts that need no server: escaping, the word diff, the article's HTML, --listen.
#include <catch2/catch.hpp>
#include <string>

#include "serve/article_html.h"
#include "serve/html.h"
#include "serve/listen_address.h"
#include "serve/word_diff.h"

using namespace winnow::cli::serve;

namespace {

// The diff as text: kept words plain, deleted words [-x-], inserted {+x+}.
std::string render(const WordDiff& d) {
  std::string out;
  for (const DiffRun& run : d.runs) {
    for (std::size_t i = 0; i < run.count; ++i) {
      if (!out.empty()) out += ' ';
      if (run.op == DiffOp::kEqual) out += std::string(d.a[run.a_begin + i].word);
      if (run.op == DiffOp::kDelete) out += "[-" + std::string(d.a[run.a_begin + i].word) + "-]";
      if (run.op == DiffOp::kInsert) out += "{+" + std::string(d.b[run.b_begin + i].word) + "+}";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("serve: escape_html leaves no markup, attribute breakout or control character", "[serve][unit]") {
  CHECK(escape_html("<script>alert('x')</script> \"onmouseover=1 & ok") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;onmouseover=1 &amp; ok");
  CHECK(escape_html(std::string("a\0b\x1b[31mc\n\td", 13)) == "ab[31mc\n\td");
  CHECK(escape_html("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(query_encode("https://a.example/?q=1&r=<x> é") == "https%3A%2F%2Fa.example%2F%3Fq%3D1%26r%3D%3Cx%3E%20%C3%A9");
  CHECK(href("/url", {{"url", "a\"b"}, {"v", "2"}}) == "/url?url=a%22b&amp;v=2");
}

TEST_CASE("serve: the word diff finds the fewest words changed", "[serve][unit]") {
  CHECK(render(diff_words("the council met on Tuesday", "the council met on Friday")) ==
        "the council met on [-Tuesday-] {+Friday+}");
  CHECK(render(diff_words("a b c d", "a x b c y d")) == "a {+x+} b c {+y+} d");
  CHECK(render(diff_words("a b c", "")) == "[-a-] [-b-] [-c-]");
  CHECK(render(diff_words("", "a")) == "{+a+}");
  CHECK(render(diff_words("", "")).empty());
  const WordDiff same = diff_words("one  two\n\nthree", "one two three");  // whitespace does not count
  CHECK(same.deleted == 0);
  CHECK(same.inserted == 0);
  const WordDiff moved = diff_words("x a b c y", "a b c x y");
  CHECK(moved.deleted == 1);
  CHECK(moved.inserted == 1);
  CHECK(render(moved) == "[-x-] a b c {+x+} y");
}

TEST_CASE("serve: a word diff past its edit bound is reported whole, and marked approximate", "[serve][unit]") {
  std::string a, b;
  for (int i = 0; i < 300; ++i) {
    a += "a" + std::to_string(i) + " ";
    b += "b" + std::to_string(i) + " ";
  }
  const WordDiff exact = diff_words("keep " + a + "end", "keep " + b + "end", 1000);
  CHECK_FALSE(exact.approximate);
  CHECK(exact.deleted == 300);
  CHECK(exact.inserted == 300);
  const WordDiff bounded = diff_words("keep " + a + "end", "keep " + b + "end", 50);
  CHECK(bounded.approximate);
  CHECK(bounded.deleted == 300);
  CHECK(bounded.inserted == 300);
  REQUIRE(bounded.runs.size() == 4);
  CHECK(bounded.runs.front().op == DiffOp::kEqual);
  CHECK(bounded.runs.back().op == DiffOp::kEqual);
}

TEST_CASE("serve: the article text becomes paragraphs and lists, without its title", "[serve][unit]") {
  CHECK(article_html("Title\n\nFirst <b>para</b>.\n\n- one\n- two\n\n1. x\n2. y\n", "Title") ==
        "<p>First &lt;b&gt;para&lt;/b&gt;.</p>\n<ul><li>one</li><li>two</li></ul>\n<ol><li>x</li><li>y</li></ol>\n");
  CHECK(article_html("No title here\n\nBody", "Other") == "<p>No title here</p>\n<p>Body</p>\n");
  CHECK(metadata_html(R"({"title":"T","authors":["A <b>","B"],"published":"2024-05-01"})") ==
        "<dl class=\"metadata\"><dt>authors</dt><dd>A &lt;b&gt;, B</dd><dt>published</dt><dd>2024-05-01</dd></dl>");
  CHECK(metadata_html("not json").empty());
}

TEST_CASE("serve: --listen reads HOST:PORT, [IPv6]:PORT or a port, and knows loopback", "[serve][unit]") {
  auto parsed = parse_listen("127.0.0.1:8080");
  REQUIRE(parsed);
  CHECK(parsed.value().host == "127.0.0.1");
  CHECK(parsed.value().port == 8080);
  parsed = parse_listen("9000");
  REQUIRE(parsed);
  CHECK(parsed.value().host == "127.0.0.1");
  parsed = parse_listen("[::1]:0");
  REQUIRE(parsed);
  CHECK(parsed.value().host == "::1");
  CHECK(base_url(parsed.value()) == "http://[::1]:0/");
  for (const char* bad : {"", ":80", "host:", "host:x", "host:65536", "::1:80", "[::1]80", "127.0.0.1:-1"}) {
    INFO(bad);
    CHECK_FALSE(parse_listen(bad));
  }
  CHECK(is_loopback("127.0.0.1"));
  CHECK(is_loopback("127.8.9.10"));
  CHECK(is_loopback("::1"));
  CHECK(is_loopback("localhost"));
  CHECK_FALSE(is_loopback("0.0.0.0"));
  CHECK_FALSE(is_loopback("::"));
  CHECK_FALSE(is_loopback("192.168.1.2"));
  CHECK_FALSE(is_loopback("128.0.0.1"));
  CHECK_FALSE(is_loopback("example.com"));
}
