// SURT keys and CDXJ lines for the index of an exported WARC.
#include "winnow/cdxj.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "winnow/ascii.h"

namespace winnow::warc {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// "www.Example.com:80" (after userinfo) -> "com,example"; default ports dropped, other ports kept as ":8080".
std::string surt_host(std::string_view authority, std::string_view scheme) {
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (const std::size_t colon = authority.rfind(':');
      colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port = {};
  std::string lower = ascii::to_lower(host);
  if (lower.starts_with("www.")) lower.erase(0, 4);
  std::vector<std::string_view> labels = split(lower, '.');
  std::reverse(labels.begin(), labels.end());
  std::string out;
  for (const std::string_view label : labels) {
    if (!out.empty()) out += ',';
    out += label;
  }
  if (!port.empty()) out += ":" + std::string(port);
  return out;
}

}  // namespace

std::string surt(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return ascii::to_lower(url);
  const std::string scheme = ascii::to_lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const std::size_t path_start = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, path_start);
  std::string_view path_and_query = path_start == std::string_view::npos ? std::string_view("/") : rest.substr(path_start);
  std::string path(path_and_query.substr(0, path_and_query.find('?')));
  if (path.empty()) path = "/";
  std::string out = surt_host(authority, scheme) + ")" + ascii::to_lower(path);
  if (const std::size_t question = path_and_query.find('?'); question != std::string_view::npos) {
    const std::string query = ascii::to_lower(path_and_query.substr(question + 1));
    std::vector<std::string_view> arguments = split(query, '&');
    std::sort(arguments.begin(), arguments.end());
    out += '?';
    for (std::size_t i = 0; i < arguments.size(); ++i) {
      if (i > 0) out += '&';
      out += arguments[i];
    }
  }
  return out;
}

std::string cdx_timestamp(std::string_view iso_time) {
  std::string digits;
  for (const char c : iso_time) {
    if (ascii::is_digit(c)) {
      digits += c;
    } else if (c == '.' || c == 'Z' || c == '+') {
      break;
    }
  }
  if (digits.size() < 14) return {};
  return digits.substr(0, 14);
}

std::string cdxj_line(const CdxjEntry& entry) {
  nlohmann::ordered_json fields;
  fields["url"] = entry.url;
  fields["mime"] = entry.mime.empty() ? "unk" : entry.mime;
  fields["status"] = entry.status > 0 ? std::to_string(entry.status) : "-";
  std::string digest = entry.digest;
  if (digest.starts_with("sha1:")) digest.erase(0, 5);  // pywb's indexes give the bare base32 digest
  fields["digest"] = digest;
  fields["length"] = std::to_string(entry.length);
  fields["offset"] = std::to_string(entry.offset);
  fields["filename"] = entry.filename;
  return surt(entry.url) + " " + cdx_timestamp(entry.time) + " " +
         fields.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace winnow::warc
