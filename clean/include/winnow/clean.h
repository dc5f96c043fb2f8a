// Public API of winnow::clean: turn the bytes of an HTML page into its article.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/result.h"

namespace winnow::clean {

// A run of inline text with its formatting. Text is UTF-8 with whitespace collapsed.
struct Span {
  std::string text;
  bool strong = false;
  bool emphasis = false;
  bool code = false;
  std::string href;  // absolute when the page URL is known; empty when not a link
};

enum class BlockKind { kHeading, kParagraph, kList, kQuote, kCode, kTable };

// One block of the article body, in document order.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;                                // kHeading: 1..6
  bool ordered = false;                         // kList: numbered list
  std::vector<Span> spans;                      // kHeading, kParagraph, kQuote
  std::vector<std::vector<Span>> items;         // kList: one span run per item
  std::vector<std::vector<std::string>> rows;   // kTable: cell texts, row by row
  bool header_row = false;                      // kTable: rows[0] is a header
  std::string code;                             // kCode: text exactly as in <pre>

  // The block as plain text: spans joined; list items and table rows one per
  // line (cells separated by " | "); code verbatim.
  std::string plain_text() const;
};

// What the page says about itself. Empty strings / vectors when unknown.
struct Metadata {
  std::string title;
  std::vector<std::string> authors;
  std::string published;      // ISO 8601 (YYYY-MM-DD or full timestamp)
  std::string modified;       // ISO 8601
  std::string site_name;
  std::string language;       // BCP 47 tag, e.g. "en" or "pt-BR"
  std::string description;
  std::string canonical_url;
  std::string image;
};

// The kind of page, as WCXB names them; each has its own idea of the main
// content: an article's body, a forum thread's every post, a product's name,
// description and details, a collection's or listing's repeated items, a
// documentation page's text and code, a service page's every section.
enum class PageType { kArticle, kForum, kProduct, kCollection, kListing, kDocumentation, kService };

// "article", "forum", "product", "collection", "listing", "documentation", "service".
std::string_view page_type_name(PageType type);
// The type of one of those names (lower case, exact); nullopt for any other.
std::optional<PageType> parse_page_type(std::string_view name);

// The result of cleaning one page.
struct Article {
  std::string url;             // Options::url, else the canonical URL, else empty
  PageType page_type = PageType::kArticle;  // as decided from the page, or as forced by Options
  Metadata metadata;
  std::vector<Block> blocks;   // the body, without the title
  std::vector<std::string> warnings;  // e.g. "no article text found"

  // The body as plain text: blocks' plain_text() separated by blank lines.
  std::string text() const;
  // Number of words (runs of letters/digits) in text().
  std::size_t word_count() const;
};

// How to read the input.
struct Options {
  std::string url;            // the page's address; resolves relative links
  std::string charset;        // forced charset label (e.g. "windows-1252"); empty = detect
  std::string content_type;   // HTTP Content-Type header value if known (its charset= is used)
  std::size_t max_input_bytes = 64u << 20;  // larger inputs fail with ErrorKind::kTooLarge
  bool explain = false;       // clean_text only: give every verdict its reasons (slower)
  std::optional<PageType> page_type;  // clean_html: extract as this type instead of deciding it
};

// Cleans one page. Bytes may be in any charset: BOM, `charset`, the
// Content-Type charset, <meta charset>/http-equiv, else a guess; the output is
// always valid UTF-8. Fails with kInvalidInput for empty or binary (non-text)
// input and kTooLarge above max_input_bytes. A readable page with no article
// succeeds with empty blocks and a warning. The page's type (Article::page_type)
// comes from what it says of itself (schema.org types, OpenGraph, generator,
// URL path) and, when that is silent, from its structure: a page whose best
// article container holds little of its main region is a listing or a service
// page, and its whole main region is the content. Thread-safe: it keeps no state
// between calls, so any number of threads may clean at once (clean -j does).
Result<Article> clean_html(std::string_view bytes, const Options& options = {});

// ---- Text that was already extracted, boilerplate and all ----

// What clean_text decided about one block of a text input.
struct TextVerdict {
  std::string text;      // the block as in the input (its lines joined by "\n"), valid UTF-8
  std::size_t line = 0;  // 1-based line number of the block's first line
  bool keep = false;     // article text (title or body)
  bool title = false;    // kept, and taken as the article's title
  float score = 0;       // evidence for "article", in log-odds; kept when > 0
  // Filled when asked (Options::explain): the strongest evidence, e.g.
  // "function_words +1.32", "context -0.80" (what the neighbours added).
  std::vector<std::string> reasons;
};

// The result of cleaning a text input.
struct CleanedText {
  Article article;                    // metadata.title if found; kept body blocks as paragraphs
  std::vector<TextVerdict> verdicts;  // every block of the input, in order
  bool paragraphs = false;            // blocks were mostly separated by blank lines

  // The kept blocks (title included) exactly as given and in order: one per
  // line, or separated by blank lines when `paragraphs`. Ends with "\n" unless empty.
  std::string kept_text() const;
};

// Cleans text that was extracted with its boilerplate still in (site names,
// "Like us on Facebook", donation appeals, popups, "Read more" lines). Blocks
// are lines, or blank-line-separated paragraphs when the text is hard-wrapped
// (see CleanedText::paragraphs); a learned model scores each block from its
// shape and words and from the blocks around it. Bytes should be UTF-8 (a BOM,
// `options.charset` or a detected legacy charset are converted; invalid
// sequences become U+FFFD). Fails with kInvalidInput for empty or binary input
// and kTooLarge above options.max_input_bytes; a text with nothing worth
// keeping succeeds with no kept blocks and a warning. With options.explain,
// every verdict carries its reasons (slower). Thread-safe, as clean_html is
// (the built-in model is loaded once, behind a static initialiser).
Result<CleanedText> clean_text(std::string_view bytes, const Options& options = {});

enum class InputKind { kHtml, kText };

// Guesses whether bytes are an HTML page or plain text: HTML when, after a BOM
// and whitespace, it starts with a tag, a comment or a doctype, or when its
// first 4 KiB hold <html, <head or <body. Never fails.
InputKind sniff_input_kind(std::string_view bytes);

enum class Format { kText, kMarkdown, kHtml, kJson };

// Parses "text", "markdown" (or "md"), "html", "json"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);
// The file extension for a format, without the dot: txt, md, html, json.
std::string_view format_extension(Format format);

struct RenderOptions {
  bool links = false;  // markdown/html: keep hyperlinks
};

// Renders an article:
//  kText     title, a blank line, then blocks separated by blank lines;
//  kMarkdown headings, lists, quotes, tables, code, emphasis (links if asked);
//  kHtml     a minimal safe document: no scripts, styles, event handlers or iframes;
//  kJson     one JSON object (see render_json) followed by no newline.
// Thread-safe: it reads only `article`.
std::string render(const Article& article, Format format, const RenderOptions& options = {});

// The article as one JSON object: url, title, authors, published, modified,
// site_name, language, description, canonical_url, image, text, word_count,
// warnings. Never throws; invalid UTF-8 cannot occur (inputs are UTF-8).
std::string render_json(const Article& article);

// The version of Gumbo winnow was built against ("0.10.1"; Gumbo has no run-time version call). Thread-safe.
std::string gumbo_version();

}  // namespace winnow::clean
