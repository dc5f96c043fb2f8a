// RobotsCache: a least-recently-used list with an index by host id.
#include "robots_cache.h"

#include <utility>

namespace winnow::fetch {

void RobotsCache::put(std::uint32_t host, RobotsPolicy policy) {
  if (capacity_ == 0) return;
  if (auto found = where_.find(host); found != where_.end()) {
    entries_.erase(found->second);
    where_.erase(found);
  }
  if (entries_.size() >= capacity_) {
    where_.erase(entries_.back().host);
    entries_.pop_back();
  }
  entries_.push_front({host, std::move(policy)});
  where_[host] = entries_.begin();
}

std::optional<RobotsPolicy> RobotsCache::take(std::uint32_t host) {
  const auto found = where_.find(host);
  if (found == where_.end()) return std::nullopt;
  RobotsPolicy policy = std::move(found->second->policy);
  entries_.erase(found->second);
  where_.erase(found);
  return policy;
}

}  // namespace winnow::fetch
