// Tests for Block/Article plain text, word counts, format names and the text, Markdown, HTML and JSON renderers.
#include <gumbo.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "render/internal.h"
#include "winnow/clean.h"

namespace {

using winnow::clean::Article;
using winnow::clean::Block;
using winnow::clean::BlockKind;
using winnow::clean::Format;
using winnow::clean::RenderOptions;
using winnow::clean::Span;

Span text_span(std::string text) { return Span{std::move(text), false, false, false, ""}; }

Span link_span(std::string text, std::string href) {
  return Span{std::move(text), false, false, false, std::move(href)};
}

Block paragraph(std::vector<Span> spans) {
  Block block;
  block.kind = BlockKind::kParagraph;
  block.spans = std::move(spans);
  return block;
}

Block paragraph(std::string text) { return paragraph(std::vector<Span>{text_span(std::move(text))}); }

Block heading(int level, std::string text) {
  Block block = paragraph(std::move(text));
  block.kind = BlockKind::kHeading;
  block.level = level;
  return block;
}

Block list(bool ordered, const std::vector<std::string>& items) {
  Block block;
  block.kind = BlockKind::kList;
  block.ordered = ordered;
  for (const std::string& item : items) block.items.push_back({text_span(item)});
  return block;
}

Block quote(std::string text) {
  Block block = paragraph(std::move(text));
  block.kind = BlockKind::kQuote;
  return block;
}

Block table(std::vector<std::vector<std::string>> rows, bool header_row) {
  Block block;
  block.kind = BlockKind::kTable;
  block.rows = std::move(rows);
  block.header_row = header_row;
  return block;
}

Block code(std::string text) {
  Block block;
  block.kind = BlockKind::kCode;
  block.code = std::move(text);
  return block;
}

// An article with one block of every kind and some of every formatting.
Article sample_article() {
  Article article;
  article.url = "https://example.com/post";
  article.metadata.title = "A Title";
  article.metadata.authors = {"Ann Author", "Bob Writer"};
  article.metadata.language = "en";
  article.metadata.description = "About things";
  article.blocks.push_back(heading(2, "Section"));
  Span strong = text_span("bold");
  strong.strong = true;
  Span em = text_span("italic");
  em.emphasis = true;
  Span mono = text_span("x = 1");
  mono.code = true;
  article.blocks.push_back(paragraph(
      {text_span("Some "), strong, text_span(" and "), em, text_span(" and "), mono, text_span(".")}));
  article.blocks.push_back(list(false, {"apple", "pear"}));
  article.blocks.push_back(list(true, {"first", "second"}));
  article.blocks.push_back(quote("Said someone."));
  article.blocks.push_back(table({{"Name", "Qty"}, {"bolts", "4"}}, true));
  article.blocks.push_back(code("int main() {\n  return 0;\n}\n"));
  return article;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Checks that every non-void tag is closed in order; returns the first problem or "".
std::string tag_balance_problem(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta", "br", "hr", "img", "link"};
  std::vector<std::string> stack;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    std::size_t close = html.find('>', i);
    if (close == std::string::npos) return "unterminated tag";
    std::string tag = html.substr(i + 1, close - i - 1);
    i = close + 1;
    if (tag.empty() || tag[0] == '!') continue;
    bool closing = tag[0] == '/';
    std::string name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find(' '));
    if (closing) {
      if (stack.empty() || stack.back() != name) return "unexpected </" + name + ">";
      stack.pop_back();
    } else if (std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      stack.push_back(name);
    }
  }
  return stack.empty() ? "" : "unclosed <" + stack.back() + ">";
}

struct HtmlFacts {
  int forbidden_elements = 0;  // script, style, iframe, object, embed
  int event_attributes = 0;    // on*
  int style_attributes = 0;
  std::vector<std::string> hrefs;
  std::string text;  // all text nodes, concatenated
};

void collect(const GumboNode* node, HtmlFacts& facts) {
  if (node->type == GUMBO_NODE_TEXT) {
    facts.text += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& element = node->v.element;
  GumboTag tag = element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_IFRAME ||
      tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_EMBED) {
    ++facts.forbidden_elements;
  }
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    std::string_view name = attribute->name;
    if (name.substr(0, 2) == "on") ++facts.event_attributes;
    if (name == "style") ++facts.style_attributes;
    if (name == "href") facts.hrefs.emplace_back(attribute->value);
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    collect(static_cast<const GumboNode*>(element.children.data[i]), facts);
  }
}

HtmlFacts html_facts(const std::string& html) {
  GumboOutput* output = gumbo_parse(html.c_str());
  HtmlFacts facts;
  collect(output->root, facts);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return facts;
}

}  // namespace

