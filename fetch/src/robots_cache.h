// RobotsCache: the robots.txt outcomes of hosts with nothing left to fetch, kept for a later redirect there; least recently used dropped first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "robots.h"

namespace winnow::fetch {

// What a host's robots.txt decided: its rules, why it disallows everything
// when it could not be read ("" otherwise), and its Crawl-delay (capped).
struct RobotsPolicy {
  RobotsRules rules;
  std::string failure;
  double crawl_delay = 0;
};

// A bounded map from a host's id to its RobotsPolicy. A host's policy lives in
// the host while it has work, and moves here when its queue empties, so a batch
// over 100,000 hosts keeps at most `capacity` finished hosts' rules.
class RobotsCache {
 public:
  // Keeps at most `capacity` policies (0 keeps none).
  explicit RobotsCache(std::size_t capacity) : capacity_(capacity) {}

  // Stores `policy` for `host`, replacing any; when full, the least recently stored or taken one is dropped.
  void put(std::uint32_t host, RobotsPolicy policy);
  // Moves the policy of `host` out of the cache; nullopt when it was never stored or has been dropped.
  std::optional<RobotsPolicy> take(std::uint32_t host);
  // Policies held now (at most the capacity).
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint32_t host;
    RobotsPolicy policy;
  };
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recent first
  std::unordered_map<std::uint32_t, std::list<Entry>::iterator> where_;
};

}  // namespace winnow::fetch
