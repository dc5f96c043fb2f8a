// Tests for page metadata: JSON-LD, OpenGraph, Twitter, <meta>, <time>, titles, dates and URL resolution.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "meta/dates.h"
#include "html/dom.h"
#include "meta/json_ld.h"
#include "meta/metadata.h"
#include "html/prescan.h"
#include "meta/url.h"

using winnow::clean::Metadata;

namespace {

Metadata metadata_of(const std::string& html, std::string_view url = {}) {
  winnow::clean::Prescanned page = winnow::clean::prescan_html(html);
  winnow::clean::GumboDocument document = winnow::clean::parse_html(page.html);
  return winnow::clean::extract_metadata(document->document, page.json_ld, url);
}

std::string ld_script(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

std::string page(const std::string& head, const std::string& body = "<p>text</p>") {
  return "<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

}  // namespace

TEST_CASE("JSON-LD article alone fills every field", "[metadata]") {
  std::string json = R"({
    "@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "  Rivers   rise &amp; fall ",
    "author": [{"@type": "Person", "name": "Ana Silva"}, "Bo Chen"],
    "datePublished": "2019-11-19T14:30:00+01:00", "dateModified": "2019-11-20 08:00:00",
    "publisher": {"@type": "Organization", "name": "Daily River"},
    "description": "How rivers &#8217;behave&#8217;.", "inLanguage": "pt-BR",
    "image": {"@type": "ImageObject", "url": "https://cdn.example/r.jpg"},
    "mainEntityOfPage": {"@id": "https://example.com/rivers"}})";
  Metadata m = metadata_of(page(ld_script(json)));
  CHECK(m.title == "Rivers rise & fall");
  CHECK(m.authors == std::vector<std::string>{"Ana Silva", "Bo Chen"});
  CHECK(m.published == "2019-11-19T14:30:00+01:00");
  CHECK(m.modified == "2019-11-20T08:00:00");
  CHECK(m.site_name == "Daily River");
  CHECK(m.description == "How rivers \u2019behave\u2019.");
  CHECK(m.language == "pt-BR");
  CHECK(m.image == "https://cdn.example/r.jpg");
  CHECK(m.canonical_url == "https://example.com/rivers");
}

TEST_CASE("JSON-LD @graph with @id references, as Yoast writes it", "[metadata]") {
  std::string json = R"({"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "@id": "https://ex.org/#website", "name": "Ex Org"},
    {"@type": "WebPage", "@id": "https://ex.org/p/#webpage", "name": "Page name - Ex Org",
     "description": "Page description", "inLanguage": "en-GB", "datePublished": "2001-01-01"},
    {"@type": "Person", "@id": "https://ex.org/#/person/1", "name": "Dee Writer"},
    {"@type": "Organization", "@id": "https://ex.org/#org", "name": "Ex Org Ltd"},
    {"@type": ["Article", "CreativeWork"], "headline": "The real headline",
     "author": {"@id": "https://ex.org/#/person/1"}, "publisher": {"@id": "https://ex.org/#org"},
     "datePublished": "2020-02-29T10:00:00Z", "image": {"@id": "https://ex.org/#img"}},
    {"@type": "ImageObject", "@id": "https://ex.org/#img", "contentUrl": "https://ex.org/i.png"}
  ]})";
  Metadata m = metadata_of(page(ld_script(json)));
  CHECK(m.title == "The real headline");
  CHECK(m.authors == std::vector<std::string>{"Dee Writer"});
  CHECK(m.site_name == "Ex Org Ltd");
  CHECK(m.published == "2020-02-29T10:00:00Z");  // the article's date, not the WebPage's
  CHECK(m.description == "Page description");     // gap filled from the WebPage
  CHECK(m.language == "en-GB");
  CHECK(m.image == "https://ex.org/i.png");
}

TEST_CASE("JSON-LD prefers an article over a WebPage and reads arrays and prefixed types", "[metadata]") {
  std::string web_page = R"({"@type": "WebPage", "name": "Listing"})";
  std::string article = R"([{"@type": "BreadcrumbList"}, {"@type": "schema:BlogPosting", "name": "Post name"}])";
  Metadata m = metadata_of(page(ld_script(web_page) + ld_script(article)));
  CHECK(m.title == "Post name");

  Metadata only_page = metadata_of(page(ld_script(web_page)));
  CHECK(only_page.title == "Listing");

  Metadata site_only = metadata_of(page(ld_script(R"({"@type": "WebSite", "name": "Just A Site"})")));
  CHECK(site_only.site_name == "Just A Site");
  CHECK(site_only.title.empty());
}

