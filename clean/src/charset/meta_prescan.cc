// Declared charsets: byte-order marks, charset= parameters and the WHATWG <meta> prescan of a page's head.
#include "charset/meta_prescan.h"

#include <string>

#include "winnow/ascii.h"

namespace winnow::clean {

// WHATWG "extracting a character encoding from a meta element", also used
// for the HTTP Content-Type value: the value after "charset=", quotes optional.
std::optional<std::string_view> charset_param(std::string_view s) {
  size_t pos = 0;
  while (pos + 7 <= s.size()) {
    size_t hit = std::string_view::npos;
    for (size_t i = pos; i + 7 <= s.size(); ++i) {
      if (ascii::iequals(s.substr(i, 7), "charset")) {
        hit = i;
        break;
      }
    }
    if (hit == std::string_view::npos) return std::nullopt;
    size_t i = hit + 7;
    while (i < s.size() && ascii::is_space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') {
      pos = i;
      continue;
    }
    ++i;
    while (i < s.size() && ascii::is_space(s[i])) ++i;
    if (i >= s.size()) return std::nullopt;
    if (s[i] == '"' || s[i] == '\'') {
      size_t end = s.find(s[i], i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      return s.substr(i + 1, end - i - 1);
    }
    size_t end = i;
    while (end < s.size() && !ascii::is_space(s[end]) && s[end] != ';') ++end;
    return s.substr(i, end - i);
  }
  return std::nullopt;
}

namespace {

struct Attribute {
  std::string name;
  std::string_view value;
};

// WHATWG prescan "get an attribute": reads one attribute at *i, or returns
// nullopt at the end of the tag (leaving *i on the '>' or at the end).
std::optional<Attribute> next_attribute(std::string_view s, size_t* i) {
  size_t p = *i;
  while (p < s.size() && (ascii::is_space(s[p]) || s[p] == '/')) ++p;
  if (p >= s.size() || s[p] == '>') {
    *i = p;
    return std::nullopt;
  }
  Attribute attr;
  while (p < s.size() && !ascii::is_space(s[p]) && s[p] != '=' && s[p] != '/' && s[p] != '>') {
    attr.name += ascii::lower(s[p]);
    ++p;
  }
  while (p < s.size() && ascii::is_space(s[p])) ++p;
  if (p < s.size() && s[p] == '=') {
    ++p;
    while (p < s.size() && ascii::is_space(s[p])) ++p;
    if (p < s.size() && (s[p] == '"' || s[p] == '\'')) {
      char quote = s[p];
      size_t end = s.find(quote, p + 1);
      if (end == std::string_view::npos) end = s.size();
      attr.value = s.substr(p + 1, end - p - 1);
      p = std::min(end + 1, s.size());
    } else {
      size_t start = p;
      while (p < s.size() && !ascii::is_space(s[p]) && s[p] != '>') ++p;
      attr.value = s.substr(start, p - start);
    }
  }
  *i = p;
  return attr;
}

// The charset a <meta> tag declares, if any, or nullopt.
std::optional<Charset> meta_charset(std::string_view head, size_t* i) {
  std::optional<std::string_view> charset_attr;
  std::optional<std::string_view> content;
  bool pragma = false;
  while (auto attr = next_attribute(head, i)) {
    if (attr->name == "charset" && !charset_attr) {
      charset_attr = attr->value;
    } else if (attr->name == "content" && !content) {
      content = attr->value;
    } else if (attr->name == "http-equiv") {
      pragma = pragma || ascii::iequals(normalized_label(attr->value), "content-type");
    }
  }
  std::optional<std::string_view> label = charset_attr;
  if (!label && pragma && content) label = charset_param(*content);
  if (!label) return std::nullopt;
  std::optional<Charset> charset = lookup_label(*label);
  // A page whose <meta> was readable as ASCII cannot be UTF-16/32.
  if (charset && is_wide(*charset)) return Charset{"utf-8", "UTF-8"};
  return charset;
}

}  // namespace

// First known charset declared by a <meta> in the head of the page.
std::optional<Charset> prescan_meta(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min(bytes.size(), kMetaScanBytes));
  size_t i = 0;
  while ((i = head.find('<', i)) != std::string_view::npos) {
    std::string_view rest = head.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = head.find("-->", i + 2);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 3;
    } else if (rest.size() > 5 && ascii::iequals(rest.substr(0, 5), "<meta") && (ascii::is_space(rest[5]) || rest[5] == '/')) {
      i += 5;
      if (auto charset = meta_charset(head, &i)) return charset;
    } else if (rest.size() > 1 && ((rest[1] >= 'a' && rest[1] <= 'z') || (rest[1] >= 'A' && rest[1] <= 'Z') ||
                                   rest[1] == '/')) {
      // Skip the tag's attributes so a quoted "<meta" inside one is not taken for a tag.
      i += 1;
      while (i < head.size() && !ascii::is_space(head[i]) && head[i] != '>') ++i;
      while (next_attribute(head, &i)) {
      }
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

std::optional<Charset> bom_charset(std::string_view bytes, size_t* bom_size) {
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  using namespace std::string_view_literals;
  // UTF-32LE's BOM begins with UTF-16LE's, so it is tested first.
  if (starts("\xFF\xFE\x00\x00"sv)) {
    *bom_size = 4;
    return Charset{"utf-32le", "UTF-32LE"};
  }
  if (starts("\x00\x00\xFE\xFF"sv)) {
    *bom_size = 4;
    return Charset{"utf-32be", "UTF-32BE"};
  }
  if (starts("\xEF\xBB\xBF"sv)) {
    *bom_size = 3;
    return Charset{"utf-8", "UTF-8"};
  }
  if (starts("\xFF\xFE"sv)) {
    *bom_size = 2;
    return Charset{"utf-16le", "UTF-16LE"};
  }
  if (starts("\xFE\xFF"sv)) {
    *bom_size = 2;
    return Charset{"utf-16be", "UTF-16BE"};
  }
  return std::nullopt;
}

}  // namespace winnow::clean