TEST_CASE("format names parse and map to extensions", "[render]") {
  using winnow::clean::format_extension;
  using winnow::clean::parse_format;
  CHECK(parse_format("text") == Format::kText);
  CHECK(parse_format("txt") == Format::kText);
  CHECK(parse_format("markdown") == Format::kMarkdown);
  CHECK(parse_format("md") == Format::kMarkdown);
  CHECK(parse_format("html") == Format::kHtml);
  CHECK(parse_format("json") == Format::kJson);
  CHECK(parse_format("JSON") == Format::kJson);
  CHECK_FALSE(parse_format("").has_value());
  CHECK_FALSE(parse_format("pdf").has_value());
  CHECK_FALSE(parse_format("jsonx").has_value());
  CHECK(format_extension(Format::kText) == "txt");
  CHECK(format_extension(Format::kMarkdown) == "md");
  CHECK(format_extension(Format::kHtml) == "html");
  CHECK(format_extension(Format::kJson) == "json");
  for (Format format : {Format::kText, Format::kMarkdown, Format::kHtml, Format::kJson}) {
    CHECK(parse_format(format_extension(format)) == format);
  }
}

TEST_CASE("plain text of each block kind", "[render]") {
  CHECK(paragraph({text_span("Hello "), text_span("world")}).plain_text() == "Hello world");
  CHECK(list(false, {"a", "b", "c"}).plain_text() == "a\nb\nc");
  CHECK(list(false, {"a", "", "c"}).plain_text() == "a\nc");
  CHECK(table({{"x", "y"}, {"1", "2"}}, true).plain_text() == "x | y\n1 | 2");
  CHECK(code("  indented\n\ttab\n").plain_text() == "  indented\n\ttab\n");

  Article article;
  article.blocks = {heading(2, "Head"), paragraph(""), paragraph("Body.")};
  CHECK(article.text() == "Head\n\nBody.");
  CHECK(Article{}.text().empty());
}

TEST_CASE("word_count counts runs of letters and digits", "[render]") {
  Article article;
  article.blocks = {paragraph("Hello, world! It's 2024... ok?")};
  CHECK(article.word_count() == 6);  // Hello world It s 2024 ok

  article.blocks = {paragraph("Ça va très bien — 日本語 テキスト")};
  // The em dash (General Punctuation) separates words and is none itself.
  CHECK(article.word_count() == 6);

  article.blocks = {paragraph("10\u00a0km")};
  CHECK(article.word_count() == 2);  // a no-break space separates words too

  article.blocks = {paragraph({text_span("foo"), text_span("bar")})};
  CHECK(article.word_count() == 1);  // spans carry their own spaces

  article.blocks = {paragraph("end"), paragraph("start"), list(false, {"a", "b"}),
                    table({{"c", "d"}}, false), code("x=y")};
  CHECK(article.word_count() == 8);
  CHECK(Article{}.word_count() == 0);
}

TEST_CASE("text rendering: title, blank line, blocks separated by blank lines", "[render]") {
  Article article = sample_article();
  std::string out = winnow::clean::render(article, Format::kText);
  REQUIRE(out.size() > 2);
  CHECK(out.back() == '\n');
  CHECK(out[out.size() - 2] != '\n');
  std::vector<std::string> lines = lines_of(out);
  CHECK(lines[0] == "A Title");
  CHECK(lines[1].empty());
  CHECK(lines[2] == "Section");
  CHECK(lines[3].empty());
  CHECK(lines[4] == "Some bold and italic and x = 1.");
  CHECK(contains(out, "\n\n- apple\n- pear\n\n"));
  CHECK(contains(out, "\n\n1. first\n2. second\n\n"));
  CHECK(contains(out, "\n\nName | Qty\nbolts | 4\n\n"));
  CHECK(contains(out, "\n\nint main() {\n  return 0;\n}\n"));
  CHECK_FALSE(contains(out, "\n\n\n"));

  article.metadata.title.clear();
  CHECK(winnow::clean::render_text(article).rfind("Section\n\n", 0) == 0);
  article.blocks = {table({{"a", "", ""}, {"", ""}, {"", "b"}}, false), list(true, {"x", " ", "y"})};
  CHECK(winnow::clean::render_text(article) == "a\n | b\n\n1. x\n2. y\n");
  CHECK(winnow::clean::render_text(Article{}).empty());
}

