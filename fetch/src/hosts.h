// Host and Hosts: the per-host state of one batch (its waiting work, what it has in flight, when it may next be asked, its robots.txt) and the table of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "job.h"
#include "robots_cache.h"

namespace winnow::fetch {

enum class RobotsState { kUnknown, kFetching, kReady };

// One host (scheme://host:port). Its requests not started yet are a range of
// request indices (Hosts::pending), not Jobs: a frontier of a million URLs
// costs four bytes a URL until each starts.
struct Host {
  std::string origin;
  std::list<std::unique_ptr<Job>> jobs;  // started before: retries (front) and redirects (back); go before `pending`
  std::uint32_t pending_next = 0;        // its requests not started: Hosts::pending's [pending_next, pending_end)
  std::uint32_t pending_end = 0;
  int active = 0;   // transfers in flight
  int delayed = 0;  // jobs waiting for a retry (Batch::delayed_)
  double next_start = 0;
  double penalty = 0;  // extra delay after 429/503 or slow answers
  RobotsState robots_state = RobotsState::kUnknown;
  int robots_attempts = 0;
  RobotsPolicy robots;      // valid when robots_state is kReady
  bool queued = false;      // in the batch's HostQueue
  bool started = false;     // has started a transfer
  bool done = false;        // nothing queued, in flight or delayed (counted in Progress::hosts_done)
  bool capped_notice = false;  // its Crawl-delay Notice was given

  bool has_work() const { return !jobs.empty() || pending_next < pending_end; }
  bool idle() const { return !has_work() && active == 0 && delayed == 0; }
};

// The hosts of one batch, each with a small integer id in order of first
// appearance. Hosts never move once added, so references stay valid.
class Hosts {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // The id of `origin`, adding an empty Host for it when it is new.
  std::uint32_t id_of(std::string_view origin);
  Host& operator[](std::uint32_t id) { return hosts_[id]; }
  std::size_t size() const { return hosts_.size(); }

  // Gives each host its requests: `host_of[i]` is the host of request i, or
  // kNone for a request that never joins a queue. Each host's range keeps
  // the input order. Called once, before any take_pending().
  void assign(const std::vector<std::uint32_t>& host_of);
  // Index of the next request `host` has not started, taken from its range. The host must have one.
  std::size_t take_pending(Host& host) { return pending_[host.pending_next++]; }

 private:
  std::deque<Host> hosts_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;  // keys point into each Host's origin
  std::vector<std::uint32_t> pending_;  // request indices grouped by host, each group in input order
};

}  // namespace winnow::fetch
