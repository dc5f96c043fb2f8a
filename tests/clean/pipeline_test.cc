// Unit tests for clean_html as a whole: input limits and errors, charset, title choice, warnings, URLs, no script leaks.
#include <catch2/catch.hpp>
#include <string>

#include "winnow/clean.h"

namespace {

using winnow::ErrorKind;
using winnow::clean::Article;
using winnow::clean::BlockKind;
using winnow::clean::clean_html;
using winnow::clean::Options;

// Three paragraphs of prose: enough text for any page to count as an article.
constexpr const char* kBody = R"(
<p>The northern rivers run cold and fast through the spring, carrying meltwater from the high plateaus down to the sea, and the towns along their banks depend on them.</p>
<p>Fishermen still work the lower reaches, although the catch has fallen by half since the dams were built, and many younger families have moved away.</p>
<p>Engineers argue that removing two of the smaller dams would restore the salmon runs within a decade, at a cost the government says it cannot yet meet.</p>)";

std::string page(const std::string& head, const std::string& article) {
  return "<!doctype html><html><head>" + head + "</head><body><nav><a href=\"/\">Home</a></nav><article>" +
         article + "</article><footer><p>Copyright 2024 Northern Times.</p></footer></body></html>";
}

Article cleaned(const std::string& html, const Options& options = {}) {
  auto result = clean_html(html, options);
  REQUIRE(result.ok());
  return result.value();
}

bool has(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

bool has_heading(const Article& article, std::string_view text) {
  for (const auto& b : article.blocks) {
    if (b.kind == BlockKind::kHeading && b.plain_text() == text) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("pipeline: an ordinary page gives its article without warnings", "[pipeline]") {
  Article a = cleaned(page("<title>Rivers</title>", kBody));
  CHECK(a.warnings.empty());
  REQUIRE(a.blocks.size() == 3);
  CHECK(has(a.text(), "The northern rivers"));
  CHECK(has(a.text(), "Engineers argue"));
  CHECK_FALSE(has(a.text(), "Home"));
  CHECK_FALSE(has(a.text(), "Copyright"));
  CHECK(a.word_count() > 60);
}

TEST_CASE("pipeline: the title comes from metadata, and a heading repeating it is dropped", "[pipeline]") {
  Article a = cleaned(page(R"(<meta property="og:title" content="Rivers of the North">)",
                           std::string("<h1>Rivers of the North</h1>") + kBody + "<h2>What next</h2><p>" +
                               "The council will decide in the autumn, after a public consultation that runs all summer long.</p>"));
  CHECK(a.metadata.title == "Rivers of the North");
  CHECK_FALSE(has_heading(a, "Rivers of the North"));
  CHECK(has_heading(a, "What next"));
}

TEST_CASE("pipeline: a metadata title different from the heading keeps the heading", "[pipeline]") {
  Article a = cleaned(page(R"(<meta property="og:title" content="Dams and salmon: a report">)",
                           std::string("<h1>Rivers of the North</h1>") + kBody));
  CHECK(a.metadata.title == "Dams and salmon: a report");
  CHECK(has_heading(a, "Rivers of the North"));
}

TEST_CASE("pipeline: JSON-LD headline is read although scripts are stripped", "[pipeline]") {
  Article a = cleaned(page(
      R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"Rivers of the North","author":{"@type":"Person","name":"Ann Lee"}}</script>)",
      kBody));
  CHECK(a.metadata.title == "Rivers of the North");
  REQUIRE(a.metadata.authors.size() == 1);
  CHECK(a.metadata.authors[0] == "Ann Lee");
  CHECK_FALSE(has(a.text(), "headline"));
}

TEST_CASE("pipeline: without metadata the first h1 is the title", "[pipeline]") {
  Article a = cleaned("<html><body><article><h1>  Rivers of\n the   North </h1>" + std::string(kBody) +
                      "</article></body></html>");
  CHECK(a.metadata.title == "Rivers of the North");
  CHECK_FALSE(has_heading(a, "Rivers of the North"));
  CHECK(a.blocks.size() == 3);
}

TEST_CASE("pipeline: a page without article text succeeds with a warning", "[pipeline]") {
  auto result = clean_html(R"(<html><head><title>Home</title></head><body>
<nav class="main"><ul><li><a href="/">Home</a></li><li><a href="/about">About us and our long history</a></li></ul></nav>
<div class="menu"><a href="/a">Archive of all past issues since 1990</a> <a href="/b">Subscribe to the printed edition</a></div>
<footer><p>Copyright 2024 Example Media Group, all rights reserved.</p></footer></body></html>)");
  REQUIRE(result.ok());
  CHECK(result.value().blocks.empty());
  REQUIRE(result.value().warnings.size() == 1);
  CHECK(has(result.value().warnings[0], "no article"));
  CHECK(result.value().text().empty());
  CHECK(result.value().word_count() == 0);
}

// Regression test, a bug found and fixed: prune_boilerplate spares a <footer>/<header>/<aside> holding
// 60% of the page's text (meant for page-wide wrappers), so on a page with no
// article the copyright line or the site tagline is returned as the article.
TEST_CASE("pipeline: a page of navigation and a footer has no article", "[pipeline]") {
  for (const char* html : {
           R"(<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us and our long history</a></li></ul></nav>
<footer><p>Copyright 2024 Example Media Group, all rights reserved.</p></footer></body></html>)",
           R"(<html><body><header class="site-header"><div class="logo">Northern Times</div><p>The best local news from the valley since 1887, every day.</p></header>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><footer><p>Copyright 2024 Northern Times.</p></footer></body></html>)"}) {
    auto result = clean_html(html);
    REQUIRE(result.ok());
    INFO(result.value().text());
    CHECK(result.value().blocks.empty());
    CHECK(result.value().warnings.size() == 1);
  }
}

