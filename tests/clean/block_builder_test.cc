// Unit tests for build_blocks: headings, paragraphs, inline spans and links, lists, quotes, code, tables, whitespace.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "html/block_builder.h"
#include "html/dom.h"
#include "html/node_tree.h"
#include "support/parsed_page.h"

namespace {

using winnow::clean::Block;
using winnow::clean::BlockKind;
using winnow::clean::NodeTree;
using winnow::clean::Span;

using Page = winnow::test::ParsedPage;

constexpr const char* kPageUrl = "https://example.com/blog/2024/post.html";

std::vector<Block> blocks_of(const std::string& body, std::string_view url = kPageUrl) {
  Page page("<html><body>" + body + "</body></html>");
  return winnow::clean::build_blocks(page.tree, {page.tree.body()}, url);
}

std::vector<std::string> texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const Block& b : blocks) out.push_back(b.plain_text());
  return out;
}

// The span whose text, without surrounding spaces, is `text`; nullptr if none.
const Span* find_span(const Block& block, std::string_view text) {
  for (const Span& s : block.spans) {
    std::string_view t = s.text;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t == text) return &s;
  }
  return nullptr;
}

std::string item_text(const std::vector<Span>& item) {
  std::string out;
  for (const Span& s : item) out += s.text;
  return out;
}

}  // namespace

TEST_CASE("blocks: heading levels and paragraphs in document order", "[block_builder]") {
  auto blocks = blocks_of("<h1>Title</h1><p>Intro text.</p><h2>Part</h2><h3>Sub</h3><h6>Small</h6><p>End.</p>");
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[0].kind == BlockKind::kHeading);
  CHECK(blocks[0].level == 1);
  CHECK(blocks[1].kind == BlockKind::kParagraph);
  CHECK(blocks[2].level == 2);
  CHECK(blocks[3].level == 3);
  CHECK(blocks[4].level == 6);
  CHECK(texts(blocks) == std::vector<std::string>{"Title", "Intro text.", "Part", "Sub", "Small", "End."});
}

TEST_CASE("blocks: <br> splits a paragraph, and so does a div", "[block_builder]") {
  auto blocks = blocks_of("<p>Line one<br>Line two<br/>Line three</p><div>Loose <span>div</span> text</div>");
  CHECK(texts(blocks) == std::vector<std::string>{"Line one", "Line two", "Line three", "Loose div text"});
  for (const Block& b : blocks) CHECK(b.kind == BlockKind::kParagraph);
}

TEST_CASE("blocks: whitespace collapses across inline elements", "[block_builder]") {
  auto blocks = blocks_of(
      "<p>a<b>b</b> c</p><p>  leading   and\n\ttrailing   spaces  </p>"
      "<p>word<i> italic </i>word</p><p><span>foo</span>\n<span>bar</span>baz</p>");
  CHECK(texts(blocks) ==
        std::vector<std::string>{"ab c", "leading and trailing spaces", "word italic word", "foo barbaz"});
}

TEST_CASE("blocks: strong, emphasis and code become styled spans", "[block_builder]") {
  auto blocks = blocks_of(
      "<p>Plain <strong>bold</strong>, <b>b</b> then <em>emph</em> or <i>it</i> as <code>x = 1</code> "
      "by <kbd>Ctrl</kbd> and <strong><em>both</em></strong> end.</p>");
  REQUIRE(blocks.size() == 1);
  const Block& p = blocks[0];
  CHECK(p.plain_text() == "Plain bold, b then emph or it as x = 1 by Ctrl and both end.");
  const Span* plain = find_span(p, "Plain");
  REQUIRE(plain != nullptr);
  CHECK_FALSE(plain->strong);
  CHECK_FALSE(plain->emphasis);
  CHECK_FALSE(plain->code);
  for (const char* s : {"bold", "b"}) {
    const Span* span = find_span(p, s);
    REQUIRE(span != nullptr);
    CHECK(span->strong);
    CHECK_FALSE(span->emphasis);
  }
  for (const char* s : {"emph", "it"}) {
    const Span* span = find_span(p, s);
    REQUIRE(span != nullptr);
    CHECK(span->emphasis);
    CHECK_FALSE(span->strong);
  }
  for (const char* s : {"x = 1", "Ctrl"}) {
    const Span* span = find_span(p, s);
    REQUIRE(span != nullptr);
    CHECK(span->code);
  }
  const Span* both = find_span(p, "both");
  REQUIRE(both != nullptr);
  CHECK(both->strong);
  CHECK(both->emphasis);
  CHECK(find_span(p, "end.") != nullptr);
}

