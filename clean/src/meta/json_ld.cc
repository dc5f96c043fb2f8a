// Reads what a page's JSON-LD (schema.org) blocks say about its main article.
#include "meta/json_ld.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "html/dom.h"
#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

using ascii::is_space;
using ascii::trim;

using Json = nlohmann::json;

// How deep into nested objects we look; real pages need three or four levels,
// and the bound keeps hostile input from recursing without limit.
constexpr int kMaxDepth = 10;
constexpr int kMaxJsonNesting = 200;

constexpr std::array<std::pair<std::string_view, char32_t>, 44> kNamedEntities = {{
    {"amp", U'&'},       {"lt", U'<'},        {"gt", U'>'},        {"quot", U'"'},
    {"apos", U'\''},     {"nbsp", 0xA0},      {"hellip", 0x2026},  {"mdash", 0x2014},
    {"ndash", 0x2013},   {"lsquo", 0x2018},   {"rsquo", 0x2019},   {"sbquo", 0x201A},
    {"ldquo", 0x201C},   {"rdquo", 0x201D},   {"bdquo", 0x201E},   {"laquo", 0xAB},
    {"raquo", 0xBB},     {"copy", 0xA9},      {"reg", 0xAE},       {"trade", 0x2122},
    {"bull", 0x2022},    {"middot", 0xB7},    {"deg", 0xB0},       {"times", 0xD7},
    {"euro", 0x20AC},    {"pound", 0xA3},     {"eacute", 0xE9},    {"egrave", 0xE8},
    {"ecirc", 0xEA},     {"aacute", 0xE1},    {"agrave", 0xE0},    {"acirc", 0xE2},
    {"iacute", 0xED},    {"oacute", 0xF3},    {"ocirc", 0xF4},     {"uacute", 0xFA},
    {"ntilde", 0xF1},    {"ccedil", 0xE7},    {"auml", 0xE4},      {"ouml", 0xF6},
    {"uuml", 0xFC},      {"szlig", 0xDF},     {"Eacute", 0xC9},    {"shy", 0xAD},
}};

constexpr std::array<std::string_view, 11> kArticleTypes = {
    "Article",         "NewsArticle",        "BlogPosting",        "ReportageNewsArticle",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ScholarlyArticle", "TechArticle",
    "LiveBlogPosting", "SocialMediaPosting", "Report"};
constexpr std::array<std::string_view, 4> kCreativeWorkTypes = {"CreativeWork", "Recipe", "Review",
                                                                "HowTo"};

void append_utf8(std::string& out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The code point of the reference body between '&' and ';', or -1.
long entity_value(std::string_view name) {
  if (name.size() >= 2 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return -1;
    long value = 0;
    for (char c : digits) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return -1;
      value = value * (hex ? 16 : 10) + d;
    }
    return value;
  }
  for (const auto& [entity, cp] : kNamedEntities) {
    if (entity == name) return static_cast<long>(cp);
  }
  return -1;
}

// Removes "<p>", "</em>", "<br/>": some CMSs put markup in their JSON-LD text.
std::string strip_tags(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<' && i + 1 < text.size()) {
      char next = text[i + 1];
      bool tag_start = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/';
      std::size_t close = text.find('>', i + 1);
      if (tag_start && close != std::string_view::npos) {
        out += ' ';
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string clean_text(std::string_view raw) {
  return collapse_whitespace(strip_tags(decode_html_entities(raw)));
}

// Takes off what wraps the JSON in sloppy pages: <!-- -->, CDATA markers, ";".
std::string_view strip_wrappers(std::string_view body) {
  static constexpr std::array<std::string_view, 4> kPrefixes = {"<!--", "//<![CDATA[",
                                                                "/*<![CDATA[*/", "<![CDATA["};
  static constexpr std::array<std::string_view, 6> kSuffixes = {"-->", "//]]>", "/*]]>*/",
                                                                "]]>", ";",     "//"};
  std::string_view s = trim(body);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view prefix : kPrefixes) {
      if (s.substr(0, prefix.size()) == prefix) {
        s = trim(s.substr(prefix.size()));
        changed = true;
      }
    }
    for (std::string_view suffix : kSuffixes) {
      if (s.ends_with(suffix)) {
        s = trim(s.substr(0, s.size() - suffix.size()));
        changed = true;
      }
    }
  }
  return s;
}

// Makes strings JSON-valid the way browsers' lenient readers would: raw
// control characters become spaces and invalid escapes ("\'") lose the backslash.
std::string repair_strings(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!in_string) {
      if (c == '"') in_string = true;
      out += c;
      continue;
    }
    if (c == '\\') {
      if (i + 1 < s.size() && std::string_view("\"\\/bfnrtu").find(s[i + 1]) != std::string_view::npos) {
        out += c;
        out += s[++i];
      }
      continue;
    }
    if (c == '"') in_string = false;
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  return out;
}