TEST_CASE("pipeline: plain text without markup is still read", "[pipeline]") {
  auto result = clean_html(
      "Just a line of plain text, long enough to be read as a paragraph of an article, with commas, "
      "and more words to be sure it counts as prose for the extractor.");
  REQUIRE(result.ok());
  CHECK(has(result.value().text(), "Just a line of plain text"));
}

TEST_CASE("pipeline: inputs over max_input_bytes fail with kTooLarge", "[pipeline]") {
  std::string html = page("", kBody);
  Options options;
  options.max_input_bytes = html.size() - 1;
  auto result = clean_html(html, options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kTooLarge);
  CHECK(has(result.error().message, std::to_string(html.size())));
  // The limit itself is allowed.
  options.max_input_bytes = html.size();
  CHECK(clean_html(html, options).ok());
}

TEST_CASE("pipeline: empty, blank and binary inputs fail with kInvalidInput", "[pipeline]") {
  for (std::string bytes : {std::string(), std::string(" \r\n\t\f "), std::string("ab\0\0\0cd\0\0\x01\x02", 12)}) {
    auto result = clean_html(bytes);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::kInvalidInput);
    CHECK_FALSE(result.error().message.empty());
  }
}

TEST_CASE("pipeline: a windows-1252 page with a meta charset is decoded", "[pipeline]") {
  std::string html =
      "<html><head><meta charset=\"windows-1252\"></head><body><article><p>Caf\xE9 cr\xE8me, "
      "\x93quoted\x94 and \x80" "5: the first paragraph of this article is long enough to be the body of it.</p>"
      "</article></body></html>";
  Article a = cleaned(html);
  CHECK(has(a.text(), "Caf\xC3\xA9 cr\xC3\xA8me, \xE2\x80\x9Cquoted\xE2\x80\x9D and \xE2\x82\xAC" "5"));
}

TEST_CASE("pipeline: a forced charset and a Content-Type charset are honoured", "[pipeline]") {
  std::string html = "<html><body><article><p>Gr\xFC\xDF" "e aus K\xF6ln, the first paragraph of this "
                     "article is long enough to be the body of it, surely.</p></article></body></html>";
  Options forced;
  forced.charset = "iso-8859-1";
  CHECK(has(cleaned(html, forced).text(), "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln"));
  Options header;
  header.content_type = "text/html; charset=ISO-8859-1";
  CHECK(has(cleaned(html, header).text(), "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln"));
  Options unknown;
  unknown.charset = "no-such-charset";
  auto result = clean_html(html, unknown);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::kUnsupported);
}