TEST_CASE("JSON-LD author forms", "[metadata]") {
  auto authors_of = [](const std::string& author_json) {
    return metadata_of(page(ld_script(R"({"@type": "Article", "headline": "h", "author": )" +
                                      author_json + "}")))
        .authors;
  };
  CHECK(authors_of(R"("Jo Bloggs")") == std::vector<std::string>{"Jo Bloggs"});
  CHECK(authors_of(R"({"name": "Jo Bloggs", "url": "https://x/jo"})") == std::vector<std::string>{"Jo Bloggs"});
  CHECK(authors_of(R"([{"name": "A One"}, "B Two", {"name": "a one"}])") ==
        std::vector<std::string>{"A One", "B Two"});
  CHECK(authors_of(R"(["https://facebook.com/jo", "By Jo Bloggs"])") == std::vector<std::string>{"Jo Bloggs"});
  CHECK(authors_of(R"({"givenName": "Jo", "familyName": "Bloggs"})") == std::vector<std::string>{"Jo Bloggs"});
  CHECK(authors_of(R"(42)").empty());
}

TEST_CASE("malformed JSON-LD is ignored, sloppy JSON-LD is read", "[metadata]") {
  std::string og = R"(<meta property="og:title" content="From OpenGraph">)";
  CHECK(metadata_of(page(ld_script(R"({"@type": "Article", "headline": )") + og)).title == "From OpenGraph");
  CHECK(metadata_of(page(ld_script("not json at all") + og)).title == "From OpenGraph");
  CHECK(metadata_of(page(ld_script("") + og)).title == "From OpenGraph");

  auto headline_of = [](const std::string& body) {
    winnow::clean::JsonLd ld = winnow::clean::read_json_ld({body});
    return ld.title;
  };
  CHECK(headline_of(R"({"@type": "Article", "headline": "Semi"};)") == "Semi");
  CHECK(headline_of("<!--\n{\"@type\": \"Article\", \"headline\": \"Commented\"}\n-->") == "Commented");
  CHECK(headline_of("//<![CDATA[\n{\"@type\": \"Article\", \"headline\": \"Cdata\"}\n//]]>") == "Cdata");
  CHECK(headline_of("{\"@type\": \"Article\", \"headline\": \"Two\nlines\tand tab\"}") == "Two lines and tab");
  CHECK(headline_of(R"({"@type": "Article", "headline": "It\'s escaped"})") == "It's escaped");
  CHECK(headline_of(R"({"@type": "Article", /* note */ "headline": "With comment"})") == "With comment");
  CHECK(headline_of(R"({"@type": "Article", "headline": "<em>Tagged</em> text"})") == "Tagged text");
}

TEST_CASE("absurdly nested JSON-LD is skipped without exhausting the stack", "[metadata]") {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  std::string graph;
  for (int i = 0; i < 20000; ++i) graph += R"({"@type": "Article", "headline": "deep", "@graph": )";
  graph += "1" + std::string(20000, '}');
  winnow::clean::JsonLd ld = winnow::clean::read_json_ld({deep, graph, R"({"@type": "Article", "headline": "ok"})"});
  CHECK(ld.title == "ok");
}

TEST_CASE("HTML entities in JSON-LD strings are decoded", "[metadata]") {
  using winnow::clean::decode_html_entities;
  CHECK(decode_html_entities("Tom &amp; Jerry") == "Tom & Jerry");
  CHECK(decode_html_entities("&quot;q&quot; &#39;s&#39;") == "\"q\" 's'");
  CHECK(decode_html_entities("it&#8217;s &#x2014; caf&eacute;") == "it\u2019s \u2014 caf\u00e9");
  CHECK(decode_html_entities("&unknown; & &#xZZ; &") == "&unknown; & &#xZZ; &");
  CHECK(decode_html_entities("&#0;") == "\uFFFD");
}

TEST_CASE("OpenGraph and article:* alone", "[metadata]") {
  std::string head = R"(
    <meta property="og:title" content="OG headline">
    <meta property="og:site_name" content="OG Site">
    <meta property="og:description" content="OG   description">
    <meta property="og:image" content="/img/a.jpg">
    <meta property="og:url" content="https://example.com/story">
    <meta property="og:locale" content="en_US">
    <meta property="article:published_time" content="2021-03-04T05:06:07+0000">
    <meta property="article:modified_time" content="2021-03-05">
    <meta property="article:author" content="https://www.facebook.com/someone">
    <meta property="article:author" content="Cy Writer">)";
  Metadata m = metadata_of(page(head), "https://example.com/section/page.html");
  CHECK(m.title == "OG headline");
  CHECK(m.site_name == "OG Site");
  CHECK(m.description == "OG description");
  CHECK(m.image == "https://example.com/img/a.jpg");
  CHECK(m.canonical_url == "https://example.com/story");
  CHECK(m.language == "en-US");
  CHECK(m.published == "2021-03-04T05:06:07+00:00");
  CHECK(m.modified == "2021-03-05");
  CHECK(m.authors == std::vector<std::string>{"Cy Writer"});
}

TEST_CASE("Twitter card alone: twitter:creator is not an author", "[metadata]") {
  std::string head = R"(
    <meta name="twitter:title" content="Tweet title">
    <meta name="twitter:description" content="Tweet description">
    <meta name="twitter:image" content="https://img.example/t.png">
    <meta name="twitter:creator" content="@someone">)";
  Metadata m = metadata_of(page(head));
  CHECK(m.title == "Tweet title");
  CHECK(m.description == "Tweet description");
  CHECK(m.image == "https://img.example/t.png");
  CHECK(m.authors.empty());
}

TEST_CASE("plain <meta name> tags and microdata", "[metadata]") {
  std::string head = R"(
    <meta name="author" content="By Dana Scully">
    <meta name="description" content="Plain description">
    <meta name="dc.title" content="DC title">)";
  Metadata m = metadata_of(page(head));
  CHECK(m.authors == std::vector<std::string>{"Dana Scully"});
  CHECK(m.description == "Plain description");
  CHECK(m.title == "DC title");

  const char* date_keys[] = {"date", "pubdate", "publish-date", "publishdate", "dc.date", "dc.date.issued",
                             "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
                             "DC.Date"};
  for (const char* key : date_keys) {
    INFO(key);
    std::string html = page(std::string("<meta name=\"") + key + "\" content=\"2018/07/06\">");
    CHECK(metadata_of(html).published == "2018-07-06");
  }

  std::string body = R"(<article>
    <h1 itemprop="headline">Micro headline</h1>
    <span itemprop="author" itemscope><a href="/a/x"><span itemprop="name">Eve Micro</span></a></span>
    <meta itemprop="datePublished" content="2017-01-02">
    <span itemprop="dateModified">January 3, 2017</span></article>)";
  Metadata micro = metadata_of(page("", body));
  CHECK(micro.title == "Micro headline");
  CHECK(micro.authors == std::vector<std::string>{"Eve Micro"});
  CHECK(micro.published == "2017-01-02");
  CHECK(micro.modified == "2017-01-03");
}

TEST_CASE("<time> is the last resort for the publication date", "[metadata]") {
  CHECK(metadata_of(page("", R"(<time datetime="2016-05-04">May 4</time>)")).published == "2016-05-04");
  CHECK(metadata_of(page("", R"(<time datetime="2016-05-04"></time><time class="entry-published"
                                  datetime="2015-01-02T03:04:05Z"></time>)"))
            .published == "2015-01-02T03:04:05Z");
  CHECK(metadata_of(page("", R"(<time pubdate>12 March 2014</time>)")).published == "2014-03-12");
  CHECK(metadata_of(page("", R"(<time datetime="garbage"></time><time datetime="2013-01-01"></time>)"))
            .published == "2013-01-01");
  CHECK(metadata_of(page(R"(<meta name="date" content="2012-12-12">)",
                         R"(<time datetime="2016-05-04"></time>)"))
            .published == "2012-12-12");
}

TEST_CASE("precedence when sources disagree", "[metadata]") {
  std::string all_tags = R"(
    <title>Title element</title>
    <meta property="og:title" content="OG title">
    <meta name="twitter:title" content="Twitter title">
    <meta name="dc.title" content="Meta title">
    <meta property="og:description" content="OG description">
    <meta name="twitter:description" content="Twitter description">
    <meta name="description" content="Meta description">
    <meta property="og:image" content="https://x/og.png">
    <meta name="twitter:image" content="https://x/tw.png">
    <meta property="article:published_time" content="2020-01-01">
    <meta name="date" content="2019-01-01">
    <meta property="article:author" content="OG Author">
    <meta name="author" content="Meta Author">
    <meta property="og:site_name" content="OG Site">)";
  std::string json = ld_script(R"({"@type": "Article", "headline": "LD title", "description": "LD description",
      "image": "https://x/ld.png", "datePublished": "2021-01-01", "author": "LD Author",
      "publisher": {"name": "LD Site"}})");

  Metadata with_ld = metadata_of(page(json + all_tags, "<time datetime=\"2018-01-01\"></time>"));
  CHECK(with_ld.title == "LD title");
  CHECK(with_ld.description == "LD description");
  CHECK(with_ld.image == "https://x/ld.png");
  CHECK(with_ld.published == "2021-01-01");
  CHECK(with_ld.authors == std::vector<std::string>{"LD Author"});
  CHECK(with_ld.site_name == "LD Site");

  Metadata without_ld = metadata_of(page(all_tags, "<time datetime=\"2018-01-01\"></time>"));
  CHECK(without_ld.title == "OG title");
  CHECK(without_ld.description == "OG description");
  CHECK(without_ld.image == "https://x/og.png");
  CHECK(without_ld.published == "2020-01-01");
  CHECK(without_ld.authors == std::vector<std::string>{"OG Author"});
  CHECK(without_ld.site_name == "OG Site");

  Metadata twitter_over_meta = metadata_of(page(R"(
    <title>Title element</title><meta name="twitter:title" content="Twitter title">
    <meta name="twitter:description" content="Twitter description">
    <meta name="description" content="Meta description">)"));
  CHECK(twitter_over_meta.title == "Twitter title");
  CHECK(twitter_over_meta.description == "Twitter description");

  // An unparseable higher-precedence date does not hide a good lower one.
  Metadata bad_ld_date = metadata_of(page(ld_script(R"({"@type": "Article", "datePublished": "soon"})") +
                                          R"(<meta property="article:published_time" content="2020-01-01">)"));
  CHECK(bad_ld_date.published == "2020-01-01");
}

TEST_CASE("<title> loses its site-name suffix", "[metadata]") {
  auto title_of = [](const std::string& head, const std::string& body = "") {
    return metadata_of(page(head, body)).title;
  };
  CHECK(title_of("<title>Big news | Example Times</title><meta property=\"og:site_name\" content=\"example times\">") ==
        "Big news");
  CHECK(title_of("<title>Example Times :: Big news</title><meta property=\"og:site_name\" content=\"Example Times\">") ==
        "Big news");
  CHECK(title_of("<title>A long headline about rivers and floods \u2014 River Post</title>") ==
        "A long headline about rivers and floods");
  CHECK(title_of("<title>A long headline about rivers and floods \u2013 Site</title>") ==
        "A long headline about rivers and floods");
  // A suffix of many words, or a short head, is probably part of the title.
  CHECK(title_of("<title>War and peace - a story told in seven long words</title>") ==
        "War and peace - a story told in seven long words");
  CHECK(title_of("<title>Rust - Part two</title>") == "Rust - Part two");
  CHECK(title_of("<title>No separator here</title>") == "No separator here");
  // og:title only loses a suffix equal to the site name.
  CHECK(title_of("<meta property=\"og:title\" content=\"Big news: the long story - Weekly\">") ==
        "Big news: the long story - Weekly");
  CHECK(title_of("<meta property=\"og:title\" content=\"Big news - Weekly\"><meta property=\"og:site_name\" content=\"Weekly\">") ==
        "Big news");
  // An <h1> that the title merely extends is preferred.
  CHECK(title_of("<title>Short - Section - Some Site Name Here Long</title>", "<h1>Short</h1>") == "Short");
  CHECK(title_of("", "<h1>Only a heading</h1>") == "Only a heading");
}

TEST_CASE("canonical URL: link, then og:url, then JSON-LD, resolved against the page", "[metadata]") {
  std::string base = "https://news.example/a/b/page.html?x=1";
  CHECK(metadata_of(page("<link rel=\"canonical\" href=\"/story/1\">"), base).canonical_url ==
        "https://news.example/story/1");
  CHECK(metadata_of(page("<link rel=\"Canonical\" href=\"../c\">"), base).canonical_url ==
        "https://news.example/a/c");
  CHECK(metadata_of(page("<link rel=\"canonical\" href=\"https://other.example/x\">"
                         "<meta property=\"og:url\" content=\"https://og.example/x\">"),
                    base)
            .canonical_url == "https://other.example/x");
  CHECK(metadata_of(page("<meta property=\"og:url\" content=\"https://og.example/x\">" +
                         ld_script(R"({"@type": "Article", "url": "https://ld.example/x"})")),
                    base)
            .canonical_url == "https://og.example/x");
  CHECK(metadata_of(page(ld_script(R"({"@type": "Article", "mainEntityOfPage": "https://ld.example/y"})")), base)
            .canonical_url == "https://ld.example/y");
  // A relative canonical with no page URL cannot be made absolute.
  CHECK(metadata_of(page("<link rel=\"canonical\" href=\"/story/1\">")).canonical_url.empty());
}

TEST_CASE("language: <html lang>, then og:locale, then JSON-LD", "[metadata]") {
  auto language_of = [](const std::string& html) { return metadata_of(html).language; };
  CHECK(language_of("<html lang=\"fr\"><head><meta property=\"og:locale\" content=\"en_US\"></head></html>") == "fr");
  CHECK(language_of("<html><head><meta property=\"og:locale\" content=\"en_US\"></head></html>") == "en-US");
  CHECK(language_of("<html lang=\"EN-gb\"></html>") == "en-GB");
  CHECK(language_of("<html lang=\"zh-hant-tw\"></html>") == "zh-Hant-TW");
  CHECK(language_of("<html lang=\"English\"><head><meta property=\"og:locale\" content=\"de_DE\"></head></html>") ==
        "de-DE");
  CHECK(language_of("<html>" + ld_script(R"({"@type": "Article", "inLanguage": "es"})") + "</html>") == "es");
  CHECK(language_of("<html><head><meta http-equiv=\"Content-Language\" content=\"nl, en\"></head></html>") == "nl");
  CHECK(language_of("<html></html>").empty());
}

TEST_CASE("an empty page or a null root yields empty metadata", "[metadata]") {
  Metadata m = metadata_of("");
  CHECK(m.title.empty());
  CHECK(m.authors.empty());
  CHECK(m.published.empty());
  Metadata null_root = winnow::clean::extract_metadata(nullptr, {}, "https://x.example/");
  CHECK(null_root.canonical_url.empty());

  // The html element itself works as root, too.
  winnow::clean::GumboDocument document =
      winnow::clean::parse_html("<html lang=\"it\"><head><title>Ciao</title></head></html>");
  Metadata from_html = winnow::clean::extract_metadata(document->root, {}, {});
  CHECK(from_html.language == "it");
  CHECK(from_html.title == "Ciao");
}

TEST_CASE("dates are normalised to ISO 8601", "[metadata]") {
  struct Row {
    const char* in;
    const char* out;
  };
  const Row rows[] = {
      {"2019-11-19", "2019-11-19"},
      {"2019-11-19T14:30:00Z", "2019-11-19T14:30:00Z"},
      {"2019-11-19T14:30:00+01:00", "2019-11-19T14:30:00+01:00"},
      {"2019-11-19T14:30:00.123-0500", "2019-11-19T14:30:00-05:00"},
      {"2019-11-19T14:30Z", "2019-11-19T14:30:00Z"},
      {"2019-11-19 14:30:00", "2019-11-19T14:30:00"},
      {"2019-11-19 14:30:00 +0000", "2019-11-19T14:30:00+00:00"},
      {"  2019-11-19 14:30:00 UTC ", "2019-11-19T14:30:00Z"},
      {"2019/11/19", "2019-11-19"},
      {"2019.1.9", "2019-01-09"},
      {"20191119", "2019-11-19"},
      {"20191119T1430Z", "2019-11-19T14:30:00Z"},
      {"Tue, 19 Nov 2019 14:30:00 GMT", "2019-11-19T14:30:00Z"},
      {"Tue, 19 Nov 2019 14:30:00 +0100", "2019-11-19T14:30:00+01:00"},
      {"Tue, 19 Nov 2019 09:30:00 EST", "2019-11-19T09:30:00-05:00"},
      {"November 19, 2019", "2019-11-19"},
      {"Nov. 19th, 2019", "2019-11-19"},
      {"19 November 2019", "2019-11-19"},
      {"Sept 1 2020", "2020-09-01"},
      {"Published on November 19, 2019 at 2:30 pm", "2019-11-19T14:30:00"},
      {"November 19, 2019 12:05 AM", "2019-11-19T00:05:00"},
      {"19.11.2019", "2019-11-19"},
      {"19/11/2019", "2019-11-19"},
      {"11/19/2019", "2019-11-19"},
      {"2020-02-29", "2020-02-29"},
      // Unparseable or impossible: empty.
      {"03/04/2019", ""},
      {"2019-02-29", ""},
      {"2019-13-01", ""},
      {"2019-11-19T25:00:00", ""},
      {"0000-00-00", ""},
      {"2019-11", ""},
      {"yesterday", ""},
      {"3 hours ago", ""},
      {"November 2019", ""},
      {"19 Nov 19", ""},
      {"1574173800", ""},
      {"2019-11-19 and some words", ""},
      {"", ""},
  };
  for (const Row& row : rows) {
    INFO(row.in);
    CHECK(winnow::clean::normalize_date(row.in) == row.out);
  }
}

TEST_CASE("resolve_url handles every kind of reference", "[metadata]") {
  using winnow::clean::resolve_url;
  const std::string base = "http://a.example/b/c/d;p?q";
  // The normal examples of RFC 3986 section 5.4.1.
  CHECK(resolve_url(base, "g:h") == "g:h");
  CHECK(resolve_url(base, "g") == "http://a.example/b/c/g");
  CHECK(resolve_url(base, "./g") == "http://a.example/b/c/g");
  CHECK(resolve_url(base, "g/") == "http://a.example/b/c/g/");
  CHECK(resolve_url(base, "/g") == "http://a.example/g");
  CHECK(resolve_url(base, "//g") == "http://g");
  CHECK(resolve_url(base, "?y") == "http://a.example/b/c/d;p?y");
  CHECK(resolve_url(base, "g?y") == "http://a.example/b/c/g?y");
  CHECK(resolve_url(base, "#s") == "http://a.example/b/c/d;p?q#s");
  CHECK(resolve_url(base, "g?y#s") == "http://a.example/b/c/g?y#s");
  CHECK(resolve_url(base, "") == base);
  CHECK(resolve_url(base, ".") == "http://a.example/b/c/");
  CHECK(resolve_url(base, "..") == "http://a.example/b/");
  CHECK(resolve_url(base, "../g") == "http://a.example/b/g");
  CHECK(resolve_url(base, "../../g") == "http://a.example/g");
  CHECK(resolve_url(base, "../../../g") == "http://a.example/g");
  CHECK(resolve_url(base, "/./g") == "http://a.example/g");
  CHECK(resolve_url(base, "g/../h") == "http://a.example/b/c/h");
  // Browsers' habits.
  CHECK(resolve_url("https://host.example", "x") == "https://host.example/x");
  CHECK(resolve_url("https://host.example", "#top") == "https://host.example/#top");
  CHECK(resolve_url("HTTPS://host.example/a", "//cdn.example/i.png") == "https://cdn.example/i.png");
  CHECK(resolve_url(base, "  /trimmed \n") == "http://a.example/trimmed");
  CHECK(resolve_url(base, "mailto:x@y.example") == "mailto:x@y.example");
  CHECK(resolve_url(base, "https://other.example/p?q#f") == "https://other.example/p?q#f");
  // Dot segments go from absolute and protocol-relative hrefs too, also spelled %2e (as the archive's keys).
  CHECK(resolve_url(base, "https://other.example/a/../b/./c?x=../y") == "https://other.example/b/c?x=../y");
  CHECK(resolve_url(base, "//cdn.example/x/%2e%2E/y") == "http://cdn.example/y");
  CHECK(resolve_url(base, "g/%2E/h") == "http://a.example/b/c/g/h");
  CHECK(resolve_url(base, "mailto:a/../b@x.example") == "mailto:a/../b@x.example");
  // No usable base: the href comes back as it was.
  CHECK(resolve_url("", "/x") == "/x");
  CHECK(resolve_url("relative/base", "x") == "x");

  CHECK(winnow::clean::is_absolute_url("https://x"));
  CHECK(winnow::clean::is_absolute_url("mailto:a@b"));
  CHECK_FALSE(winnow::clean::is_absolute_url("/x"));
  CHECK_FALSE(winnow::clean::is_absolute_url("//x/y"));
  CHECK_FALSE(winnow::clean::is_absolute_url("a/b:c"));
}
