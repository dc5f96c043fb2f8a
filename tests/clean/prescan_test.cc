// Unit tests for prescan_html: what is stripped before parsing, what is kept byte for byte, JSON-LD capture, the depth cap.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "html/dom.h"
#include "html/node_tree.h"
#include "html/prescan.h"

namespace {

using winnow::clean::prescan_html;

std::string stripped(std::string_view html) { return prescan_html(html).html; }

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

int max_depth(const winnow::clean::NodeTree& tree) {
  int depth = 0;
  for (const auto& n : tree.nodes()) depth = std::max(depth, n.depth);
  return depth;
}

}  // namespace

TEST_CASE("prescan drops script, style and comment bodies with their tags", "[prescan]") {
  CHECK(stripped(R"(<p>a</p><script>var x = 1 < 2 && "<p>";</script><p>b</p>)") == "<p>a</p><p>b</p>");
  CHECK(stripped("<p>a</p><style media=\"screen\">.x>.y{color:red}</style ><p>b</p>") ==
        "<p>a</p><p>b</p>");
  CHECK(stripped("one<!-- a comment with <p>markup</p> -->two") == "onetwo");
  CHECK(stripped("<p>a</p><!--[if IE]><p>old browsers</p><![endif]-->b") == "<p>a</p>b");
  // A comment that mentions a raw-text element does not open one.
  CHECK(stripped("<!-- <script> -->visible<!-- </style> -->more") == "visiblemore");
  // "<!--" inside a script is script text, not a comment start.
  CHECK(stripped(R"(a<script>if (a<b) s = "<!--";</script>b<!-- c -->d)") == "abd");
}

TEST_CASE("prescan drops the other elements the parser never needs", "[prescan]") {
  CHECK(stripped("a<iframe src=\"x\">fallback <b>text</b></iframe>b") == "ab");
  CHECK(stripped("a<noscript><img src=\"pixel.gif\"></noscript>b") == "ab");
  CHECK(stripped("a<template><p>row</p></template>b") == "ab");
  CHECK(stripped("a<svg viewBox=\"0 0 1 1\"><text>icon label</text></svg>b") == "ab");
  CHECK(stripped("a<math><mi>x</mi></math>b") == "ab");
}

TEST_CASE("prescan keeps a noscript that holds the page's script-less rendering", "[prescan]") {
  // Discourse serves a whole thread to crawlers inside one <noscript>.
  std::string thread;
  for (int i = 0; i < 20; ++i) {
    thread += "<div class=\"post\"><p>Reply " + std::to_string(i) +
              ": the update broke the export for me as well, rolling back fixed it.</p><script>x()</script></div>";
  }
  const std::string page = "a<noscript data-path=\"/t/1\">" + thread + "</noscript>b";
  const std::string out = stripped(page);
  CHECK(contains(out, "<p>Reply 0:"));
  CHECK(contains(out, "<p>Reply 19:"));
  CHECK_FALSE(contains(out, "<noscript"));
  CHECK_FALSE(contains(out, "x()"));  // what is inside is scanned as the page: scripts still go
  // Short noscripts, or long ones without paragraph markup, still go whole.
  CHECK(stripped("a<noscript><p>Please enable JavaScript to use this site.</p></noscript>b") == "ab");
  CHECK(stripped("a<noscript>" + std::string(4000, 'x') + "</noscript>b") == "ab");
  // Past 16 kept ones the rest go whole, so nested noscripts stay linear.
  std::string nested;
  for (int i = 0; i < 20; ++i) nested += "<noscript>" + thread;
  const std::string nested_out = stripped(nested);
  std::size_t copies = 0;
  for (std::size_t at = nested_out.find("Reply 0:"); at != std::string::npos; at = nested_out.find("Reply 0:", at + 1)) {
    ++copies;
  }
  CHECK(copies == 16);  // the 17th, unclosed, goes to the end of the page
}