TEST_CASE("blocks: text of one style across unstyled inline elements stays one span", "[block_builder]") {
  auto blocks = blocks_of("<p>one <span class=\"x\">two</span> <font>three</font></p>");
  REQUIRE(blocks.size() == 1);
  REQUIRE(blocks[0].spans.size() == 1);
  CHECK(blocks[0].spans[0].text == "one two three");
}

TEST_CASE("blocks: links keep hrefs resolved against the page URL", "[block_builder]") {
  auto blocks = blocks_of(
      R"(<p>See <a href="../docs/guide.html?x=1#top">the guide</a>, <a href="https://other.org/p">abs</a>, )"
      R"(<a href="/root">root</a>, <a href="//cdn.example.net/f">proto</a>, <a href="#sec">anchor</a> )"
      R"(and <a name="x">no href</a>.</p>)");
  REQUIRE(blocks.size() == 1);
  const Block& p = blocks[0];
  auto href = [&](std::string_view text) {
    const Span* s = find_span(p, text);
    return s == nullptr ? std::string("<missing>") : s->href;
  };
  CHECK(href("the guide") == "https://example.com/blog/docs/guide.html?x=1#top");
  CHECK(href("abs") == "https://other.org/p");
  CHECK(href("root") == "https://example.com/root");
  CHECK(href("proto") == "https://cdn.example.net/f");
  CHECK(href("anchor") == "https://example.com/blog/2024/post.html#sec");
  // An <a> without href is plain text and joins its neighbours.
  CHECK(href("and no href.").empty());
  CHECK(href("See").empty());
}

TEST_CASE("blocks: links stay relative without a page URL", "[block_builder]") {
  auto blocks = blocks_of(R"(<p><a href="/root">root</a> text</p>)", "");
  REQUIRE(blocks.size() == 1);
  const Span* s = find_span(blocks[0], "root");
  REQUIRE(s != nullptr);
  CHECK(s->href == "/root");
}

TEST_CASE("blocks: formatting inside a link keeps the link", "[block_builder]") {
  auto blocks = blocks_of(R"(<p>Go <a href="/x"><strong>there</strong> now</a></p>)");
  REQUIRE(blocks.size() == 1);
  const Span* there = find_span(blocks[0], "there");
  REQUIRE(there != nullptr);
  CHECK(there->strong);
  CHECK(there->href == "https://example.com/x");
  const Span* now = find_span(blocks[0], "now");
  REQUIRE(now != nullptr);
  CHECK_FALSE(now->strong);
  CHECK(now->href == "https://example.com/x");
}

TEST_CASE("blocks: unordered and ordered lists", "[block_builder]") {
  auto blocks = blocks_of("<ul><li>Apples</li><li>Pears</li></ul><ol><li>First <strong>step</strong></li><li>Second</li></ol>");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].kind == BlockKind::kList);
  CHECK_FALSE(blocks[0].ordered);
  REQUIRE(blocks[0].items.size() == 2);
  CHECK(item_text(blocks[0].items[0]) == "Apples");
  CHECK(blocks[1].kind == BlockKind::kList);
  CHECK(blocks[1].ordered);
  REQUIRE(blocks[1].items.size() == 2);
  CHECK(item_text(blocks[1].items[0]) == "First step");
  CHECK(blocks[1].items[0].back().strong);
  CHECK(blocks[1].plain_text() == "First step\nSecond");
}

TEST_CASE("blocks: nested lists are flattened into the outer list in order", "[block_builder]") {
  auto blocks = blocks_of("<ul><li>Apples<ul><li>Cox</li><li>Bramley</li></ul></li><li>Pears</li></ul>");
  REQUIRE(blocks.size() == 1);
  REQUIRE(blocks[0].items.size() == 4);
  std::vector<std::string> items;
  for (const auto& item : blocks[0].items) items.push_back(item_text(item));
  CHECK(items == std::vector<std::string>{"Apples", "Cox", "Bramley", "Pears"});
}

TEST_CASE("blocks: list item links keep their hrefs", "[block_builder]") {
  auto blocks = blocks_of(R"(<ul><li><a href="a.html">Alpha</a></li><li>Beta</li></ul>)");
  REQUIRE(blocks.size() == 1);
  REQUIRE(blocks[0].items.size() == 2);
  CHECK(blocks[0].items[0][0].href == "https://example.com/blog/2024/a.html");
  CHECK(blocks[0].items[1][0].href.empty());
}