// The deepest nesting of arrays and objects in JSON text, strings skipped.
int nesting_depth(std::string_view s) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

Json parse_body(std::string_view body) {
  std::string_view s = strip_wrappers(body);
  // Parsing is iterative, but parts of nlohmann::json (copies, comparisons)
  // recurse; no real page nests this deep.
  if (s.empty() || nesting_depth(s) > kMaxJsonNesting) return Json();
  Json json = Json::parse(s, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (json.is_discarded()) {
    json = Json::parse(repair_strings(s), nullptr, false, true);
  }
  if (json.is_discarded()) return Json();
  return json;
}

// "Article", "schema:Article" and "http://schema.org/Article" are one type.
std::string_view short_type(std::string_view type) {
  std::size_t cut = type.find_last_of("/:#");
  return cut == std::string_view::npos ? type : type.substr(cut + 1);
}

int type_rank(std::string_view type) {
  type = short_type(type);
  if (std::find(kArticleTypes.begin(), kArticleTypes.end(), type) != kArticleTypes.end() ||
      type.ends_with("Article") || type.ends_with("Posting")) {
    return 3;
  }
  if (std::find(kCreativeWorkTypes.begin(), kCreativeWorkTypes.end(), type) != kCreativeWorkTypes.end()) {
    return 2;
  }
  if (type.ends_with("Page")) return 1;
  return 0;
}

template <class F>
void for_each_type(const Json& object, F f) {
  auto it = object.find("@type");
  if (it == object.end()) return;
  if (it->is_string()) f(it->get_ref<const std::string&>());
  if (it->is_array()) {
    for (const Json& t : *it) {
      if (t.is_string()) f(t.get_ref<const std::string&>());
    }
  }
}

int rank_of(const Json& object) {
  int rank = 0;
  for_each_type(object, [&](const std::string& t) { rank = std::max(rank, type_rank(t)); });
  return rank;
}

bool has_type(const Json& object, std::string_view wanted) {
  bool found = false;
  for_each_type(object, [&](const std::string& t) { found = found || short_type(t) == wanted; });
  return found;
}

struct Index {
  std::vector<const Json*> objects;  // top-level, array, @graph and mainEntity objects, in order
  std::unordered_map<std::string, const Json*> by_id;
};

void collect_objects(const Json& node, int depth, Index& index) {
  if (depth > kMaxDepth) return;
  if (node.is_array()) {
    for (const Json& item : node) collect_objects(item, depth + 1, index);
  } else if (node.is_object()) {
    index.objects.push_back(&node);
    for (const char* key : {"@graph", "mainEntity"}) {
      if (auto it = node.find(key); it != node.end()) collect_objects(*it, depth + 1, index);
    }
  }
}

void register_ids(const Json& node, int depth, Index& index) {
  if (depth > kMaxDepth) return;
  if (node.is_array()) {
    for (const Json& item : node) register_ids(item, depth + 1, index);
  } else if (node.is_object()) {
    auto id = node.find("@id");
    if (id != node.end() && id->is_string() && node.size() > 1) {
      index.by_id.emplace(id->get<std::string>(), &node);
    }
    for (const Json& value : node) register_ids(value, depth + 1, index);
  }
}

// Follows {"@id": "..."} references (Yoast's @graph uses them for authors,
// publishers and images) to the object that has the data.
const Json& deref(const Json& value, const Index& index) {
  if (!value.is_object() || value.contains("name") || value.contains("url")) return value;
  auto id = value.find("@id");
  if (id == value.end() || !id->is_string()) return value;
  auto found = index.by_id.find(id->get<std::string>());
  return found == index.by_id.end() ? value : *found->second;
}

const Json* member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// A string member, or the first string of an array member; empty otherwise.
std::string string_of(const Json* value) {
  if (value == nullptr) return {};
  if (value->is_string()) return std::string(trim(value->get_ref<const std::string&>()));
  if (value->is_array()) {
    for (const Json& item : *value) {
      if (item.is_string() && !trim(item.get_ref<const std::string&>()).empty()) {
        return std::string(trim(item.get_ref<const std::string&>()));
      }
    }
  }
  return {};
}

void add_author(std::vector<std::string>& authors, std::string_view raw) {
  std::string name = clean_text(raw);
  if (name.empty() || std::find(authors.begin(), authors.end(), name) != authors.end()) return;
  authors.push_back(std::move(name));
}

void add_people(std::vector<std::string>& authors, const Json& value, const Index& index, int depth) {
  if (depth > 3) return;
  if (value.is_string()) {
    add_author(authors, value.get_ref<const std::string&>());
  } else if (value.is_array()) {
    for (const Json& item : value) add_people(authors, item, index, depth + 1);
  } else if (value.is_object()) {
    const Json& person = deref(value, index);
    std::string name = string_of(member(person, "name"));
    if (name.empty()) {
      name = std::string(trim(string_of(member(person, "givenName")) + " " +
                              string_of(member(person, "familyName"))));
    }
    add_author(authors, name);
  }
}

std::string image_of(const Json* value, const Index& index, int depth = 0) {
  if (value == nullptr || depth > 3) return {};
  if (value->is_string()) return std::string(trim(value->get_ref<const std::string&>()));
  if (value->is_array()) {
    for (const Json& item : *value) {
      if (std::string url = image_of(&item, index, depth + 1); !url.empty()) return url;
    }
    return {};
  }
  if (value->is_object()) {
    const Json& image = deref(*value, index);
    for (const char* key : {"url", "contentUrl"}) {
      if (std::string url = string_of(member(image, key)); !url.empty()) return url;
    }
  }
  return {};
}

std::string language_of(const Json* value) {
  if (value == nullptr) return {};
  if (value->is_object()) {
    for (const char* key : {"alternateName", "name"}) {
      if (std::string s = string_of(member(*value, key)); !s.empty()) return s;
    }
    return {};
  }
  return string_of(value);
}

std::string page_url_of(const Json& object) {
  if (const Json* main = member(object, "mainEntityOfPage")) {
    if (std::string url = string_of(main); !url.empty()) return url;
    if (main->is_object()) {
      for (const char* key : {"@id", "url"}) {
        if (std::string url = string_of(member(*main, key)); !url.empty()) return url;
      }
    }
  }
  return string_of(member(object, "url"));
}

std::string publisher_name(const Json& object, const Index& index) {
  const Json* publisher = member(object, "publisher");
  if (publisher == nullptr) return {};
  const Json& first = publisher->is_array() && !publisher->empty() ? (*publisher)[0] : *publisher;
  if (first.is_string()) return clean_text(first.get_ref<const std::string&>());
  if (!first.is_object()) return {};
  return clean_text(string_of(member(deref(first, index), "name")));
}

void fill(std::string& field, std::string value) {
  if (field.empty()) field = std::move(value);
}

// Fills the fields of out that are still empty from one schema.org object.
void read_object(const Json& object, const Index& index, JsonLd& out) {
  fill(out.title, clean_text(string_of(member(object, "headline"))));
  fill(out.title, clean_text(string_of(member(object, "name"))));
  if (out.authors.empty()) {
    for (const char* key : {"author", "creator"}) {
      if (const Json* people = member(object, key); people != nullptr && out.authors.empty()) {
        add_people(out.authors, *people, index, 0);
      }
    }
  }
  for (const char* key : {"datePublished", "dateCreated", "uploadDate"}) {
    fill(out.published, string_of(member(object, key)));
  }
  fill(out.modified, string_of(member(object, "dateModified")));
  fill(out.site_name, publisher_name(object, index));
  fill(out.description, clean_text(string_of(member(object, "description"))));
  fill(out.language, language_of(member(object, "inLanguage")));
  fill(out.image, image_of(member(object, "image"), index));
  fill(out.image, image_of(member(object, "thumbnailUrl"), index));
  fill(out.url, page_url_of(object));
}

}  // namespace

