// URL normalisation (so one page has one key) and the site a URL belongs to (so its pages share deltas and a dictionary).
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "winnow/archive.h"

namespace winnow::archive {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

Error bad_url(std::string_view url, std::string_view why) {
  return Error{ErrorKind::kInvalidInput, "bad URL '" + std::string(url) + "': " + std::string(why)};
}

// Second-level labels under which country domains register names (example.co.uk, example.com.br).
bool is_second_level_registry(std::string_view label) {
  static constexpr std::array<std::string_view, 12> kLabels = {"ac", "co", "com", "edu", "go", "gov",
                                                                "gv", "ne", "net", "or", "org", "gob"};
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

}  // namespace

Result<std::string> normalize_url(std::string_view url) {
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  if (url.empty()) return bad_url(url, "it is empty");
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad_url(url, "it contains spaces or control characters (percent-encode them)");
    }
  }
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(url[0]))) {
    return bad_url(url, "no scheme (expected http://, https:// or file://)");
  }
  const std::string scheme = lower(url.substr(0, colon));
  if (scheme != "http" && scheme != "https" && scheme != "file") {
    return bad_url(url, "scheme '" + scheme + "' is not supported (use http, https or file)");
  }
  std::string_view rest = url.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return bad_url(url, "expected '//' after '" + scheme + ":'");
  rest.remove_prefix(2);
  const std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  const std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  std::string userinfo;
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    userinfo = std::string(authority.substr(0, at + 1));
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
  std::string normalized_host = lower(host);
  if (scheme == "file") {
    if (normalized_host == "localhost") normalized_host.clear();
    if (!normalized_host.empty() || !port.empty() || !userinfo.empty()) {
      return bad_url(url, "file URLs name a local path: file:///absolute/path");
    }
    if (path.empty() || path.front() != '/') return bad_url(url, "a file URL needs an absolute path");
    return "file://" + std::string(path);
  }
  if (normalized_host.empty()) return bad_url(url, "no host name");
  const bool default_port = port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  std::string out = scheme + "://" + userinfo + normalized_host;
  if (!default_port) out += ":" + std::string(port);
  if (path.empty() || path.front() != '/') out += "/";
  out += path;
  return out;
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
