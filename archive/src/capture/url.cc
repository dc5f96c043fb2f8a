// URL normalisation (so one page has one key), file paths as file:// URLs, and the site a URL belongs to (so its pages share deltas and a dictionary).
#include <idn2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "winnow/archive.h"
#include "winnow/ascii.h"
#include "winnow/dot_segments.h"

namespace winnow::archive {
namespace {

Error bad_url(std::string_view url, std::string_view why) {
  return Error{ErrorKind::kInvalidInput, "bad URL '" + std::string(url) + "': " + std::string(why)};
}

// Second-level labels under which country domains register names (example.co.uk, example.com.br).
bool is_second_level_registry(std::string_view label) {
  static constexpr std::array<std::string_view, 12> kLabels = {"ac", "co", "com", "edu", "go", "gov",
                                                                "gv", "ne", "net", "or", "org", "gob"};
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

int hex_value(char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10; }

void append_escape(std::string& out, unsigned char byte) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[byte >> 4];
  out += kHex[byte & 15];
}

// The WHATWG URL standard's percent-encode sets, as byte tests.
bool in_path_set(unsigned char c) {
  return c < 0x21 || c > 0x7e || c == '"' || c == '#' || c == '<' || c == '>' || c == '?' || c == '`' || c == '{' ||
         c == '}';
}
bool in_userinfo_set(unsigned char c) {
  return in_path_set(c) || c == '/' || c == ':' || c == ';' || c == '=' || c == '@' || (c >= '[' && c <= '^') ||
         c == '|';
}
bool in_special_query_set(unsigned char c) {
  return c < 0x21 || c > 0x7e || c == '"' || c == '#' || c == '<' || c == '>' || c == '\'';
}

// `text` with every byte in `encode` percent-encoded and existing escapes
// upper-cased ("%2f" -> "%2F"), so the two spellings of one URL are one key.
// A '%' that starts no escape is kept, as browsers keep it.
template <class Set>
std::string canonical_escapes(std::string_view text, Set encode) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      append_escape(out, static_cast<unsigned char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else if (encode(c)) {
      append_escape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && is_hex(text[i + 1]) && is_hex(text[i + 2])) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool needs_idna(std::string_view host) {
  if (std::any_of(host.begin(), host.end(), [](unsigned char c) { return c >= 0x80; })) return true;
  for (std::size_t start = 0; start < host.size();) {
    if (ascii::to_lower(host.substr(start, 4)) == "xn--") return true;
    const std::size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return false;
}

struct Idn2Free {
  void operator()(char* text) const { idn2_free(text); }
};

// The host as the WHATWG URL standard writes it: percent-decoded, then
// lower-case ASCII, international names in their xn-- form (UTS #46,
// non-transitional, as browsers do). Fails for forbidden characters and
// names IDNA refuses.
Result<std::string> canonical_host(std::string_view url, std::string_view raw_host) {
  if (!raw_host.empty() && raw_host.front() == '[') {
    if (raw_host.back() != ']' || raw_host.size() < 4 ||
        !std::all_of(raw_host.begin() + 1, raw_host.end() - 1,
                     [](unsigned char c) { return std::isxdigit(c) || c == ':' || c == '.'; })) {
      return bad_url(url, "'" + std::string(raw_host) + "' is not an IPv6 address in brackets");
    }
    return ascii::to_lower(raw_host);
  }
  const auto forbidden = [&](std::string_view host) -> std::optional<Error> {
    for (const char c : host) {
      static constexpr std::string_view kForbidden("\0\t\n\r #/:<>?@[\\]^|%", 18);
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || kForbidden.find(c) != std::string_view::npos) {
        return bad_url(url, "the host name may not contain " +
                                (c == ' ' ? std::string("spaces")
                                          : static_cast<unsigned char>(c) < 0x20 || c == 0x7f
                                                ? std::string("control characters")
                                                : "'" + std::string(1, c) + "'"));
      }
    }
    return std::nullopt;
  };
  const std::string host = percent_decode(raw_host);
  if (auto problem = forbidden(host)) return *problem;
  if (!needs_idna(host)) return ascii::to_lower(host);
  char* raw_ascii = nullptr;
  const int rc = idn2_to_ascii_8z(host.c_str(), &raw_ascii, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  const std::unique_ptr<char, Idn2Free> ascii(raw_ascii);
  if (rc != IDN2_OK) {
    return bad_url(url, "the host '" + std::string(raw_host) + "' is not a valid international domain name (" +
                            idn2_strerror(rc) + "); check its spelling, or give its xn-- form");
  }
  // IDNA maps some characters onto forbidden ones (U+200A HAIR SPACE to a space, U+FF0F to '/'): the
  // standard checks the ASCII result again, so a key never holds a host it would refuse.
  if (auto problem = forbidden(ascii.get())) return *problem;
  return ascii::to_lower(ascii.get());
}

// The path with dot segments removed (also "%2e" ones) and the bytes WHATWG
// encodes percent-encoded; "/" for an empty path.
std::string canonical_path(std::string_view path) {
  if (path.empty()) return "/";
  return canonical_escapes(remove_dot_segments(path), in_path_set);
}

}  // namespace

Result<std::string> normalize_url(std::string_view url) {
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  if (url.empty()) return bad_url(url, "it is empty");
  for (const char c : url) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return bad_url(url, "it contains control characters (percent-encode them)");
    }
  }
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(url[0]))) {
    return bad_url(url, "no scheme (expected http://, https:// or file://)");
  }
  const std::string scheme = ascii::to_lower(url.substr(0, colon));
  if (scheme != "http" && scheme != "https" && scheme != "file") {
    return bad_url(url, "scheme '" + scheme + "' is not supported (use http, https or file)");
  }
  // These schemes are "special" to browsers: a backslash before the query is a slash.
  std::string rest(url.substr(colon + 1));
  std::replace(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(std::min(rest.find_first_of("?#"), rest.size())),
               '\\', '/');
  if (rest.substr(0, 2) != "//") return bad_url(url, "expected '//' after '" + scheme + ":'");
  rest.erase(0, 2);
  const std::size_t hash = rest.find('#');
  if (hash != std::string::npos) rest.resize(hash);
  const std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = std::string_view(rest).substr(0, authority_end);
  std::string_view path_and_query =
      authority_end == std::string::npos ? std::string_view() : std::string_view(rest).substr(authority_end);
  const std::size_t question = path_and_query.find('?');
  const std::string_view path = path_and_query.substr(0, question);
  const std::optional<std::string_view> query =
      question == std::string_view::npos ? std::nullopt : std::optional(path_and_query.substr(question + 1));

  // User name and password are percent-encoded as browsers do (so the key is ASCII, like the rest of it), and
  // empty ones dropped: "http://@h/" and "http://h/" are one URL.
  std::string userinfo;
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view credentials = authority.substr(0, at);
    const std::size_t split = credentials.find(':');
    const std::string user = canonical_escapes(credentials.substr(0, split), in_userinfo_set);
    const std::string password =
        split == std::string_view::npos ? "" : canonical_escapes(credentials.substr(split + 1), in_userinfo_set);
    if (!user.empty() || !password.empty()) userinfo = user + (password.empty() ? "" : ":" + password) + "@";
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  const std::size_t bracket = authority.rfind(']');
  const std::size_t port_colon = authority.rfind(':');
  if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
    host = authority.substr(0, port_colon);
    port = authority.substr(port_colon + 1);
    if (!std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
        port.size() > 5 || (!port.empty() && std::stoi(std::string(port)) > 65535)) {
      return bad_url(url, "port '" + std::string(port) + "' is not a number from 0 to 65535");
    }
    while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  }
  std::string tail = canonical_path(path);
  if (query) tail += "?" + canonical_escapes(*query, in_special_query_set);
  if (scheme == "file") {
    if (ascii::to_lower(host) == "localhost") host = {};
    if (!host.empty() || !port.empty() || !userinfo.empty()) {
      return bad_url(url, "file URLs name a local path: file:///absolute/path");
    }
    if (path.empty() || path.front() != '/') return bad_url(url, "a file URL needs an absolute path");
    return "file://" + tail;
  }
  if (host.empty()) return bad_url(url, "no host name");
  Result<std::string> normalized_host = canonical_host(url, host);
  if (!normalized_host) return normalized_host.error();
  if (normalized_host.value().empty()) return bad_url(url, "no host name");
  const bool default_port = port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  std::string out = scheme + "://" + userinfo + normalized_host.value();
  if (!default_port) out += ":" + std::string(port);
  return out + tail;
}

