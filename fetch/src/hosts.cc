// Hosts: ids by origin, and the requests grouped by host with a counting sort.
#include "hosts.h"

namespace winnow::fetch {

std::uint32_t Hosts::id_of(std::string_view origin) {
  if (const auto found = ids_.find(origin); found != ids_.end()) return found->second;
  const auto id = static_cast<std::uint32_t>(hosts_.size());
  Host& host = hosts_.emplace_back();
  host.origin = std::string(origin);
  ids_.emplace(host.origin, id);  // the deque never moves a Host, so the key stays valid
  return id;
}

void Hosts::assign(const std::vector<std::uint32_t>& host_of) {
  for (std::uint32_t id : host_of) {
    if (id != kNone) ++hosts_[id].pending_end;  // a count for now
  }
  std::uint32_t start = 0;
  for (Host& host : hosts_) {
    const std::uint32_t count = host.pending_end;
    host.pending_next = host.pending_end = start;
    start += count;
  }
  pending_.assign(start, 0);
  for (std::size_t i = 0; i < host_of.size(); ++i) {
    if (host_of[i] != kNone) pending_[hosts_[host_of[i]].pending_end++] = static_cast<std::uint32_t>(i);
  }
}

}  // namespace winnow::fetch