TEST_CASE("pipeline: the page URL is the article URL and resolves links", "[pipeline]") {
  std::string html = page(R"(<link rel="canonical" href="https://site.example/canonical">)",
                          std::string(kBody) + R"(<p>More in <a href="../data/report.pdf">the full report</a>, )"
                                               R"(which runs to three hundred pages with tables and maps.</p>)");
  Options options;
  options.url = "https://example.com/news/2024/rivers.html";
  Article a = cleaned(html, options);
  CHECK(a.url == "https://example.com/news/2024/rivers.html");
  bool found = false;
  for (const auto& b : a.blocks) {
    for (const auto& s : b.spans) found = found || s.href == "https://example.com/news/data/report.pdf";
  }
  CHECK(found);
  // Without a page URL the canonical URL names the article.
  CHECK(cleaned(html).url == "https://site.example/canonical");
}

TEST_CASE("pipeline: script, style and comment text never reaches the article", "[pipeline]") {
  Article a = cleaned(page("<style>p { color: red }</style>",
                           std::string(kBody) + "<script>var secretToken = 'abc';</script><!-- editor note -->"
                                                "<noscript>Enable JavaScript</noscript><template>tpl text</template>"));
  CHECK_FALSE(has(a.text(), "secretToken"));
  CHECK_FALSE(has(a.text(), "color"));
  CHECK_FALSE(has(a.text(), "editor note"));
  CHECK_FALSE(has(a.text(), "Enable JavaScript"));
  CHECK_FALSE(has(a.text(), "tpl text"));
}

TEST_CASE("pipeline: a deeply nested page is cleaned quickly and keeps its text", "[pipeline]") {
  std::string html = "<html><body>";
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += kBody;
  for (int i = 0; i < 20000; ++i) html += "</div>";
  html += "</body></html>";
  Article a = cleaned(html);
  CHECK(has(a.text(), "The northern rivers"));
  CHECK(has(a.text(), "Engineers argue"));
}

// Regression test, a bug found and fixed: without Options::url the canonical URL becomes article.url
// (and resolves metadata.image), but links in the body stay relative.
TEST_CASE("pipeline: links resolve against the canonical URL when no page URL is given",
          "[pipeline]") {
  Article a = cleaned(page(R"(<link rel="canonical" href="https://site.example/news/rivers.html">)",
                           std::string(kBody) + R"(<p>More in <a href="report.pdf">the full report</a>, )"
                                                R"(which runs to three hundred pages with tables and maps.</p>)"));
  bool found = false;
  for (const auto& b : a.blocks) {
    for (const auto& s : b.spans) found = found || s.href == "https://site.example/news/report.pdf";
  }
  CHECK(found);
}

// Regression test, a bug found and fixed: <base href> is ignored; browsers resolve relative links against it.
TEST_CASE("pipeline: links resolve against <base href>", "[pipeline]") {
  Options options;
  options.url = "https://example.com/news/rivers.html";
  Article a = cleaned(page(R"(<base href="https://static.example.com/archive/">)",
                           std::string(kBody) + R"(<p>More in <a href="report.pdf">the full report</a>, )"
                                                R"(which runs to three hundred pages with tables and maps.</p>)"),
                      options);
  bool found = false;
  for (const auto& b : a.blocks) {
    for (const auto& s : b.spans) found = found || s.href == "https://static.example.com/archive/report.pdf";
  }
  CHECK(found);
}

// Regression test, a bug found and fixed: Article::word_count counts every non-ASCII byte as a letter,
// so "10&nbsp;km" (U+00A0) is one word, not two.
TEST_CASE("pipeline: a no-break space separates words in the word count", "[pipeline]") {
  Article a;
  a.blocks.emplace_back();
  a.blocks.back().spans.push_back({"10\xC2\xA0km away", false, false, false, ""});
  CHECK(a.word_count() == 3);
}
