// Removes what the parser never needs (scripts, styles, SVG, comments) before parsing, keeping JSON-LD.
#include "html/prescan.h"
#include "winnow/ascii.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace winnow::clean {
namespace {

using ascii::icontains;
using ascii::iequals;
using ascii::is_alpha;
using ascii::lower;

// Gumbo 0.10 slows down quadratically with nesting depth (100,000 nested
// <div>s take minutes), so open tags beyond this depth (with their close
// tags) are dropped; their content stays and joins the deepest kept element.
// Real pages stay far below.
constexpr int kMaxNesting = 400;

// Gumbo checks each new attribute against all earlier ones of its element, so
// an element's cost grows with the square of its attribute count (100,000
// attributes took 35 s). Attributes past this many are dropped before parsing;
// the parser keeps the first of duplicates too, so the kept ones mean the same.
constexpr std::size_t kMaxAttributes = 64;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == ':' || c == '_';
}

// Elements whose whole content is dropped before parsing.
constexpr std::array<std::string_view, 9> kSkippedElements = {
    "script", "style", "svg", "template", "noscript", "math", "iframe", "noembed", "noframes"};

// Elements whose content the parser reads as text up to their close tag.
constexpr std::array<std::string_view, 3> kRawTextElements = {"title", "textarea", "xmp"};

// Elements that do not nest: void elements, and those a sibling closes
// implicitly (<p>, <li>, <td>, ...). Every other open tag deepens the tree
// until its close tag, so counting the rest tracks the tree's depth.
constexpr std::array<std::string_view, 32> kFlatElements = {
    "area", "base", "br",    "col",   "embed", "hr",    "img",   "input", "link",  "meta",  "param",
    "source", "track", "wbr", "image", "p",     "li",    "dt",    "dd",    "tr",    "td",    "th",
    "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt",  "rp",    "html",  "body"};

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(name, n); });
}

// Index just past the '>' that ends the tag starting at `from` (which points
// after the tag name), honouring quoted attribute values; npos if unterminated.
std::size_t tag_end(std::string_view html, std::size_t from) {
  char quote = 0;
  char last_significant = 0;
  for (std::size_t i = from; i < html.size(); ++i) {
    char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if ((c == '"' || c == '\'') && last_significant == '=') {
      quote = c;
      continue;
    }
    if (c == '>') return i + 1;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') last_significant = c;
  }
  return std::string_view::npos;
}

bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Index just past the attribute starting at `i` in `tag` (a name, then
// optionally '=' and a quoted or unquoted value), as the tokenizer reads it.
std::size_t attribute_end(std::string_view tag, std::size_t i) {
  // The first character of a name may be '='; after it, '=' ends the name.
  ++i;
  while (i < tag.size() && !is_tag_space(tag[i]) && tag[i] != '/' && tag[i] != '>' && tag[i] != '=') ++i;
  std::size_t j = i;
  while (j < tag.size() && is_tag_space(tag[j])) ++j;
  if (j >= tag.size() || tag[j] != '=') return i;
  ++j;
  while (j < tag.size() && is_tag_space(tag[j])) ++j;
  if (j < tag.size() && (tag[j] == '"' || tag[j] == '\'')) {
    const std::size_t close = tag.find(tag[j], j + 1);
    return close == std::string_view::npos ? tag.size() : close + 1;
  }
  while (j < tag.size() && !is_tag_space(tag[j]) && tag[j] != '>') ++j;
  return j;
}

// Appends the open tag `tag` (its name ending at `name_end`) to `out` with at
// most kMaxAttributes attributes. Linear in the tag's length.
void append_capped_tag(std::string_view tag, std::size_t name_end, std::string& out) {
  // Each attribute takes at least two bytes (a space and a name), so short tags are under the cap.
  if (tag.size() < 2 * kMaxAttributes) {
    out.append(tag);
    return;
  }
  const std::size_t body_end = tag.size() - 1;  // the '>'
  std::size_t i = name_end;
  std::size_t kept_end = name_end;
  std::size_t count = 0;
  while (i < body_end) {
    if (is_tag_space(tag[i]) || tag[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t end = std::min(attribute_end(tag, i), body_end);
    if (++count > kMaxAttributes) break;
    i = kept_end = end;
  }
  if (count <= kMaxAttributes) {
    out.append(tag);
    return;
  }
  out.append(tag.substr(0, kept_end));
  out.append(tag.size() >= 2 && tag[tag.size() - 2] == '/' ? "/>" : ">");
}

// Position of the "</name" that closes a raw-text element, or npos.
std::size_t find_close_tag(std::string_view html, std::size_t from, std::string_view name) {
  std::size_t pos = from;
  while (true) {
    pos = html.find("</", pos);
    if (pos == std::string_view::npos) return pos;
    std::size_t after = pos + 2 + name.size();
    if (after <= html.size() && iequals(html.substr(pos + 2, name.size()), name) &&
        (after == html.size() || !is_name_char(html[after]))) {
      return pos;
    }
    pos += 2;
  }
}

}  // namespace

Prescanned prescan_html(std::string_view html) {
  Prescanned out;
  out.html.reserve(html.size() / 2);
  // The open elements that nest, innermost last, each with whether its open
  // tag was dropped (beyond kMaxNesting) so that its close tag goes too.
  struct OpenElement {
    std::string name;
    bool dropped;
  };
  std::vector<OpenElement> open;
  // How many of each name are open: a close tag with none open is passed on
  // without a search, so stray close tags cost nothing however deep the stack.
  std::unordered_map<std::string, std::size_t> open_count;
  std::size_t i = 0;
  while (i < html.size()) {
    const void* hit = std::memchr(html.data() + i, '<', html.size() - i);
    std::size_t lt = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - html.data()) : html.size();
    out.html.append(html.data() + i, lt - i);
    if (lt >= html.size()) break;
    i = lt;
    std::string_view rest = html.substr(i);

    if (rest.substr(0, 4) == "<!--") {
      // "<!-->" and "<!--->" are complete (empty) comments in HTML.
      std::size_t body = i + 4;
      if (html.substr(body, 1) == ">") { i = body + 1; continue; }
      if (html.substr(body, 2) == "->") { i = body + 2; continue; }
      std::size_t end = html.find("-->", body);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }

    bool closing = rest.size() > 1 && rest[1] == '/';
    std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= html.size() || !is_alpha(html[name_start])) {
      out.html += '<';  // a stray '<' (or "<!doctype", "<?"): the parser handles it
      ++i;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
    std::string_view name = html.substr(name_start, name_end - name_start);
    std::size_t end = tag_end(html, name_end);
    if (end == std::string_view::npos) break;  // truncated inside a tag: drop the fragment
    std::string_view tag = html.substr(i, end - i);
    bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';

    if (!closing && one_of(name, kSkippedElements)) {
      if (self_closing && !iequals(name, "script")) { i = end; continue; }
      std::size_t close = find_close_tag(html, end, name);
      std::size_t body_end = close == std::string_view::npos ? html.size() : close;
      if (iequals(name, "script") && icontains(tag, "ld+json")) {
        out.json_ld.emplace_back(html.substr(end, body_end - end));
      }
      if (close == std::string_view::npos) break;
      std::size_t close_end = tag_end(html, close + 2 + name.size());
      i = close_end == std::string_view::npos ? html.size() : close_end;
      continue;
    }

    if (!closing && one_of(name, kRawTextElements)) {
      // Their content is text: a "<style>" inside a <title> is not an element.
      std::size_t close = find_close_tag(html, end, name);
      std::size_t close_end = close == std::string_view::npos
                                  ? std::string_view::npos
                                  : tag_end(html, close + 2 + name.size());
      if (close_end == std::string_view::npos) close_end = html.size();
      append_capped_tag(tag, name_end - i, out.html);
      out.html.append(html.substr(end, close_end - end));
      i = close_end;
      continue;
    }

    if (!self_closing && !one_of(name, kFlatElements) && !iequals(name, "head")) {
      std::string lower_name(name);
      for (char& c : lower_name) c = lower(c);
      if (!closing) {
        bool drop = open.size() >= static_cast<std::size_t>(kMaxNesting);
        ++open_count[lower_name];
        open.push_back({std::move(lower_name), drop});
        if (drop) {
          i = end;
          continue;
        }
      } else {
        // A close tag closes everything opened inside its element too, as
        // the parser does: "<div><span>x</div>" leaves no span open.
        const auto counted = open_count.find(lower_name);
        auto match = counted == open_count.end() || counted->second == 0
                         ? open.rend()
                         : std::find_if(open.rbegin(), open.rend(),
                                        [&](const OpenElement& e) { return e.name == lower_name; });
        if (match != open.rend()) {
          bool dropped = match->dropped;
          for (auto closed = open.rbegin(); closed != std::next(match); ++closed) --open_count[closed->name];
          open.erase(std::next(match).base(), open.end());
          if (dropped) {
            i = end;
            continue;
          }
        }
      }
    }
    if (closing) {
      out.html.append(tag);
    } else {
      append_capped_tag(tag, name_end - i, out.html);
    }
    i = end;
  }
  return out;
}

}  // namespace winnow::clean