TEST_CASE("markdown rendering of each block kind", "[render]") {
  std::string out = winnow::clean::render(sample_article(), Format::kMarkdown);
  CHECK(out.rfind("# A Title\n\n", 0) == 0);
  CHECK(contains(out, "\n\n## Section\n\n"));
  CHECK(contains(out, "Some **bold** and *italic* and `x = 1`."));
  CHECK(contains(out, "\n\n- apple\n- pear\n\n"));
  CHECK(contains(out, "\n\n1. first\n2. second\n\n"));
  CHECK(contains(out, "\n\n> Said someone.\n\n"));
  CHECK(contains(out, "| Name | Qty |\n| --- | --- |\n| bolts | 4 |"));
  CHECK(contains(out, "\n\n```\nint main() {\n  return 0;\n}\n```\n"));
  CHECK(out.back() == '\n');
  CHECK_FALSE(contains(out, "\n\n\n"));
}

TEST_CASE("markdown keeps formatting markers next to the words", "[render]") {
  Article article;
  Span strong = text_span(" spaced ");
  strong.strong = true;
  article.blocks = {paragraph({text_span("a"), strong, text_span("b")})};
  std::string out = winnow::clean::render_markdown(article, {});
  CHECK(out == "a **spaced** b\n");
}

TEST_CASE("markdown code uses fences longer than any backtick run inside", "[render]") {
  Article article;
  article.blocks = {code("echo ```\nfoo ````\n")};
  std::string out = winnow::clean::render_markdown(article, {});
  CHECK(out.rfind("`````\n", 0) == 0);
  CHECK(contains(out, "\n`````\n"));

  Span inline_code = text_span("a`b");
  inline_code.code = true;
  article.blocks = {paragraph({inline_code})};
  CHECK(winnow::clean::render_markdown(article, {}) == "``a`b``\n");
}

TEST_CASE("markdown escapes text that would change meaning", "[render]") {
  auto render_paragraph = [](std::string text) {
    Article article;
    article.blocks = {paragraph(std::move(text))};
    std::string out = winnow::clean::render_markdown(article, {});
    if (!out.empty()) out.pop_back();
    return out;
  };
  CHECK(render_paragraph("# not a heading") == "\\# not a heading");
  CHECK(render_paragraph("> not a quote") == "\\> not a quote");
  CHECK(render_paragraph("- not a list") == "\\- not a list");
  CHECK(render_paragraph("+ not a list") == "\\+ not a list");
  CHECK(render_paragraph("1999. A year") == "1999\\. A year");
  CHECK(render_paragraph("a *star* and _under_ and `tick`") ==
        "a \\*star\\* and \\_under\\_ and \\`tick\\`");
  CHECK(render_paragraph("[not](a link)") == "\\[not\\](a link)");
  CHECK(render_paragraph("<script>x</script>") == "\\<script>x\\</script>");
  CHECK(render_paragraph("&copy; but AT&T") == "\\&copy; but AT&T");
  // Ordinary prose passes through untouched.
  CHECK(render_paragraph("It costs 5 - 3 = 2 dollars, (really) #1!") ==
        "It costs 5 - 3 = 2 dollars, (really) #1!");

  Article article;
  article.blocks = {heading(2, "Issue #")};
  CHECK(winnow::clean::render_markdown(article, {}) == "## Issue \\#\n");
  article.blocks = {table({{"a|b", "c"}}, false)};
  CHECK(contains(winnow::clean::render_markdown(article, {}), "| a\\|b | c |"));
}

TEST_CASE("markdown links only when asked and only for safe schemes", "[render]") {
  Article article;
  article.blocks = {paragraph({text_span("See "), link_span("the docs", "https://ex.com/a b(1)"),
                               text_span(" or "), link_span("this", "javascript:alert(1)")})};
  std::string without = winnow::clean::render_markdown(article, {});
  CHECK(without == "See the docs or this\n");
  std::string with = winnow::clean::render_markdown(article, RenderOptions{true});
  CHECK(contains(with, "[the docs](https://ex.com/a%20b\\(1\\))"));
  CHECK_FALSE(contains(with, "javascript"));
  CHECK(contains(with, " or this"));
}