TEST_CASE("prescan ends a script at the first </script, as browsers do", "[prescan]") {
  // The HTML tokenizer ends script data at the first "</script", even inside
  // a JavaScript string; the rest leaks as text in browsers too. Escaped
  // "<\/script>" does not end it.
  CHECK(stripped(R"(a<script>var s = "<\/script>"; go();</script>b)") == "ab");
  std::string leaked = stripped(R"(a<script>var s = "</script>"; go();</script>b)");
  CHECK(leaked.rfind("a", 0) == 0);
  CHECK_FALSE(contains(leaked, "var s"));
  // A longer name is not the close tag.
  CHECK(stripped("x<script>a</scripty></script>y") == "xy");
}

TEST_CASE("prescan handles empty and unterminated comments", "[prescan]") {
  // "<!-->" and "<!--->" are complete empty comments: text after them is kept.
  CHECK(stripped("a<!-->b<!--->c") == "abc");
  CHECK(stripped("a<!---->b") == "ab");
  CHECK(stripped("keep<!-- never closed <p>lost</p>") == "keep");
}

TEST_CASE("prescan matches tag names case-insensitively", "[prescan]") {
  CHECK(stripped("<SCRIPT type=\"text/javascript\">x<y</SCRIPT>k<Style>p{}</STYLE >z") == "kz");
  CHECK(stripped("x<script>a</SCRIPT\n>y") == "xy");
  CHECK(stripped("x<SVG><text>t</text></SVG>y") == "xy");
}

TEST_CASE("prescan honours quoted attribute values containing '>'", "[prescan]") {
  std::string_view html = R"(<p class="a" data-x=">">text</p><img alt='a>b'>after)";
  CHECK(stripped(html) == html);
  std::string_view mixed = R"(<p data-x="a'b>c" title='q"r>s'>text</p>)";
  CHECK(stripped(mixed) == mixed);
  // A script tag inside an attribute value is not a script.
  std::string_view in_attr = R"(<a title="<script>">after</a> tail)";
  CHECK(stripped(in_attr) == in_attr);
  std::string_view comment_in_attr = R"(<img alt="<!-- x -->">after)";
  CHECK(stripped(comment_in_attr) == comment_in_attr);
}

TEST_CASE("prescan keeps text and markup outside dropped elements byte for byte", "[prescan]") {
  std::string_view html =
      "<!DOCTYPE html><?xml version=\"1.0\"?>\r\n<p class=a>Tom &amp; Jerry &nbsp; caf\xC3\xA9 "
      "\xF0\x9F\x98\x80</p>\n\t<br/>a < b, 3<4 and x<-y<![CDATA[ z ]]>";
  CHECK(stripped(html) == html);
  // Elements whose names merely start like a dropped one are kept.
  std::string_view lookalikes = "a<scripts>b</scripts>c<stylex>d</stylex>";
  CHECK(stripped(lookalikes) == lookalikes);
}

TEST_CASE("prescan drops an unterminated script or a truncated tag to the end", "[prescan]") {
  CHECK(stripped("keep<script>never ends <p>x</p>") == "keep");
  CHECK(stripped("before<div class=\"unterminated") == "before");
  // <script/> is not self-closing in HTML: what follows is script text.
  CHECK(stripped("a<script src=x.js></script>b<script src=\"y.js\"/>c") == "ab");
}

TEST_CASE("prescan drops self-closing svg and keeps what follows", "[prescan]") {
  CHECK(stripped("x <svg viewBox=\"0 0 1 1\"/> y <svg><path d=\"M0\"/></svg> z") == "x  y  z");
}

