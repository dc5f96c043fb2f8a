// Reads what a page's JSON-LD (schema.org) blocks say about its main article.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::clean {

// Fields of the page's main schema.org item, text cleaned (HTML entities
// decoded, tags stripped, whitespace collapsed). Dates and URLs are as the
// page wrote them: normalising and resolving is the caller's job.
struct JsonLd {
  std::string title;                 // headline, else name
  std::vector<std::string> authors;  // names as written (possibly URLs: the caller filters)
  std::string published;
  std::string modified;
  std::string site_name;             // publisher.name, else a WebSite's name
  std::string description;
  std::string language;              // inLanguage
  std::string image;
  std::string url;                   // mainEntityOfPage, else url
  std::vector<std::string> types;    // every @type of the page-level objects (short names: "Product")
};

// Reads the bodies of application/ld+json scripts. The main item is the first
// Article-like object (Article, NewsArticle, BlogPosting, ...; also inside
// @graph, arrays and mainEntity), else a CreativeWork-like one, else a WebPage;
// fields it lacks are taken from a less preferred page-level object (e.g. the
// WebPage beside a Yoast Article). "@id" references are followed. Malformed
// bodies are skipped; a second, lenient parse accepts raw control characters
// in strings, invalid escapes, comments, HTML comment / CDATA wrappers and a
// trailing semicolon.
JsonLd read_json_ld(const std::vector<std::string>& bodies);

// Decodes HTML character references (&amp; &#8217; &#x2019; &rsquo; ...)
// that CMSs leave in JSON-LD strings. Unknown references are kept as written.
std::string decode_html_entities(std::string_view text);

}  // namespace winnow::clean