TEST_CASE("blocks: blockquote paragraphs become quote blocks", "[block_builder]") {
  auto blocks = blocks_of(
      "<p>Before.</p><blockquote><p>To be or not to be.</p><p>That is the question.</p></blockquote>"
      "<blockquote>Bare quote text</blockquote><p>After.</p>");
  REQUIRE(blocks.size() == 5);
  CHECK(blocks[0].kind == BlockKind::kParagraph);
  CHECK(blocks[1].kind == BlockKind::kQuote);
  CHECK(blocks[1].plain_text() == "To be or not to be.");
  CHECK(blocks[2].kind == BlockKind::kQuote);
  CHECK(blocks[3].kind == BlockKind::kQuote);
  CHECK(blocks[3].plain_text() == "Bare quote text");
  CHECK(blocks[4].kind == BlockKind::kParagraph);
}

TEST_CASE("blocks: pre keeps its whitespace and drops blank edge lines", "[block_builder]") {
  auto blocks = blocks_of(
      "<pre>\n\n    int main() {\n        return  0;\n    }\n\n</pre>"
      "<pre><code class=\"lang-py\">def f():\n\tpass</code></pre><pre>\n \n</pre>");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].kind == BlockKind::kCode);
  CHECK(blocks[0].code == "    int main() {\n        return  0;\n    }");
  CHECK(blocks[0].plain_text() == blocks[0].code);
  CHECK(blocks[1].kind == BlockKind::kCode);
  CHECK(blocks[1].code == "def f():\n\tpass");
}

TEST_CASE("blocks: a data table with a header row", "[block_builder]") {
  auto blocks = blocks_of(
      "<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr>"
      "<tr><td> Bob <b>Jr</b> </td><td>4</td></tr></table>");
  REQUIRE(blocks.size() == 1);
  const Block& t = blocks[0];
  CHECK(t.kind == BlockKind::kTable);
  CHECK(t.header_row);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == std::vector<std::string>{"Name", "Age"});
  CHECK(t.rows[2] == std::vector<std::string>{"Bob Jr", "4"});
  CHECK(t.plain_text() == "Name | Age\nAnn | 31\nBob Jr | 4");
}

TEST_CASE("blocks: table header in thead, and tables without a header row", "[block_builder]") {
  auto blocks = blocks_of(
      "<table><thead><tr><th>City</th><th>Pop</th></tr></thead><tbody><tr><td>Oslo</td><td>700k</td></tr></tbody></table>"
      "<table><tr><td>No</td><td>header</td></tr><tr><td>plain</td><td>row</td></tr></table>"
      "<table><tr><th>Key</th><td>Value</td></tr></table>");
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].header_row);
  CHECK(blocks[0].rows.size() == 2);
  CHECK_FALSE(blocks[1].header_row);
  CHECK(blocks[1].rows.size() == 2);
  // A row mixing th and td is a row of data with a label, not a header.
  CHECK_FALSE(blocks[2].header_row);
}

TEST_CASE("blocks: a layout table is read as a container", "[block_builder]") {
  auto blocks = blocks_of(
      "<table role=\"presentation\"><tr><td><h2>Pruning</h2><p>Cut in winter.</p></td>"
      "<td><p>Burn the cuttings.</p></td></tr></table>");
  for (const Block& b : blocks) CHECK(b.kind != BlockKind::kTable);
  CHECK(texts(blocks) == std::vector<std::string>{"Pruning", "Cut in winter.", "Burn the cuttings."});
}

TEST_CASE("blocks: a table with header cells is data even when a cell wraps its value in a <p>", "[block_builder]") {
  auto blocks = blocks_of(
      "<table><tr><th scope=\"row\">Weight</th><td>0.12 kg</td></tr>"
      "<tr><th scope=\"row\">Sizes</th><td><p>18 cm, 25 cm</p></td></tr></table>");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == BlockKind::kTable);
  CHECK(blocks[0].plain_text() == "Weight | 0.12 kg\nSizes | 18 cm, 25 cm");
}

TEST_CASE("blocks: an empty table yields no block", "[block_builder]") {
  CHECK(blocks_of("<table><tr><td> </td><td></td></tr></table>").empty());
}

