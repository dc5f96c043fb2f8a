// parse_url() on top of curl_url().
#include "url_parts.h"

#include <algorithm>
#include <curl/curl.h>

#include "curl_handles.h"
#include "winnow/ascii.h"

namespace winnow::fetch {
namespace {

std::optional<std::string> part(CURLU* url, CURLUPart which, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, which, &value, flags) != CURLUE_OK || !value) return std::nullopt;
  std::string out(value);
  curl_free(value);
  return out;
}

}  // namespace

std::optional<UrlParts> parse_url(const std::string& url) {
  UrlHandle handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return std::nullopt;
  }
  auto scheme = part(handle.get(), CURLUPART_SCHEME);
  auto host = part(handle.get(), CURLUPART_HOST);
  auto port = part(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (!scheme || !host) return std::nullopt;
  UrlParts parts;
  parts.scheme = ascii::to_lower(*scheme);
  parts.host = ascii::to_lower(*host);
  parts.origin = parts.scheme + "://" + parts.host + (port ? ":" + *port : "");
  parts.path = part(handle.get(), CURLUPART_PATH).value_or("/");
  if (parts.path.empty()) parts.path = "/";
  if (auto query = part(handle.get(), CURLUPART_QUERY)) parts.path += "?" + *query;
  return parts;
}

std::string url_problem(const std::string& url) {
  if (parse_url(url)) return "";
  UrlHandle handle(curl_url());
  if (!handle) return "out of memory";
  const CURLUcode code = curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (code == CURLUE_OK) return "no host";
  if (code == CURLUE_BAD_SCHEME && url.find("://") == std::string::npos) return "it needs http:// or https://";
  return ascii::to_lower(curl_url_strerror(code));
}

}  // namespace winnow::fetch
