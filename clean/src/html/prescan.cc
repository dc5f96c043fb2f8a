// Removes what the parser never needs (scripts, styles, SVG, comments) before parsing, keeping JSON-LD.
#include "html/prescan.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "winnow/ascii.h"

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

// A <noscript> is usually a tracking pixel, a lazy image's fallback or "please
// enable JavaScript", and goes whole. But some sites (Discourse forums, for
// one) render the whole page for script-less readers inside one: a body of at
// least this many bytes with paragraph or list markup in it is page content,
// so the <noscript> tags go and what is between them is scanned as the page.
constexpr std::size_t kNoscriptPageBytes = 2048;
constexpr std::array<std::string_view, 4> kNoscriptPageMarkup = {"<p", "<li", "<article", "<h2"};
// Judging a <noscript> reads on to its close tag; after this many are kept the
// rest go whole, so a page of nested <noscript>s stays linear.
constexpr int kMaxKeptNoscripts = 16;

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

namespace {

// One start or end tag as the scan found it: html[start, end) is the whole tag.
struct Tag {
  std::size_t start = 0, name_end = 0, end = 0;
  std::string_view name;  // as written
  std::string_view text;  // the whole tag, "<" to ">"
  bool closing = false, self_closing = false;
};

// The scan's state: the output so far and the stack of open elements.
class Prescanner {
 public:
  explicit Prescanner(std::string_view html) : html_(html) { out_.html.reserve(html.size() / 2); }

  Prescanned run() {
    std::size_t i = 0;
    while (i < html_.size()) i = step(i);
    return std::move(out_);
  }

 private:
  // Copies the text up to the next '<' and handles what starts there;
  // returns where to go on (html_.size() to stop).
  std::size_t step(std::size_t i) {
    const void* hit = std::memchr(html_.data() + i, '<', html_.size() - i);
    const std::size_t lt = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - html_.data()) : html_.size();
    out_.html.append(html_.data() + i, lt - i);
    if (lt >= html_.size()) return html_.size();
    if (html_.substr(lt, 4) == "<!--") return skip_comment(lt);
    std::optional<Tag> tag = read_tag(lt);
    if (!tag) {
      out_.html += '<';  // a stray '<' (or "<!doctype", "<?"): the parser handles it
      return lt + 1;
    }
    if (tag->end == std::string_view::npos) return html_.size();  // truncated inside a tag: drop the fragment
    if (!tag->closing && iequals(tag->name, "noscript") && holds_page(*tag)) return tag->end;
    if (!tag->closing && one_of(tag->name, kSkippedElements)) return skip_element(*tag);
    if (!tag->closing && one_of(tag->name, kRawTextElements)) return copy_raw_text_element(*tag);
    if (nesting_drops(*tag)) return tag->end;
    if (tag->closing) {
      out_.html.append(tag->text);
    } else {
      append_capped_tag(tag->text, tag->name_end - tag->start, out_.html);
    }
    return tag->end;
  }

  // "<!-->" and "<!--->" are complete (empty) comments in HTML.
  std::size_t skip_comment(std::size_t i) const {
    const std::size_t body = i + 4;
    if (html_.substr(body, 1) == ">") return body + 1;
    if (html_.substr(body, 2) == "->") return body + 2;
    const std::size_t end = html_.find("-->", body);
    return end == std::string_view::npos ? html_.size() : end + 3;
  }

  // The tag at html_[lt] == '<', or nullopt when no tag name follows. A tag
  // whose '>' never comes has end == npos.
  std::optional<Tag> read_tag(std::size_t lt) const {
    Tag tag;
    tag.start = lt;
    tag.closing = html_.size() - lt > 1 && html_[lt + 1] == '/';
    const std::size_t name_start = lt + (tag.closing ? 2 : 1);
    if (name_start >= html_.size() || !is_alpha(html_[name_start])) return std::nullopt;
    tag.name_end = name_start;
    while (tag.name_end < html_.size() && is_name_char(html_[tag.name_end])) ++tag.name_end;
    tag.name = html_.substr(name_start, tag.name_end - name_start);
    tag.end = tag_end(html_, tag.name_end);
    if (tag.end == std::string_view::npos) return tag;
    tag.text = html_.substr(lt, tag.end - lt);
    tag.self_closing = tag.text.size() >= 2 && tag.text[tag.text.size() - 2] == '/';
    return tag;
  }