TEST_CASE("blocks: images and empty elements produce nothing", "[block_builder]") {
  CHECK(blocks_of("<p><img src=\"a.png\" alt=\"A picture\"></p><div> \n </div><p></p>").empty());
}

TEST_CASE("blocks: no-break spaces inside text", "[block_builder]") {
  auto blocks = blocks_of("<p>10&nbsp;km away</p>");
  REQUIRE(blocks.size() == 1);
  // The words stay bound: the no-break space is not turned into a breaking one.
  CHECK(blocks[0].plain_text() == "10\xC2\xA0km away");
}

// Regression test, a bug found and fixed: block_builder.cc flush() says it drops "a trailing no-break
// space or two", but a spacer paragraph (<p>&nbsp;</p>, common in CMS output)
// becomes a paragraph block holding only U+00A0.
TEST_CASE("blocks: a paragraph of no-break spaces yields no block", "[block_builder]") {
  auto blocks = blocks_of(
      "<p>First.</p><p>&nbsp;</p><div>&nbsp;&nbsp;</div><p>&zwj;</p><p>&#8203; &#xFEFF;</p><p>Second.</p>");
  CHECK(texts(blocks) == std::vector<std::string>{"First.", "Second."});
}

TEST_CASE("blocks: junk subtrees are skipped", "[block_builder]") {
  Page page(
      "<html><body><p>Keep this.</p><div id=\"junk\"><p>Drop this.</p></div>"
      "<table><tr><th>A</th><th>B</th></tr><tr><td id=\"cell\">secret</td><td>2</td></tr></table></body></html>");
  page.tree.mark_junk(page.by_id("junk"));
  page.tree.mark_junk(page.by_id("cell"));
  auto blocks = winnow::clean::build_blocks(page.tree, {page.tree.body()}, kPageUrl);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].plain_text() == "Keep this.");
  CHECK(blocks[1].kind == BlockKind::kTable);
  CHECK(blocks[1].plain_text().find("secret") == std::string::npos);
}

TEST_CASE("blocks: several roots are read in the order given", "[block_builder]") {
  Page page("<html><body><div id=\"a\"><p>One.</p></div><div id=\"b\"><p>Two.</p></div>"
            "<div id=\"c\"><p>Three.</p></div></body></html>");
  auto blocks = winnow::clean::build_blocks(page.tree, {page.by_id("a"), page.by_id("c")}, kPageUrl);
  CHECK(texts(blocks) == std::vector<std::string>{"One.", "Three."});
}

TEST_CASE("blocks: very deep subtrees are still read", "[block_builder]") {
  std::string body;
  for (int i = 0; i < 1500; ++i) body += "<div>";
  body += "<p>bottom <b>text</b></p>";
  auto blocks = blocks_of(body);
  REQUIRE_FALSE(blocks.empty());
  std::string all;
  for (const Block& b : blocks) all += b.plain_text();
  CHECK(all.find("bottom") != std::string::npos);
  CHECK(all.find("text") != std::string::npos);
}

TEST_CASE("blocks: spaces between spans stay outside links and emphasis", "[block_builder]") {
  auto blocks = blocks_of(R"(<p>Read a <a href="/x">link here</a> and <b> bold </b>words.</p>)");
  REQUIRE(blocks.size() == 1);
  const auto& spans = blocks[0].spans;
  REQUIRE(spans.size() == 5);
  CHECK(spans[0].text == "Read a ");
  CHECK(spans[1].text == "link here");
  CHECK(spans[2].text == " and ");
  CHECK(spans[3].text == "bold");
  CHECK(spans[4].text == " words.");
}

TEST_CASE("blocks: a list of sections is read as a container, a loose list stays a list",
          "[block_builder]") {
  auto sections = blocks_of(
      "<ol><li><h2>First pick</h2><p>Why it wins.</p><p>What it costs.</p></li>"
      "<li><h2>Second pick</h2><p>Why it is second.</p></li></ol>");
  REQUIRE(sections.size() == 5);
  CHECK(sections[0].kind == BlockKind::kHeading);
  CHECK(sections[1].kind == BlockKind::kParagraph);
  CHECK(sections[3].plain_text() == "Second pick");

  auto loose = blocks_of("<ul><li><p>Apples</p></li><li><p>Pears</p></li></ul>");
  REQUIRE(loose.size() == 1);
  CHECK(loose[0].kind == BlockKind::kList);
  CHECK(loose[0].items.size() == 2);
}
