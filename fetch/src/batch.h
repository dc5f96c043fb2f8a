// Batch: the state of one fetch_all() call; schedule.cc starts its work, outcome.cc handles what finishes.
#pragma once

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "curl_handles.h"
#include "job.h"
#include "robots.h"
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

enum class RobotsState { kUnknown, kFetching, kReady };

// One host (scheme://host:port): its waiting jobs, what it has in flight, when
// it may next start one, and its robots.txt.
struct Host {
  std::deque<std::unique_ptr<Job>> queue;
  int active = 0;
  double next_start = 0;
  double penalty = 0;  // extra delay after 429/503 or slow answers
  RobotsState robots_state = RobotsState::kUnknown;
  int robots_attempts = 0;
  RobotsRules robots;
  std::string robots_failure;  // why robots.txt disallows everything when it could not be read; "" otherwise
  double crawl_delay = 0;      // robots.txt's Crawl-delay, capped at Options::max_crawl_delay
};

// A job waiting for its retry; Batch keeps them as a heap, soonest due on top.
struct Delayed {
  double due;
  std::string origin;
  std::unique_ptr<Job> job;
  bool operator>(const Delayed& other) const { return due > other.due; }
};

// One fetch_all() call. Owns the multi handle, every Transfer in flight and
// every Job (queued, in flight or waiting for a retry); refers to the
// caller's requests, options and callbacks, which must outlive it. Callbacks
// run on the calling thread; when one throws, the exception leaves run() and
// the destructor releases everything.
class Batch {
 public:
  // `multi` must not be null.
  Batch(const std::vector<Request>& requests, const Options& options,
        const std::function<void(Response&&)>& on_response,
        const std::function<void(const Progress&)>& on_progress,
        const std::function<void(const Notice&)>& on_notice, MultiHandle multi);
  ~Batch();
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // Fetches every request (until the end, or Options::stop) and returns the final counts.
  Progress run();

 private:
  // schedule.cc: which job starts when.
  bool stopped() const { return options_.stop && options_.stop->load(); }
  // Seconds between two starts at `host`: Options::delay or its Crawl-delay, plus its penalty.
  double host_delay(const Host& host) const { return std::max(options_.delay, host.crawl_delay) + host.penalty; }
  // One job per request, in the order given.
  void enqueue_requests();
  // Puts a job in its host's queue, or finishes it when its URL cannot be fetched.
  void enqueue(std::unique_ptr<Job> job);
  // Jobs whose retry is due go back to the front of their host's queue.
  void release_delayed(double now);
  // Starts what the limits and each host's delay allow: a host's robots.txt first, then its jobs in order.
  void start_transfers(double now);
  void start_robots(const std::string& origin, Host& host, double now);
  // Counts `transfer` against its host and the total, and hands it to the multi handle.
  void add(std::unique_ptr<Transfer> transfer, Host& host, double now);
  // Takes each finished transfer out of the multi handle to robots_done() or transfer_done().
  void collect_finished();
  // Keeps `job` aside for `wait` seconds, then release_delayed() queues it again.
  void retry_later(std::unique_ptr<Job> job, const std::string& origin, double wait);
  void report_progress();
  // How long the multi loop may sleep: until a retry is due or a waiting host may start, at most
  // kProgressEvery (kStopCheckEvery with Options::stop).
  int wait_ms(double now) const;

  // outcome.cc: what a finished transfer means.
  // A robots.txt answer: its rules, allow all (4xx), a retry, or disallow all (5xx, unreachable).
  void robots_done(const std::string& origin, Host& host, const Transfer& transfer, CURLcode code);
  // Takes the host's Crawl-delay from its rules, capped at Options::max_crawl_delay with a Notice.
  void cap_crawl_delay(const std::string& origin, Host& host);
  // A page's answer: the host's penalty adjusted, then a retry, the next redirect hop, or finish().
  void transfer_done(Host& host, std::unique_ptr<Job> job, Transfer& transfer, CURLcode code);
  // A transfer that failed below HTTP (`code` not CURLE_OK): a retry when worth one, else finish().
  void transfer_failed(std::unique_ptr<Job> job, Transfer& transfer, CURLcode code);
  // Queues the job again at `location`, or finishes it when that is one hop more than Options::max_redirects.
  void follow_redirect(std::unique_ptr<Job> job, Transfer& transfer, long status, std::string location);
  // Seconds before retrying after `attempt`: backoff with jitter, or the answer's Retry-After (capped) when honoured.
  double retry_wait(int attempt, const Transfer& transfer, bool honour_retry_after);
  // Hands the outcome to the caller; `transfer` is null when no request was made, `error` empty on success.
  void finish(Job& job, Transfer* transfer, std::optional<Error> error);

  const std::vector<Request>& requests_;
  const Options& options_;
  const std::function<void(Response&&)>& on_response_;
  const std::function<void(const Progress&)>& on_progress_;
  const std::function<void(const Notice&)>& on_notice_;
  MultiHandle multi_;  // before transfers_: freed after every transfer's easy handle
  std::mt19937 random_;
  std::string product_;
  std::map<std::string, Host> hosts_;
  std::map<CURL*, std::unique_ptr<Transfer>> transfers_;  // keyed by the transfer's own easy handle
  std::vector<Delayed> delayed_;  // a min-heap on `due` (std::push_heap/pop_heap with std::greater)
  int active_ = 0;
  double start_ = 0;
  Progress progress_;
};

}  // namespace winnow::fetch