TEST_CASE("html rendering escapes text and drops unsafe links", "[render]") {
  Article article = sample_article();
  article.metadata.title = "Tom & \"Jerry\" <b>";
  article.blocks.push_back(paragraph("<script>alert('x')</script>"));
  article.blocks.push_back(paragraph({link_span("bad", "javascript:alert(1)"),
                                      link_span("data", "data:text/html,<script>"),
                                      text_span(" "), link_span("good", "https://ex.com/?a=1&b=2"),
                                      link_span("mail", "mailto:a@ex.com")}));
  std::string out = winnow::clean::render(article, Format::kHtml, RenderOptions{true});
  CHECK(out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(out, "<html lang=\"en\">"));
  CHECK(contains(out, "<meta charset=\"utf-8\">"));
  CHECK(contains(out, "<title>Tom &amp; &quot;Jerry&quot; &lt;b&gt;</title>"));
  CHECK(contains(out, "<meta name=\"author\" content=\"Ann Author, Bob Writer\">"));
  CHECK(contains(out, "<meta name=\"description\" content=\"About things\">"));
  CHECK(contains(out, "<h1>Tom &amp; &quot;Jerry&quot; &lt;b&gt;</h1>"));
  CHECK(contains(out, "<h2>Section</h2>"));
  CHECK(contains(out, "<strong>bold</strong>"));
  CHECK(contains(out, "<em>italic</em>"));
  CHECK(contains(out, "<code>x = 1</code>"));
  CHECK(contains(out, "<ul>\n<li>apple</li>\n<li>pear</li>\n</ul>"));
  CHECK(contains(out, "<ol>\n<li>first</li>"));
  CHECK(contains(out, "<blockquote>"));
  CHECK(contains(out, "<thead>\n<tr><th>Name</th><th>Qty</th></tr>\n</thead>"));
  CHECK(contains(out, "<tbody>\n<tr><td>bolts</td><td>4</td></tr>"));
  CHECK(contains(out, "<pre><code>int main() {"));
  CHECK(contains(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  CHECK_FALSE(contains(out, "<script"));
  CHECK_FALSE(contains(out, "javascript"));
  CHECK(tag_balance_problem(out).empty());

  HtmlFacts facts = html_facts(out);
  CHECK(facts.forbidden_elements == 0);
  CHECK(facts.event_attributes == 0);
  CHECK(facts.style_attributes == 0);
  CHECK(facts.hrefs == std::vector<std::string>{"https://ex.com/?a=1&b=2", "mailto:a@ex.com"});
  CHECK(contains(facts.text, "<script>alert('x')</script>"));
  CHECK(contains(facts.text, "bad"));  // the unsafe link's text stays, as text

  std::string no_links = winnow::clean::render_html(article, {});
  CHECK_FALSE(contains(no_links, "<a "));
  CHECK(html_facts(no_links).hrefs.empty());
  CHECK(tag_balance_problem(no_links).empty());
}

TEST_CASE("html of an empty article is still a complete document", "[render]") {
  std::string out = winnow::clean::render_html(Article{}, {});
  CHECK(tag_balance_problem(out).empty());
  CHECK(contains(out, "<title></title>"));
  CHECK_FALSE(contains(out, "<h1>"));
  CHECK_FALSE(contains(out, "lang="));
}

TEST_CASE("json has every key with a consistent type and round-trips", "[render]") {
  Article article = sample_article();
  article.warnings = {"short article"};
  std::string out = winnow::clean::render(article, Format::kJson);
  CHECK(out == winnow::clean::render_json(article));
  REQUIRE_FALSE(out.empty());
  CHECK(out.back() != '\n');
  nlohmann::json json = nlohmann::json::parse(out);
  for (const char* key : {"url", "title", "published", "modified", "site_name", "language",
                          "description", "canonical_url", "image", "text"}) {
    INFO(key);
    REQUIRE(json.contains(key));
    CHECK(json[key].is_string());
  }
  CHECK(json["url"] == article.url);
  CHECK(json["title"] == "A Title");
  CHECK(json["authors"] == nlohmann::json::array({"Ann Author", "Bob Writer"}));
  CHECK(json["text"] == article.text());
  CHECK(json["word_count"].is_number_unsigned());
  CHECK(json["word_count"] == article.word_count());
  CHECK(json["warnings"] == nlohmann::json::array({"short article"}));

  nlohmann::json empty = nlohmann::json::parse(winnow::clean::render_json(Article{}));
  CHECK(empty.size() == json.size());
  CHECK(empty["authors"].is_array());
  CHECK(empty["warnings"].is_array());
  CHECK(empty["published"] == "");
  CHECK(empty["word_count"] == 0);
}

TEST_CASE("json never throws on invalid UTF-8", "[render]") {
  Article article;
  article.metadata.title = "bad \xff\xfe byte";
  article.blocks = {paragraph("caf\xc3")};
  std::string out;
  REQUIRE_NOTHROW(out = winnow::clean::render_json(article));
  nlohmann::json json = nlohmann::json::parse(out);
  CHECK(json["title"].get<std::string>().rfind("bad ", 0) == 0);
}