TEST_CASE("prescan captures JSON-LD bodies in order", "[prescan]") {
  auto pre = prescan_html(
      R"(<head><script type="application/ld+json; charset=utf-8">{"a":1}</script>)"
      R"(<script>var notLd = 1;</script>)"
      R"(<SCRIPT TYPE="APPLICATION/LD+JSON">{"b":2}</SCRIPT>)"
      R"(<script type=application/ld+json>{"c":"</scr"}</script></head><p>body</p>)");
  REQUIRE(pre.json_ld.size() == 3);
  CHECK(pre.json_ld[0] == R"({"a":1})");
  CHECK(pre.json_ld[1] == R"({"b":2})");
  CHECK(pre.json_ld[2] == R"({"c":"</scr"})");
  CHECK(pre.html == "<head></head><p>body</p>");
}

TEST_CASE("prescan captures an unterminated JSON-LD body at end of input", "[prescan]") {
  auto pre = prescan_html(R"(x<script type="application/ld+json">{"headline":"Cut)");
  REQUIRE(pre.json_ld.size() == 1);
  CHECK(pre.json_ld[0] == R"({"headline":"Cut)");
  CHECK(pre.html == "x");
}

TEST_CASE("prescan caps nesting depth and keeps the deep text", "[prescan]") {
  std::string html = "<html><body>";
  for (int i = 0; i < 1000; ++i) html += "<div>";
  html += "deep text";
  for (int i = 0; i < 1000; ++i) html += "</div>";
  html += "<p>after the divs</p></body></html>";

  auto document = winnow::clean::parse_html(prescan_html(html).html);
  winnow::clean::NodeTree tree(document->root);
  // 400 divs below <html><body>, plus the text node: nowhere near 1,000.
  CHECK(max_depth(tree) <= 410);
  CHECK(max_depth(tree) >= 400);
  CHECK(winnow::clean::normalized_text(document->root) == "deep textafter the divs");
  // Dropped opens swallow their own close tags: the paragraph after the divs is back at body level.
  const GumboNode* p = winnow::clean::find_first(document->root, GUMBO_TAG_P);
  REQUIRE(p != nullptr);
  CHECK(winnow::clean::is_tag(p->parent, GUMBO_TAG_BODY));
}

TEST_CASE("prescan depth cap does not count elements that do not nest", "[prescan]") {
  // Just below the cap, 1,000 list items, paragraphs, breaks and images side
  // by side add no depth: the heading after them survives.
  std::string html;
  for (int i = 0; i < 395; ++i) html += "<div>";
  html += "<ul>";
  for (int i = 0; i < 1000; ++i) html += "<li><p>item " + std::to_string(i) + "<br><img src=x.png>";
  html += "</ul><h2>End</h2>";
  CHECK(stripped(html) == html);
}

// Regression test, a bug found and fixed: the depth counter never pops elements that a parent's close
// tag closes implicitly. 450 rows each with an unclosed <span> push it past
// 400 although the real tree is 3 deep, and every later non-flat tag
// (<article>, <h2>, <ul>, <a href>, <pre>) is then dropped.
TEST_CASE("prescan keeps later structure after many unclosed inline elements", "[prescan]") {
  std::string html = "<body><div class=\"listing\">";
  for (int i = 0; i < 450; ++i) html += "<div class=\"row\"><span>Item " + std::to_string(i) + "</div>";
  html += "</div><article><h2>Heading</h2><ul><li><a href=\"/x\">link</a></li></ul></article>";
  std::string out = stripped(html);
  CHECK(contains(out, "<article>"));
  CHECK(contains(out, "<h2>"));
  CHECK(contains(out, "<a href=\"/x\">"));
}

// Regression test, a bug found and fixed: prescan does not know text-only elements (<title>,
// <textarea>, <xmp>), so a literal "<style>" or "<svg>" inside one opens a
// dropped element that is never closed and the rest of the page is lost.
TEST_CASE("prescan treats tags inside title and textarea as text", "[prescan]") {
  CHECK(contains(stripped("<head><title>Using the <style> element</title></head><body><p>Body text.</p>"),
                 "Body text."));
  CHECK(contains(stripped("<body><textarea>paste <svg> here</textarea><p>Body text.</p>"), "Body text."));
}
