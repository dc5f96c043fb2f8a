// RobotsRules: the RFC 9309 parser and the longest-match path test.
#include "robots.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "winnow/ascii.h"

namespace winnow::fetch {

RobotsRules RobotsRules::allow_all() { return RobotsRules(); }

RobotsRules RobotsRules::disallow_all() {
  RobotsRules rules;
  rules.disallow_all_ = true;
  return rules;
}

RobotsRules RobotsRules::parse(std::string_view text, std::string_view product) {
  const std::string agent = ascii::to_lower(product);
  RobotsRules ours, star;
  bool have_ours = false, have_star = false;
  // The group being read: which agents it names, and whether its rules started.
  bool group_ours = false, group_star = false, in_rules = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = ascii::to_lower(ascii::trim(line.substr(0, colon)));
    const std::string_view value = ascii::trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (in_rules) {
        group_ours = group_star = false;
        in_rules = false;
      }
      const std::string name = ascii::to_lower(value);
      if (name == "*") {
        group_star = true;
        have_star = true;
      } else if (!agent.empty() && name == agent) {
        group_ours = true;
        have_ours = true;
      }
      continue;
    }
    if (key != "allow" && key != "disallow" && key != "crawl-delay") continue;
    in_rules = true;
    for (RobotsRules* target : {group_ours ? &ours : nullptr, group_star ? &star : nullptr}) {
      if (!target) continue;
      if (key == "crawl-delay") {
        const double delay = std::strtod(std::string(value).c_str(), nullptr);
        if (delay > 0) target->crawl_delay_ = delay;
      } else if (!value.empty()) {  // an empty Disallow allows everything: no rule
        target->rules_.push_back({key == "allow", std::string(value)});
      }
    }
  }
  if (have_ours) return ours;
  if (have_star) return star;
  return allow_all();
}

bool robots_pattern_matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // The pieces between '*'s are matched in order, each at its leftmost place after the one before:
  // exact for patterns whose only wildcard is '*', and linear (memmem), where backtracking is
  // quadratic on a hostile rule such as "*aaaa…b" against a long path.
  std::size_t star = pattern.find('*');
  const std::string_view head = pattern.substr(0, star);
  if (!path.starts_with(head)) return false;
  if (star == std::string_view::npos) return !anchored || path.size() == head.size();
  std::size_t at = head.size();
  pattern.remove_prefix(star + 1);
  while ((star = pattern.find('*')) != std::string_view::npos) {
    const std::string_view piece = pattern.substr(0, star);
    pattern.remove_prefix(star + 1);
    if (piece.empty()) continue;
    const void* found = memmem(path.data() + at, path.size() - at, piece.data(), piece.size());
    if (!found) return false;
    at = static_cast<std::size_t>(static_cast<const char*>(found) - path.data()) + piece.size();
  }
  // The last piece: anywhere after `at`, or with "$" at the very end.
  if (anchored) return path.size() - at >= pattern.size() && path.ends_with(pattern);
  return pattern.empty() || memmem(path.data() + at, path.size() - at, pattern.data(), pattern.size()) != nullptr;
}

bool RobotsRules::allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  if (disallow_all_) return false;
  std::size_t best = 0;
  bool allow = true, matched = false;
  for (const Rule& rule : rules_) {
    if (!robots_pattern_matches(rule.pattern, path)) continue;
    const std::size_t length = rule.pattern.size();
    if (!matched || length > best || (length == best && rule.allow)) {
      best = length;
      allow = rule.allow;
      matched = true;
    }
  }
  return allow;
}

std::string product_token(std::string_view user_agent) {
  const std::size_t end = user_agent.find_first_of("/ ");
  return std::string(user_agent.substr(0, end));
}

}  // namespace winnow::fetch