std::string file_url(std::string_view absolute_path) {
  // The path set, and what would change the URL's meaning: '%' (an escape)
  // and '\\' (a slash to browsers).
  std::string out = "file://";
  for (const char c : absolute_path) {
    const auto byte = static_cast<unsigned char>(c);
    if (in_path_set(byte) || c == '%' || c == '\\') {
      append_escape(out, byte);
    } else {
      out += c;
    }
  }
  // Dot segments last, on the escaped path: normalize_url removes "." and "..", so they must not survive
  // here, while a name such as "%2e" (escaped above to "%252e") is a file's name, not a dot segment.
  return "file://" + remove_dot_segments(std::string_view(out).substr(7));
}

std::string site_of(std::string_view normalized_url) {
  if (normalized_url.substr(0, 5) == "file:") return "file";
  std::size_t start = normalized_url.find("://");
  if (start == std::string_view::npos) return std::string(normalized_url);
  start += 3;
  std::string_view host = normalized_url.substr(start, normalized_url.find_first_of("/?", start) - start);
  const std::size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  if (!host.empty() && host.front() == '[') return std::string(host.substr(0, host.find(']') + 1));
  const std::size_t port = host.rfind(':');
  if (port != std::string_view::npos) host = host.substr(0, port);
  if (!host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isdigit(c) || c == '.'; })) {
    return std::string(host);  // an IPv4 address is its own site
  }
  // The last two labels, or three under a country's second-level registry (co.uk, com.br).
  std::vector<std::string_view> labels;
  std::size_t from = 0;
  while (from <= host.size()) {
    const std::size_t dot = host.find('.', from);
    labels.push_back(host.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  std::size_t keep = 2;
  if (labels.size() >= 3 && labels.back().size() == 2 && is_second_level_registry(labels[labels.size() - 2])) keep = 3;
  if (labels.size() <= keep) return std::string(host);
  std::string site;
  for (std::size_t i = labels.size() - keep; i < labels.size(); ++i) {
    if (!site.empty()) site += '.';
    site += labels[i];
  }
  return site;
}

}  // namespace winnow::archive
