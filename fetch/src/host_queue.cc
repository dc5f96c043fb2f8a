// HostQueue: a binary heap of hosts in progress and a FIFO of new hosts.
#include "host_queue.h"

#include <algorithm>
#include <functional>

namespace winnow::fetch {

void HostQueue::push(std::uint32_t host, double when, bool fresh) {
  if (fresh) {
    fresh_.push_back(host);
    return;
  }
  timed_.push_back({when, host});
  std::push_heap(timed_.begin(), timed_.end(), std::greater<>());
}

std::optional<HostQueue::Due> HostQueue::pop(double now, bool fresh_allowed) {
  if (!timed_.empty() && timed_.front().when <= now) {
    std::pop_heap(timed_.begin(), timed_.end(), std::greater<>());
    const Timed top = timed_.back();
    timed_.pop_back();
    return Due{top.host, top.when};
  }
  if (fresh_.empty() || !fresh_allowed) return std::nullopt;
  const std::uint32_t host = fresh_.front();
  fresh_.pop_front();
  return Due{host, 0};
}

double HostQueue::next_time(bool fresh_allowed) const {
  if (!fresh_.empty() && fresh_allowed) return -std::numeric_limits<double>::infinity();
  return timed_.empty() ? std::numeric_limits<double>::infinity() : timed_.front().when;
}

}  // namespace winnow::fetch
