// clean_html(): the pipeline from page bytes to Article (decode, prescan, parse, metadata, extraction).
#include <string>

#include "charset/charset.h"
#include "html/dom.h"
#include "html/extract.h"
#include "meta/metadata.h"
#include "meta/page_kind.h"
#include "html/node_tree.h"
#include "html/prescan.h"
#include "meta/url.h"
#include "winnow/clean.h"
#include "winnow/control_chars.h"

namespace winnow::clean {
namespace {

// The address relative links resolve against: <base href> (itself resolved
// against the page's address) when the page has one, else the page's address.
std::string link_base(const GumboNode* root, const std::string& page_url) {
  std::string_view base_href = attr(find_first(root, GUMBO_TAG_BASE), "href");
  return base_href.empty() ? page_url : resolve_url(page_url, base_href);
}

void scrub(std::string& text) {
  if (has_control_chars(text)) text = without_control_chars(text);
}

// Character references (&#27;), JSON-LD escapes (\u0007) and raw bytes can all
// put terminal controls into the text; none may reach output, whatever it is.
void remove_control_chars(Article& article) {
  Metadata& m = article.metadata;
  for (std::string* field : {&article.url, &m.title, &m.published, &m.modified, &m.site_name, &m.language,
                             &m.description, &m.canonical_url, &m.image}) {
    scrub(*field);
  }
  for (std::string& author : m.authors) scrub(author);
  for (Block& block : article.blocks) {
    for (Span& span : block.spans) {
      scrub(span.text);
      scrub(span.href);
    }
    for (auto& item : block.items) {
      for (Span& span : item) {
        scrub(span.text);
        scrub(span.href);
      }
    }
    for (auto& row : block.rows) {
      for (std::string& cell : row) scrub(cell);
    }
    scrub(block.code);
  }
}

}  // namespace

Result<Article> clean_html(std::string_view bytes, const Options& options) {
  if (bytes.size() > options.max_input_bytes) {
    return Error{ErrorKind::kTooLarge, "input is " + std::to_string(bytes.size()) +
                                           " bytes, over the limit of " +
                                           std::to_string(options.max_input_bytes) + " bytes"};
  }
  if (bytes.find_first_not_of(" \t\r\n\f") == std::string_view::npos) {
    return Error{ErrorKind::kInvalidInput, "input is empty"};
  }
  Result<Decoded> decoded = decode_to_utf8(bytes, options.charset, options.content_type);
  if (!decoded) return decoded.error();

  Prescanned pre = prescan_html(decoded.value().utf8);
  // The decoded copy is no longer needed; free it before the tree is built.
  decoded.value().utf8 = std::string();
  GumboDocument document = parse_html(pre.html);
  const GumboNode* root = document->root;

  Article article;
  article.url = options.url;
  KindClues clues;
  article.metadata = extract_metadata(root, pre.json_ld, options.url, &clues);
  if (article.url.empty()) article.url = article.metadata.canonical_url;
  if (article.metadata.title.empty()) {
    article.metadata.title = normalized_text(find_first(root, GUMBO_TAG_H1));
  }

  NodeTree tree(root);
  TypeHint hint;
  hint.type = options.page_type ? options.page_type : declared_page_type(clues, article.url);
  hint.forced = options.page_type.has_value();
  hint.answers = declares_answers(clues);
  MainContent content = extract_main_content(tree, hint, article.metadata.title, link_base(root, article.url));
  article.blocks = std::move(content.blocks);
  article.page_type = content.page_type;
  remove_control_chars(article);
  if (article.blocks.empty()) article.warnings.push_back("no article text found");
  return article;
}

}  // namespace winnow::clean
