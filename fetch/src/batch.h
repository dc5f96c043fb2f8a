// Batch: the state of one fetch_all() call; schedule.cc starts its work, outcome.cc handles what finishes.
#pragma once

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "curl_handles.h"
#include "host_queue.h"
#include "hosts.h"
#include "job.h"
#include "robots_cache.h"
#include "socket_loop.h"
#include "transfer.h"
#include "winnow/fetch.h"
#include "winnow/result.h"

namespace winnow::fetch {

// Seconds on a steady clock, for delays and durations.
inline double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Seconds since the epoch, for HTTP dates (Retry-After).
inline double wall_seconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

// A job waiting for its retry; Batch keeps them as a heap, soonest due on top.
struct Delayed {
  double due;
  std::uint32_t host;
  std::unique_ptr<Job> job;
  bool operator>(const Delayed& other) const { return due > other.due; }
};

// One fetch_all() call. Owns its multi handles, every Transfer in flight and
// every Job (queued, in flight or waiting for a retry); refers to the
// caller's requests, options and callbacks, which must outlive it. Callbacks
// run on the calling thread; when one throws, the exception leaves run() and
// the destructor releases everything.
class Batch {
 public:
  // Makes its multi handles; ready() says whether it could.
  Batch(const std::vector<Request>& requests, const Options& options,
        const std::function<void(Response&&)>& on_response,
        const std::function<void(const Progress&)>& on_progress,
        const std::function<void(const Notice&)>& on_notice);
  ~Batch();
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // False when the batch cannot run: libcurl cannot make a multi handle, or no epoll set (out of descriptors).
  bool ready() const { return ready_to_run_; }
  // Fetches every request (until the end, or Options::stop) and returns the final counts.
  Progress run();

 private:
  // schedule.cc: which job starts when.
  bool stopped() const { return options_.stop && options_.stop->load(); }
  // Seconds between two starts at `host`: Options::delay or its Crawl-delay, plus its penalty.
  double host_delay(const Host& host) const { return std::max(options_.delay, host.robots.crawl_delay) + host.penalty; }
  // Groups the requests by host (no Job yet for any); finishes at once those whose URL cannot be fetched.
  void enqueue_requests();
  // Puts a started job (a redirect) at the back of its host's jobs, or finishes it when its URL cannot be fetched.
  void enqueue(std::unique_ptr<Job> job);
  // Jobs whose retry is due go back to the front of their host's jobs.
  void release_delayed(double now);
  // Starts what the limits and the hosts' times allow, taking hosts from ready_ in order.
  void start_transfers(double now);
  // The next host that may start at `now`, or nullopt; hosts whose time moved later are queued again.
  std::optional<std::uint32_t> next_host(double now);
  // Starts one transfer at host `id`: its robots.txt first, then its next allowed job (the disallowed ones before
  // it are finished with an error).
  void start_next(std::uint32_t id, Host& host, double now);
  void start_robots(std::uint32_t id, Host& host, double now);
  // The host's next job: a started one, else a Job made for its next request not started.
  std::unique_ptr<Job> take_job(Host& host);
  // Counts `transfer` against its host and the total, and hands it to the multi handle.
  void add(std::unique_ptr<Transfer> transfer, Host& host, double now);
  // Queues host `id` in ready_ when it has work it may start (not at its per-host limit, not waiting for its
  // robots.txt) and is not queued yet; marks it done when it has nothing left at all.
  void update_host(std::uint32_t id);
  // The multi handle of host `id`'s transfers: always the same one, so its connections and DNS entries are there.
  CURLM* multi_of(std::uint32_t id) const { return multis_[id % multis_.size()].get(); }
  // Takes each finished transfer out of its multi handle to robots_done() or transfer_done().
  void collect_finished();
  // Keeps `job` aside for `wait` seconds, then release_delayed() queues it again.
  void retry_later(std::unique_ptr<Job> job, std::uint32_t host, double wait);
  void report_progress();
  // How long the multi loop may sleep: until a retry is due or a queued host may start (when a slot is free),
  // at most kProgressEvery (kStopCheckEvery with Options::stop).
  int wait_ms(double now) const;

  // outcome.cc: what a finished transfer means.
  // A robots.txt answer: its rules, allow all (4xx), a retry, or disallow all (5xx, unreachable).
  void robots_done(Host& host, const Transfer& transfer, CURLcode code);
  // Caps the host's Crawl-delay at Options::max_crawl_delay, with a Notice the first time.
  void cap_crawl_delay(Host& host);
  // A page's answer: the host's penalty adjusted, then a retry, the next redirect hop, or finish().
  void transfer_done(Host& host, std::unique_ptr<Job> job, Transfer& transfer, CURLcode code);
  // A transfer that failed below HTTP (`code` not CURLE_OK): a retry when worth one, else finish().
  void transfer_failed(std::unique_ptr<Job> job, Transfer& transfer, CURLcode code);
  // Queues the job again at `location`, or finishes it when that is one hop more than Options::max_redirects.
  void follow_redirect(std::unique_ptr<Job> job, Transfer& transfer, long status, std::string location);
  // Seconds before retrying after `attempt`: backoff with jitter, or the answer's Retry-After (capped) when honoured.
  double retry_wait(int attempt, const Transfer& transfer, bool honour_retry_after);
  // A finished transfer's easy handle for the next one, or null when none is spare.
  EasyHandle spare_easy();
  // Hands the outcome to the caller; `transfer` is null when no request was made, `error` empty on success.
  void finish(Job& job, Transfer* transfer, std::optional<Error> error);

  const std::vector<Request>& requests_;
  const Options& options_;
  const std::function<void(Response&&)>& on_response_;
  const std::function<void(const Progress&)>& on_progress_;
  const std::function<void(const Notice&)>& on_notice_;
  SocketLoop sockets_;  // before multis_: libcurl reports sockets to it until each multi handle is freed
  // Hosts are spread over several multi handles: libcurl 7.88 walks every cached connection of a handle each
  // time a transfer leaves it, so one handle keeping thousands of hosts' connections open would make each
  // transfer cost in proportion to the number of hosts in progress.
  std::vector<MultiHandle> multis_;  // before transfers_: freed after every transfer's easy handle
  bool ready_to_run_ = false;
  std::mt19937 random_;
  std::string product_;
  Hosts hosts_;
  HostQueue ready_;        // hosts with work they may start once their time comes
  RobotsCache robots_cache_;  // finished hosts' robots.txt outcomes, for a later redirect there
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;  // keyed by the transfer's own easy handle
  std::vector<EasyHandle> spare_easy_;  // finished transfers' handles (at most `concurrency`), for the next ones
  std::vector<Delayed> delayed_;  // a min-heap on `due` (std::push_heap/pop_heap with std::greater)
  int active_ = 0;
  std::size_t hosts_active_ = 0;  // hosts with a transfer in flight
  std::size_t hosts_done_ = 0;    // hosts with nothing left
  // Hosts started and not done: each may hold a connection idle in the cache until its next request. Fresh hosts
  // wait while open_hosts_ reaches max_open_hosts_ (three quarters of what the multi handles' caches keep), so the
  // caches never overflow, which would close the connection due next (the oldest idle) and open another.
  std::size_t open_hosts_ = 0;
  std::size_t max_open_hosts_ = 0;
  double start_ = 0;
  Progress progress_;
};

}  // namespace winnow::fetch
