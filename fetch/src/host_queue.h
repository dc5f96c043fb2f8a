// HostQueue: which host is asked next. Hosts already in progress wait in a min-heap on the time each may next start; new hosts wait after them, in order.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <vector>

namespace winnow::fetch {

// The hosts that have work and may start a transfer once their time comes.
// Each operation costs O(log n) in the hosts queued, so a batch's cost per
// URL does not grow with its number of hosts. A host in progress that is due
// goes before any new host: a crawl finishes the hosts it has opened (and
// reuses their connections) before opening more, and only opens new ones when
// every open host must wait for its delay.
class HostQueue {
 public:
  // Queues `host`, which may start at `when` (seconds, steady clock). A host
  // never asked yet (`fresh`) waits in arrival order after the due hosts in
  // progress, and `when` is ignored. The caller queues a host at most once.
  void push(std::uint32_t host, double when, bool fresh);
  // Takes the next host that may start at `now`: the earliest due host in
  // progress, else (when `fresh_allowed`) the oldest fresh one; nullopt when
  // none may start yet. `when` is the time it was queued with; the caller
  // re-queues it when its time has moved later since.
  struct Due {
    std::uint32_t host;
    double when;
  };
  std::optional<Due> pop(double now, bool fresh_allowed = true);
  // The earliest time a queued host may start (a fresh host, when allowed:
  // -infinity); +infinity when none is queued.
  double next_time(bool fresh_allowed = true) const;
  bool empty() const { return timed_.empty() && fresh_.empty(); }

 private:
  struct Timed {
    double when;
    std::uint32_t host;
    bool operator>(const Timed& other) const { return when > other.when || (when == other.when && host > other.host); }
  };
  std::vector<Timed> timed_;  // a min-heap on `when` (std::push_heap/pop_heap with std::greater)
  std::deque<std::uint32_t> fresh_;
};

}  // namespace winnow::fetch
