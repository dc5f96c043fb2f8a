// Hostile pages: super-linear inputs (attributes, stray close tags), terminal controls, script URLs in metadata, UTF-16 sniffing.
#include <catch2/catch.hpp>

#include <ctime>
#include <string>

#include "html/prescan.h"
#include "winnow/clean.h"

namespace {

using winnow::clean::clean_html;

// Time limits hold for optimised builds; sanitizers make everything several times slower.
#ifdef WINNOW_SANITIZED
constexpr double kSlowdown = 10;
#else
constexpr double kSlowdown = 1;
#endif

// CPU seconds, not wall: the bound is about the algorithm, and a busy machine must not fail it.
double seconds_to_clean(const std::string& page) {
  const std::clock_t start = std::clock();
  const auto article = clean_html(page);
  REQUIRE(article.ok());
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

std::string attributes(std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) list += " a" + std::to_string(i);
  return list;
}

std::size_t count_of(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

const std::string kProse =
    "The harbour board met on Tuesday and agreed, after a long debate, that the tide gauges would be replaced "
    "before the winter storms, and that the old records would be kept.";

std::string article_page(const std::string& head, const std::string& body) {
  return "<html><head>" + head + "</head><body><article>" + body + "<p>" + kProse + "</p></article></body></html>";
}

winnow::clean::Options page_at(const std::string& url) {
  winnow::clean::Options options;
  options.url = url;
  return options;
}

}  // namespace

TEST_CASE("an element's attributes are capped before parsing, the first ones kept", "[hostile][prescan]") {
  const std::string page = "<div id=main class=story" + attributes(1000) + ">x</div>";
  const std::string html = winnow::clean::prescan_html(page).html;
  CHECK(html.starts_with("<div id=main class=story a0 a1 "));
  CHECK(html.ends_with(">x</div>"));
  CHECK(count_of(html, " a") == 62);  // 64 kept: id, class and a0..a61
  // A tag under the cap is left byte for byte, quoted values with spaces included.
  const std::string normal = R"(<img src="a b.png" alt='x y' data-x = "1" hidden>)";
  CHECK(winnow::clean::prescan_html(normal).html == normal);
  // A self-closing tag stays self-closing; quoted values count as one attribute.
  std::string quoted;
  for (int i = 0; i < 100; ++i) quoted += " q" + std::to_string(i) + "=\"v w >\"";
  const std::string capped = winnow::clean::prescan_html("<br" + quoted + "/>").html;
  CHECK(capped.ends_with("/>"));
  CHECK(count_of(capped, "=\"v w >\"") == 64);
}

TEST_CASE("1,000,000 attributes on one element clean in under a second", "[hostile]") {
  const std::string page = article_page("<title>Harbour</title>", "<div" + attributes(1000000) + ">Hello</div>");
  REQUIRE(page.size() > 7'000'000);
  CHECK(seconds_to_clean(page) < 1.0 * kSlowdown);
  // The same in a raw-text element, which the prescan copies whole.
  const std::string title = article_page("<title" + attributes(200000) + ">Harbour</title>", "");
  CHECK(seconds_to_clean(title) < 1.0 * kSlowdown);
  const auto article = clean_html(title);
  REQUIRE(article.ok());
  CHECK(article.value().metadata.title == "Harbour");
}

TEST_CASE("stray close tags under a deep stack of open elements cost linear time", "[hostile]") {
  // 100,000 unclosed <div>s then 100,000 </span>s: each close tag used to search the whole stack.
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  for (int i = 0; i < 100000; ++i) page += "</span>";
  page += "<p>" + kProse + "</p></body></html>";
  CHECK(seconds_to_clean(page) < 1.0 * kSlowdown);
}

TEST_CASE("many classes, many siblings and huge attribute values stay fast", "[hostile]") {
  std::string classes = "<div class=\"";
  for (int i = 0; i < 200000; ++i) classes += "c" + std::to_string(i) + " ";
  CHECK(seconds_to_clean(article_page("", classes + "\">x</div>")) < 1.0 * kSlowdown);
  std::string siblings;
  for (int i = 0; i < 50000; ++i) siblings += "<div><a href=/x>link</a></div>";
  CHECK(seconds_to_clean(article_page("", siblings)) < 2.0 * kSlowdown);
  CHECK(seconds_to_clean(article_page("", "<div title=\"" + std::string(5'000'000, 'x') + "\">x</div>")) <
        1.0 * kSlowdown);
}

TEST_CASE("no control character other than tab and newline reaches the article", "[hostile]") {
  const std::string page = article_page(
      "<title>&#27;]0;PWNED&#7;Harbour</title><meta name=author content=\"Ann&#27;[31m Lee\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"description\":\"d\\u001b[2Jx\"}</script>",
      "<p>Body &#27;[2J text \x1b[1m and \x07 bell, &#155;31m C1, tab\there.</p><pre>code\x1b[0m\tline</pre>"
      "<ul><li>item&#8;</li></ul><table><tr><td>cell&#27;</td></tr></table>");
  const auto article = clean_html(page);
  REQUIRE(article.ok());
  for (const auto format : {winnow::clean::Format::kText, winnow::clean::Format::kMarkdown,
                            winnow::clean::Format::kHtml, winnow::clean::Format::kJson}) {
    const std::string out = winnow::clean::render(article.value(), format);
    INFO(out);
    for (char c : out) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t'));
    CHECK(out.find("\xC2\x9B") == std::string::npos);
  }
  CHECK(article.value().metadata.title == "]0;PWNEDHarbour");
  CHECK(article.value().metadata.description == "d[2Jx");
  CHECK(article.value().text().find("tab here") != std::string::npos);  // whitespace collapses as ever
  CHECK(article.value().text().find("C1,") != std::string::npos);
}

TEST_CASE("text input loses its control characters but keeps its lines", "[hostile]") {
  const std::string text = kProse + "\x1b]0;PWNED\x07\r\n" + kProse + "\rLast \x1b[2J" + kProse + "\n";
  const auto cleaned = winnow::clean::clean_text(text);
  REQUIRE(cleaned.ok());
  const std::string kept = cleaned.value().kept_text();
  for (char c : kept) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t'));
  REQUIRE(cleaned.value().verdicts.size() == 3);
  CHECK(cleaned.value().verdicts[2].line == 3);
  CHECK(cleaned.value().verdicts[2].text.starts_with("Last [2J"));
}

TEST_CASE("only http(s) URLs go into the article's URL fields", "[hostile][metadata]") {
  const std::string head =
      "<link rel=canonical href=\"javascript:alert(1)\"><meta property=og:url content=\"JaVaScRiPt:alert(2)\">"
      "<meta property=og:image content=\"javascript:alert(3)\"><link rel=image_src href=\"data:image/png,xx\">";
  auto article = clean_html(article_page(head, ""), page_at("https://example.com/news/a"));
  REQUIRE(article.ok());
  CHECK(article.value().metadata.canonical_url.empty());
  CHECK(article.value().metadata.image.empty());
  CHECK(article.value().url == "https://example.com/news/a");
  // Without a page URL nothing can come from the page itself either.
  article = clean_html(article_page(head, ""));
  REQUIRE(article.ok());
  CHECK(article.value().url.empty());
  // Relative and protocol-relative URLs are resolved against the page URL; a later good candidate is taken.
  article = clean_html(article_page("<link rel=canonical href=\"javascript:x\"><meta property=og:url content=\"/a\">"
                                    "<meta property=og:image content=\"//cdn.example.com/i.jpg\">",
                                    ""),
                       page_at("https://example.com/news/a?x=1"));
  REQUIRE(article.ok());
  CHECK(article.value().metadata.canonical_url == "https://example.com/a");
  CHECK(article.value().metadata.image == "https://cdn.example.com/i.jpg");
  // JSON-LD url and image too.
  article = clean_html(article_page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"url\":"
                                    "\"javascript:a\",\"image\":\"vbscript:b\"}</script>",
                                    ""),
                       page_at("https://example.com/b"));
  REQUIRE(article.ok());
  CHECK(article.value().metadata.canonical_url.empty());
  CHECK(article.value().metadata.image.empty());
}

TEST_CASE("UTF-16 pages with a byte-order mark are sniffed as HTML", "[hostile][sniff]") {
  const std::string page = "<html><body><p>" + kProse + "</p></body></html>";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char c : page) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  CHECK(winnow::clean::sniff_input_kind(le) == winnow::clean::InputKind::kHtml);
  CHECK(winnow::clean::sniff_input_kind(be) == winnow::clean::InputKind::kHtml);
  // Without a BOM, mostly-ASCII UTF-16 shows its NULs in every other byte.
  CHECK(winnow::clean::sniff_input_kind(le.substr(2)) == winnow::clean::InputKind::kHtml);
  // UTF-16 text stays text.
  std::string text = "\xFF\xFE";
  for (char c : kProse) {
    text += c;
    text += '\0';
  }
  CHECK(winnow::clean::sniff_input_kind(text) == winnow::clean::InputKind::kText);
}
