// Checks on a cleaned Article shared by the clean_html and clean_text targets: fields, blocks, every renderer.
#pragma once

#include <nlohmann/json.hpp>

#include <exception>
#include <string>

#include "checks.h"
#include "winnow/clean.h"

namespace winnow::fuzz {

// An http(s) URL with a host, as the article's URL fields must be ("" is allowed: unknown).
inline bool web_url_or_empty(const std::string& url) {
  if (url.empty()) return true;
  const std::string lower = lower_ascii(url.substr(0, 8));
  std::size_t rest = 0;
  if (lower.starts_with("https://")) {
    rest = 8;
  } else if (lower.starts_with("http://")) {
    rest = 7;
  } else {
    return false;
  }
  return url.size() > rest && url[rest] != '/';
}

inline void require_field(const std::string& text, const char* what) {
  require_utf8(text, what);
  require(!has_control_chars(text), "a field holds a control character", text);
}

// Every text field is valid UTF-8 without control characters; with `allowed`, every block character
// is one of them (see characters_of_page).
inline void check_article(const clean::Article& article, const CodePoints* allowed) {
  const clean::Metadata& m = article.metadata;
  for (const std::string* field : {&m.title, &m.published, &m.modified, &m.site_name, &m.language, &m.description,
                                   &m.canonical_url, &m.image}) {
    require_field(*field, "a metadata field is not valid UTF-8");
  }
  for (const std::string& author : m.authors) require_field(author, "an author is not valid UTF-8");
  require(web_url_or_empty(m.canonical_url), "canonical_url is not an http(s) URL", m.canonical_url);
  require(web_url_or_empty(m.image), "image is not an http(s) URL", m.image);
  const auto text = [&](const std::string& value, const char* what) {
    require_field(value, what);
    if (allowed) require_made_of(value, *allowed, what);
  };
  for (const clean::Block& block : article.blocks) {
    if (block.kind == clean::BlockKind::kHeading) require(block.level >= 1 && block.level <= 6, "heading level out of 1..6");
    for (const clean::Span& span : block.spans) {
      text(span.text, "span text");
      require_field(span.href, "a link is not valid UTF-8");
    }
    for (const auto& item : block.items) {
      for (const clean::Span& span : item) {
        text(span.text, "list item text");
        require_field(span.href, "a link is not valid UTF-8");
      }
    }
    for (const auto& row : block.rows) {
      for (const std::string& cell : row) text(cell, "table cell text");
    }
    text(block.code, "code text");
  }
}

// Renders the article in every format, with and without links: never throws, always valid UTF-8; HTML
// is safe (require_safe_html), JSON parses.
inline void check_renderers(const clean::Article& article) {
  try {
    for (bool links : {false, true}) {
      const clean::RenderOptions options{links};
      require_utf8(clean::render(article, clean::Format::kText, options), "text output is not valid UTF-8");
      require_utf8(clean::render(article, clean::Format::kMarkdown, options), "markdown output is not valid UTF-8");
      const std::string html = clean::render(article, clean::Format::kHtml, options);
      require_utf8(html, "html output is not valid UTF-8");
      require_safe_html(html);
    }
    const std::string json = clean::render(article, clean::Format::kJson);
    require_utf8(json, "json output is not valid UTF-8");
    require(nlohmann::json::accept(json), "json output does not parse", json);
    require_utf8(article.text(), "Article::text() is not valid UTF-8");
    (void)article.word_count();
  } catch (const std::exception& error) {
    fail("rendering threw", error.what());
  }
}

}  // namespace winnow::fuzz