std::string decode_html_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      std::size_t semi = text.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        long cp = entity_value(text.substr(i + 1, semi - i - 1));
        if (cp >= 0) {
          // A soft hyphen is an invisible line-break hint; it only gets in the way in metadata.
          if (cp != 0xAD) append_utf8(out, static_cast<char32_t>(cp));
          i = semi;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

JsonLd read_json_ld(const std::vector<std::string>& bodies) {
  std::vector<Json> documents;
  documents.reserve(bodies.size());
  for (const std::string& body : bodies) {
    Json json = parse_body(body);
    if (json.is_object() || json.is_array()) documents.push_back(std::move(json));
  }
  Index index;
  for (const Json& document : documents) {
    collect_objects(document, 0, index);
    register_ids(document, 0, index);
  }

  const Json* main = nullptr;
  int main_rank = 0;
  for (const Json* object : index.objects) {
    if (int rank = rank_of(*object); rank > main_rank) {
      main = object;
      main_rank = rank;
    }
  }

  JsonLd out;
  for (const Json* object : index.objects) {
    for_each_type(*object, [&](const std::string& t) { out.types.emplace_back(short_type(t)); });
  }
  if (main != nullptr) {
    read_object(*main, index, out);
    // Only page-level objects may fill gaps: a second article on the page
    // (a "related" teaser) would lend the main one its image or date.
    for (int rank = main_rank - 1; rank > 0; --rank) {
      for (const Json* object : index.objects) {
        if (rank_of(*object) == rank) read_object(*object, index, out);
      }
    }
  }
  for (const Json* object : index.objects) {
    if (out.site_name.empty() && has_type(*object, "WebSite")) {
      out.site_name = clean_text(string_of(member(*object, "name")));
    }
  }
  return out;
}

}  // namespace winnow::clean
