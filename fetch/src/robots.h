// robots.txt per RFC 9309: parse the group for our user agent, match paths by longest rule, read Crawl-delay.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::fetch {

// The rules of one robots.txt that apply to one user agent.
class RobotsRules {
 public:
  // Everything allowed (no robots.txt, or a 4xx answer).
  static RobotsRules allow_all();
  // Everything disallowed (a 5xx answer or an unreachable host).
  static RobotsRules disallow_all();
  // Parses a robots.txt body for `product` (the user agent's product token,
  // e.g. "winnow"; matched case-insensitively). Groups naming the product are
  // merged; without one, the "*" groups apply; without those, all is allowed.
  // Unknown lines and malformed lines are ignored, as the RFC asks.
  static RobotsRules parse(std::string_view text, std::string_view product);

  // Whether `path` (path and query of the URL, starting with "/") may be
  // fetched: the longest matching Allow/Disallow pattern wins ("*" matches
  // any run of characters, a final "$" anchors the end), Allow on a tie;
  // "/robots.txt" itself is always allowed.
  bool allowed(std::string_view path) const;
  // Crawl-delay in seconds from the applying group, 0 when absent.
  double crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  double crawl_delay_ = 0;
  bool disallow_all_ = false;
};

// The product token of a user agent string: "winnow/0.1 (+https://…)" gives "winnow".
std::string product_token(std::string_view user_agent);

// True when `pattern` (with "*" and a final "$") matches the start of `path`, or all of it with "$".
bool robots_pattern_matches(std::string_view pattern, std::string_view path);

}  // namespace winnow::fetch
