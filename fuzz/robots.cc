// Fuzz target: robots.txt parsing (RobotsRules::parse) and matching (allowed, robots_pattern_matches).
//
// Input: the first line is the product token, the rest the robots.txt body. The paths asked about are
// "/", "/robots.txt" and every rule's value (made to start with "/"), so matching meets patterns like them.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks.h"
#include "robots.h"

using namespace winnow;

namespace {

// A plain dynamic-programming matcher as the reference: '*' any run, a final '$' the end, else a prefix.
bool reference_match(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // reach[j]: the pattern so far can match path[0, j).
  std::vector<char> reach(path.size() + 1, 0), next(path.size() + 1, 0);
  reach[0] = 1;
  for (const char p : pattern) {
    std::fill(next.begin(), next.end(), 0);
    if (p == '*') {
      char any = 0;
      for (std::size_t j = 0; j <= path.size(); ++j) next[j] = any = any || reach[j];
    } else {
      for (std::size_t j = 0; j < path.size(); ++j) next[j + 1] = reach[j] && path[j] == p;
    }
    reach.swap(next);
  }
  if (anchored) return reach[path.size()];
  for (const char r : reach) {
    if (r) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view product = input.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  if (product.size() > 64) return 0;

  const fetch::RobotsRules rules = fetch::RobotsRules::parse(body, product);
  fuzz::require(!std::isnan(rules.crawl_delay()) && rules.crawl_delay() >= 0, "Crawl-delay is negative or NaN");
  fuzz::require(rules.allowed("/robots.txt"), "/robots.txt is not allowed");

  std::vector<std::string> paths{"/", "/a"};
  for (std::size_t start = 0; start < body.size() && paths.size() < 32;) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = body.substr(start, end - start);
    if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      std::string path(line.substr(colon + 1));
      while (!path.empty() && (path[0] == ' ' || path[0] == '\t')) path.erase(0, 1);
      if (path.empty() || path[0] != '/') path.insert(0, "/");
      paths.push_back(std::move(path));
    }
    start = end + 1;
  }
  for (const std::string& path : paths) (void)rules.allowed(path);
  // The linear matcher against the reference, on pairs of the first eight rule values as pattern and path.
  const std::size_t compared = std::min<std::size_t>(paths.size(), 8);
  for (std::size_t i = 0; i < compared; ++i) {
    const std::string& pattern = paths[i];
    if (pattern.size() > 128) continue;
    for (std::size_t k = 0; k < compared; ++k) {
      const std::string& path = paths[k];
      if (path.size() > 128) continue;
      const std::string trimmed(path.substr(0, path.find('$')));
      fuzz::require(fetch::robots_pattern_matches(pattern, trimmed) == reference_match(pattern, trimmed),
                    "robots_pattern_matches disagrees with the reference matcher", pattern + " ~ " + trimmed);
    }
  }
  (void)fetch::product_token(product);
  return 0;
}
