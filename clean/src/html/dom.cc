// Small helpers over Gumbo's DOM: ownership of a parse, tags, attributes, text.
#include "html/dom.h"

namespace winnow::clean {

void GumboOutputDeleter::operator()(GumboOutput* output) const {
  if (output != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, output);
}

GumboDocument parse_html(std::string_view utf8) {
  GumboOptions options = kGumboDefaultOptions;
  // Parse errors are of no use to us and cost time and memory on broken pages.
  options.max_errors = 0;
  return GumboDocument(gumbo_parse_with_options(&options, utf8.data(), utf8.size()));
}

GumboTag tag_of(const GumboNode* node) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return GUMBO_TAG_UNKNOWN;
  return node->v.element.tag;
}

bool is_tag(const GumboNode* node, GumboTag tag) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

std::string_view attr(const GumboNode* node, const char* name) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a != nullptr ? std::string_view(a->value) : std::string_view();
}

bool has_attr(const GumboNode* node, const char* name) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return false;
  return gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

std::string tag_name(const GumboNode* node) {
  if (node == nullptr || node->type != GUMBO_NODE_ELEMENT) return {};
  if (node->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(node->v.element.tag);
  GumboStringPiece piece = node->v.element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

void append_text(const GumboNode* node, std::string& out) {
  for_each_node(node, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
    }
    return Walk::kDescend;
  });
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    // U+00A0 no-break space (C2 A0) reads as a space in extracted text.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string normalized_text(const GumboNode* node) {
  std::string raw;
  append_text(node, raw);
  return collapse_whitespace(raw);
}

bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BR:
      return true;
    default:
      return false;
  }
}

const GumboNode* find_first(const GumboNode* root, GumboTag tag) {
  const GumboNode* found = nullptr;
  for_each_node(root, [&](const GumboNode* n) {
    if (!is_tag(n, tag)) return Walk::kDescend;
    found = n;
    return Walk::kStop;
  });
  return found;
}

}  // namespace winnow::clean
