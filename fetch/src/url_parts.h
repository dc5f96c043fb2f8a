// Splitting a URL into what the fetcher needs (libcurl's URL parser): scheme, the host key, the path for robots.txt.
#pragma once

#include <optional>
#include <string>

namespace winnow::fetch {

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case
  std::string origin;  // scheme://host:port, the key for per-host limits and robots.txt
  std::string path;    // path and query, starting with "/"
};

// Parses an absolute URL; nullopt when libcurl cannot parse it.
std::optional<UrlParts> parse_url(const std::string& url);

// Why parse_url() refuses `url`, e.g. "bad hostname", "it needs http:// or https://"; "" when it does not.
std::string url_problem(const std::string& url);

}  // namespace winnow::fetch