  // An element the parser never needs (script, style, svg, ...) goes whole;
  // a JSON-LD script body is kept aside.
  std::size_t skip_element(const Tag& tag) {
    if (tag.self_closing && !iequals(tag.name, "script")) return tag.end;
    const std::size_t close = find_close_tag(html_, tag.end, tag.name);
    const std::size_t body_end = close == std::string_view::npos ? html_.size() : close;
    if (iequals(tag.name, "script") && icontains(tag.text, "ld+json")) {
      out_.json_ld.emplace_back(html_.substr(tag.end, body_end - tag.end));
    }
    if (close == std::string_view::npos) return html_.size();
    const std::size_t close_end = tag_end(html_, close + 2 + tag.name.size());
    return close_end == std::string_view::npos ? html_.size() : close_end;
  }

  // Whether the <noscript> opened by `tag` holds a script-less rendering of
  // the page (see kNoscriptPageBytes). Its stray </noscript> is ignored by
  // the parser.
  bool holds_page(const Tag& tag) {
    if (tag.self_closing || kept_noscripts_ >= kMaxKeptNoscripts) return false;
    std::size_t close = find_close_tag(html_, tag.end, "noscript");
    if (close == std::string_view::npos) close = html_.size();
    if (close - tag.end < kNoscriptPageBytes) return false;
    const std::string_view body = html_.substr(tag.end, close - tag.end);
    const bool page = std::any_of(kNoscriptPageMarkup.begin(), kNoscriptPageMarkup.end(),
                                  [&](std::string_view markup) { return icontains(body, markup); });
    kept_noscripts_ += page ? 1 : 0;
    return page;
  }

  // Their content is text: a "<style>" inside a <title> is not an element.
  std::size_t copy_raw_text_element(const Tag& tag) {
    const std::size_t close = find_close_tag(html_, tag.end, tag.name);
    std::size_t close_end =
        close == std::string_view::npos ? std::string_view::npos : tag_end(html_, close + 2 + tag.name.size());
    if (close_end == std::string_view::npos) close_end = html_.size();
    append_capped_tag(tag.text, tag.name_end - tag.start, out_.html);
    out_.html.append(html_.substr(tag.end, close_end - tag.end));
    return close_end;
  }

  // Tracks the open elements that nest; true when this tag is dropped: an
  // open tag beyond kMaxNesting, or the close tag of one.
  bool nesting_drops(const Tag& tag) {
    if (tag.self_closing || one_of(tag.name, kFlatElements) || iequals(tag.name, "head")) return false;
    std::string name = ascii::to_lower(tag.name);
    if (!tag.closing) {
      const bool drop = open_.size() >= static_cast<std::size_t>(kMaxNesting);
      ++open_count_[name];
      open_.push_back({std::move(name), drop});
      return drop;
    }
    // A close tag closes everything opened inside its element too, as the
    // parser does: "<div><span>x</div>" leaves no span open.
    const auto counted = open_count_.find(name);
    const auto match = counted == open_count_.end() || counted->second == 0
                           ? open_.rend()
                           : std::find_if(open_.rbegin(), open_.rend(),
                                          [&](const OpenElement& e) { return e.name == name; });
    if (match == open_.rend()) return false;
    const bool dropped = match->dropped;
    for (auto closed = open_.rbegin(); closed != std::next(match); ++closed) --open_count_[closed->name];
    open_.erase(std::next(match).base(), open_.end());
    return dropped;
  }

  // An open element that nests, with whether its open tag was dropped
  // (beyond kMaxNesting) so that its close tag goes too.
  struct OpenElement {
    std::string name;
    bool dropped;
  };

  std::string_view html_;
  Prescanned out_;
  std::vector<OpenElement> open_;  // innermost last
  // How many of each name are open: a close tag with none open is passed on
  // without a search, so stray close tags cost nothing however deep the stack.
  std::unordered_map<std::string, std::size_t> open_count_;
  int kept_noscripts_ = 0;
};

}  // namespace

Prescanned prescan_html(std::string_view html) { return Prescanner(html).run(); }

}  // namespace winnow::clean
