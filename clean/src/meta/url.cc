// Resolves links and other references against the address of the page they appear on.
#include "meta/url.h"

#include <vector>

#include "winnow/ascii.h"
#include "winnow/dot_segments.h"

namespace winnow::clean {
namespace {


// Length of the scheme at the start of url (without the ':'), or 0 when none.
std::size_t scheme_length(std::string_view url) {
  if (url.empty() || !ascii::is_alpha(url[0])) return 0;
  for (std::size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return i;
    if (!ascii::is_alnum(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// The five components of RFC 3986 appendix B; the has_ flags tell an empty
// component from an absent one ("x?" has an empty query, "x" has none).
struct UrlParts {
  std::string_view scheme;
  std::string_view authority;
  std::string_view path;
  std::string_view query;
  std::string_view fragment;
  bool has_authority = false;
  bool has_query = false;
  bool has_fragment = false;
};

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  if (std::size_t n = scheme_length(url); n > 0) {
    parts.scheme = url.substr(0, n);
    url.remove_prefix(n + 1);
  }
  if (std::size_t hash = url.find('#'); hash != std::string_view::npos) {
    parts.has_fragment = true;
    parts.fragment = url.substr(hash + 1);
    url = url.substr(0, hash);
  }
  if (std::size_t question = url.find('?'); question != std::string_view::npos) {
    parts.has_query = true;
    parts.query = url.substr(question + 1);
    url = url.substr(0, question);
  }
  if (url.substr(0, 2) == "//") {
    parts.has_authority = true;
    std::size_t slash = url.find('/', 2);
    if (slash == std::string_view::npos) slash = url.size();
    parts.authority = url.substr(2, slash - 2);
    url.remove_prefix(slash);
  }
  parts.path = url;
  return parts;
}

// `url` with the dot segments of its path removed, when it has an authority
// ("https://h/a/../b", "//h/./b"); RFC 3986 section 5.2.2 removes them from
// absolute references too. Other URLs (mailto:, data:...) are left alone.
std::string without_dot_segments(std::string_view url) {
  const UrlParts parts = split_url(url);
  if (!parts.has_authority) return std::string(url);
  const std::string path = winnow::remove_dot_segments(parts.path);
  if (path == parts.path) return std::string(url);
  const std::size_t path_start = static_cast<std::size_t>(parts.path.data() - url.data());
  return std::string(url.substr(0, path_start)) + path + std::string(url.substr(path_start + parts.path.size()));
}

}  // namespace

bool is_web_url(std::string_view url) {
  const std::size_t n = scheme_length(url);
  const std::string scheme = ascii::to_lower(url.substr(0, n));
  if (scheme != "http" && scheme != "https") return false;
  const UrlParts parts = split_url(url);
  if (!parts.has_authority) return false;
  // The host: the authority without user info and port. Blanks or controls in it are no host (a browser
  // drops tabs and newlines, so "https://\t" is "https://"), nor is an empty one ("https://user@:80").
  std::string_view host = parts.authority;
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos && !host.starts_with('[')) {
    host = host.substr(0, colon);
  }
  if (host.empty()) return false;
  for (const char c : host) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

bool is_absolute_url(std::string_view url) { return scheme_length(ascii::trim(url)) > 0; }

std::string resolve_url(std::string_view base, std::string_view href) {
  href = ascii::trim(href);
  base = ascii::trim(base);
  if (is_absolute_url(href)) return without_dot_segments(href);
  if (!is_absolute_url(base)) return std::string(href);

  UrlParts b = split_url(base);
  UrlParts r = split_url(href);
  std::string scheme = ascii::to_lower(b.scheme);
  if (r.has_authority) return scheme + ":" + without_dot_segments(href);

  std::string path;
  std::string_view query = r.query;
  bool has_query = r.has_query;
  if (r.path.empty()) {
    path = std::string(b.path);
    if (!has_query) {
      query = b.query;
      has_query = b.has_query;
    }
  } else if (r.path.front() == '/') {
    path = remove_dot_segments(r.path);
  } else {
    std::string merged;
    if (b.has_authority && b.path.empty()) {
      merged = "/";
    } else {
      std::size_t slash = b.path.rfind('/');
      if (slash != std::string_view::npos) merged = std::string(b.path.substr(0, slash + 1));
    }
    merged += r.path;
    path = remove_dot_segments(merged);
  }
  // Browsers show "http://host" as "http://host/"; doing the same keeps
  // resolved URLs comparable.
  if (b.has_authority && path.empty() && (scheme == "http" || scheme == "https")) path = "/";

  std::string out = scheme + ":";
  if (b.has_authority) {
    out += "//";
    out += b.authority;
  }
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (r.has_fragment) {
    out += '#';
    out += r.fragment;
  }
  return out;
}

}  // namespace winnow::clean
