// What every fuzz target asserts: a failed check prints what broke and traps, so libFuzzer saves the input.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::fuzz {

// Stops the run on a broken invariant: libFuzzer reports the trap as a crash and saves the input.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  if (!detail.empty()) {
    std::fprintf(stderr, "  in: \"%.*s\"\n", static_cast<int>(detail.size() > 400 ? 400 : detail.size()), detail.data());
  }
  __builtin_trap();
}

inline void require(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// Reads the code point at text[i], advancing i; -1 for a byte that does not start a valid UTF-8 sequence
// (overlong forms, surrogates and values past U+10FFFF are invalid). Written here, not taken from the
// library, so the check does not share the code it checks.
inline long next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  long value = 0, minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    ++i;
    return -1;
  }
  if (i + length > text.size()) {
    ++i;
    return -1;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    ++i;
    return -1;
  }
  i += length;
  return value;
}

inline bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (next_code_point(text, i) < 0) return false;
  }
  return true;
}

inline void require_utf8(std::string_view text, const char* what) { require(valid_utf8(text), what, text); }

// Control characters no text output may carry: C0 but tab, newline (and CR), DEL, C1.
inline bool has_control_chars(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const long c = next_code_point(text, i);
    if ((c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) return true;
  }
  return false;
}

// A set of code points (a bit per code point: cheaper than a tree for a page's worth of characters).
class CodePoints {
 public:
  void insert(long c) { bits_[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63); }
  bool contains(long c) const { return c >= 0 && c <= 0x10FFFF && (bits_[static_cast<std::size_t>(c) >> 6] >> (c & 63) & 1); }

 private:
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(0x110000 / 64);
};

// The code points of a text (valid UTF-8 expected; invalid bytes are skipped).
inline void add_code_points(std::string_view text, CodePoints& into) {
  for (std::size_t i = 0; i < text.size();) {
    const long c = next_code_point(text, i);
    if (c >= 0) into.insert(c);
  }
}

// Whitespace the cleaner may turn into a plain space or newline (whitespace normalisation): ASCII
// whitespace, NBSP and the Unicode space separators, line and paragraph separators, zero-width spaces.
inline bool is_normalised_space(long c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

// Checks that every code point of `text`, but whitespace, is in `allowed`.
inline void require_made_of(std::string_view text, const CodePoints& allowed, const char* what) {
  for (std::size_t i = 0; i < text.size();) {
    const long c = next_code_point(text, i);
    if (c < 0) fail("block text is not valid UTF-8", text);
    if (is_normalised_space(c) || allowed.contains(c)) continue;
    char message[160];
    std::snprintf(message, sizeof message, "%s: U+%04lX is not a character of the input", what, c);
    fail(message, text);
  }
}

// The characters a browser could show for a page: every code point of the decoded text and of what Gumbo
// makes of it (text, attribute values and comments, character references expanded, U+FFFD for NULs),
// so a character the cleaner outputs that is in neither was made up.
inline void add_parsed_code_points(const GumboNode* node, CodePoints& into) {
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (current->type == GUMBO_NODE_ELEMENT || current->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& element = current->v.element;
      for (unsigned i = 0; i < element.attributes.length; ++i) {
        const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
        add_code_points(attribute->value, into);
      }
      for (unsigned i = 0; i < element.children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(element.children.data[i]));
      }
    } else if (current->type == GUMBO_NODE_DOCUMENT) {
      for (unsigned i = 0; i < current->v.document.children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(current->v.document.children.data[i]));
      }
    } else {
      add_code_points(current->v.text.text, into);
    }
  }
}

inline CodePoints characters_of_page(std::string_view decoded) {
  CodePoints allowed;
  add_code_points(decoded, allowed);
  allowed.insert(0xFFFD);
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, decoded.data(), decoded.size());
  add_parsed_code_points(output->document, allowed);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return allowed;
}

inline std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A URL attribute a browser would run or load as code: javascript:, vbscript: or data: once leading
// whitespace and controls, and tabs and newlines inside, are dropped (as the URL parser does).
inline bool is_script_url(std::string_view value) {
  std::string scheme;
  std::size_t i = 0;
  while (i < value.size() && static_cast<unsigned char>(value[i]) <= 0x20) ++i;
  for (; i < value.size() && scheme.size() < 16; ++i) {
    const char c = value[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    scheme += c;
  }
  scheme = lower_ascii(scheme);
  return scheme.starts_with("javascript:") || scheme.starts_with("vbscript:") || scheme.starts_with("data:");
}

// Checks rendered HTML as a browser would read it (parsed by Gumbo): no element that runs or embeds code,
// no event handler attribute (on...), no script URL in an attribute (a <meta name>'s content is text, not a
// URL), no meta refresh, no style sheet.
inline void require_safe_html(std::string_view html) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<const GumboNode*> stack{output->document};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (node->type == GUMBO_NODE_DOCUMENT) {
      children = &node->v.document.children;
    } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& element = node->v.element;
      switch (element.tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET:
        case GUMBO_TAG_BASE: case GUMBO_TAG_FORM: case GUMBO_TAG_LINK: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        case GUMBO_TAG_TEMPLATE:
          fail("rendered HTML holds an element that runs or embeds code", html);
        case GUMBO_TAG_UNKNOWN:
          fail("rendered HTML holds an unknown element", html);
        default:
          break;
      }
      // A <meta name=...>'s content is text (a description may start "vbscript:"), never loaded; the only
      // http-equiv allowed is the Content-Security-Policy the renderer writes (a refresh could navigate).
      const bool meta_text = element.tag == GUMBO_TAG_META && !gumbo_get_attribute(&element.attributes, "http-equiv");
      if (element.tag == GUMBO_TAG_META) {
        if (const GumboAttribute* equiv = gumbo_get_attribute(&element.attributes, "http-equiv");
            equiv && lower_ascii(equiv->value) != "content-security-policy") {
          fail("rendered HTML holds a meta http-equiv other than Content-Security-Policy", html);
        }
      }
      for (unsigned i = 0; i < element.attributes.length; ++i) {
        const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
        const std::string name = lower_ascii(attribute->name);
        if (name.starts_with("on")) fail("rendered HTML holds an event handler attribute", html);
        if (name == "style" || name == "srcdoc") fail("rendered HTML holds a style or srcdoc attribute", html);
        if (meta_text && name == "content") continue;
        if (is_script_url(attribute->value)) fail("rendered HTML holds a javascript:, vbscript: or data: URL", html);
      }
      children = &element.children;
    }
    if (children) {
      for (unsigned i = 0; i < children->length; ++i) stack.push_back(static_cast<const GumboNode*>(children->data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

}  // namespace winnow::fuzz
