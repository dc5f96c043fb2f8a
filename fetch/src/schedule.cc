// fetch_all() and the Batch's schedule: hosts queued by when each may next start, limits and delays, robots.txt first, the libcurl event loop.
#include <curl/curl.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "batch.h"
#include "url_parts.h"
#include "winnow/fetch.h"

namespace winnow::fetch {
namespace {

constexpr double kProgressEvery = 0.5;   // seconds between progress calls while nothing finishes
constexpr int kRobotsRedirects = 5;       // RFC 9309 §2.3.1.2: at least five
constexpr std::size_t kRobotsMaxBytes = 500 * 1024;  // RFC 9309 §2.5: parse at least the first 500 KiB
constexpr double kStopCheckEvery = 0.1;  // seconds between checks of Options::stop while waiting
constexpr const char* kRobotsDisallowed = "robots.txt disallows this URL";
constexpr std::size_t kRobotsCacheHosts = 10000;  // finished hosts whose robots.txt outcome is kept
constexpr long kMaxIdleConnections = 8192;         // kept open between a host's requests, at most
constexpr int kMultiHandles = 16;                  // hosts are spread over this many (see Batch::multis_)

// How many idle connections the multi handles may keep in all: one per host in progress, so a host's robots.txt
// and pages share one, within half the descriptors this process may open (the rest are for transfers and files).
long idle_connections(int concurrency) {
  rlimit limit{};
  long most = kMaxIdleConnections;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    most = std::min<long>(most, static_cast<long>(limit.rlim_cur / 2));
  }
  return std::max<long>(most - concurrency, 4L * concurrency);
}

// Why `url` cannot be fetched (`parts` is parse_url(url)), or nullopt when it can. A URL reached by a redirect
// (`redirected`) is named as the redirect's: the Location came from the server, and the request's URL is not at fault.
std::optional<Error> unfetchable(const std::string& url, const std::optional<UrlParts>& parts, bool redirected) {
  if (parts && (parts->scheme == "http" || parts->scheme == "https")) return std::nullopt;
  const std::size_t colon = url.find("://");
  if (parts || (colon != std::string::npos && !url.starts_with("http"))) {
    const std::string scheme = parts ? parts->scheme : url.substr(0, colon);
    return Error{ErrorKind::kUnsupported, redirected ? "redirect to a " + scheme + ":// URL refused"
                                                     : "unsupported URL scheme '" + scheme + "' (http and https only)"};
  }
  if (redirected) return Error{ErrorKind::kInvalidInput, "redirect to an invalid URL: " + url.substr(0, 200)};
  return Error{ErrorKind::kInvalidInput, "not a valid URL (" + url_problem(url) + ")"};
}

}  // namespace

Batch::Batch(const std::vector<Request>& requests, const Options& options,
             const std::function<void(Response&&)>& on_response,
             const std::function<void(const Progress&)>& on_progress,
             const std::function<void(const Notice&)>& on_notice)
    : requests_(requests), options_(options), on_response_(on_response), on_progress_(on_progress),
      on_notice_(on_notice), random_(12345), product_(product_token(options.user_agent)),
      robots_cache_(kRobotsCacheHosts) {
  if (!sockets_.ok()) return;
  const long idle = std::max(8L, idle_connections(options_.concurrency) / kMultiHandles);
  for (int i = 0; i < kMultiHandles; ++i) {
    MultiHandle multi(curl_multi_init());
    if (!multi) return;
    sockets_.attach(multi.get());
    curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, idle);
    multis_.push_back(std::move(multi));
  }
  max_open_hosts_ = static_cast<std::size_t>(idle) * kMultiHandles * 3 / 4;
  ready_to_run_ = true;
}

// Abandons what is still in flight (after a stop, or when a callback throws): libcurl wants each easy handle
// detached before it is freed. The members free the rest, transfers_ before multis_.
Batch::~Batch() {
  for (const auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_of(transfer->host), easy);
}

Progress Batch::run() {
  start_ = now_seconds();
  progress_.total = requests_.size();
  enqueue_requests();
  double last_progress = 0;
  while (progress_.done < progress_.total && !stopped()) {
    const double now = now_seconds();
    release_delayed(now);
    start_transfers(now);
    if (progress_.done >= progress_.total || stopped()) break;
    sockets_.wait(wait_ms(now_seconds()));
    collect_finished();
    if (on_progress_ && now - last_progress >= kProgressEvery) {
      report_progress();
      last_progress = now;
    }
  }
  report_progress();
  return progress_;
}

void Batch::enqueue_requests() {
  std::vector<std::uint32_t> host_of(requests_.size(), Hosts::kNone);
  for (std::size_t i = 0; i < requests_.size(); ++i) {
    const std::string& url = requests_[i].url;
    const std::optional<UrlParts> parts = parse_url(url);
    if (std::optional<Error> error = unfetchable(url, parts, false)) {
      Job job;
      job.index = i;
      job.request = &requests_[i];
      job.url = url;
      finish(job, nullptr, std::move(error));
      continue;
    }
    host_of[i] = hosts_.id_of(parts->origin);
  }
  hosts_.assign(host_of);
  for (std::uint32_t id = 0; id < hosts_.size(); ++id) update_host(id);
}

void Batch::enqueue(std::unique_ptr<Job> job) {
  const std::optional<UrlParts> parts = parse_url(job->url);
  if (std::optional<Error> error = unfetchable(job->url, parts, !job->hops.empty())) {
    return finish(*job, nullptr, std::move(error));
  }
  job->path = parts->path;
  const std::uint32_t id = hosts_.id_of(parts->origin);
  hosts_[id].jobs.push_back(std::move(job));
  update_host(id);
}

void Batch::release_delayed(double now) {
  while (!delayed_.empty() && delayed_.front().due <= now) {
    std::pop_heap(delayed_.begin(), delayed_.end(), std::greater<>());
    Delayed item = std::move(delayed_.back());
    delayed_.pop_back();
    Host& host = hosts_[item.host];
    --host.delayed;
    host.jobs.push_front(std::move(item.job));
    update_host(item.host);
  }
}

void Batch::start_transfers(double now) {
  while (active_ < options_.concurrency && !stopped()) {
    const std::optional<std::uint32_t> id = next_host(now);
    if (!id) break;
    Host& host = hosts_[*id];
    host.queued = false;
    start_next(*id, host, now);
    update_host(*id);
  }
}

std::optional<std::uint32_t> Batch::next_host(double now) {
  while (const std::optional<HostQueue::Due> due = ready_.pop(now, open_hosts_ < max_open_hosts_)) {
    const Host& host = hosts_[due->host];
    // The host's time moved later while it waited (a 429, a slow answer, a robots.txt retry): it waits again.
    if (host.started && host.next_start > due->when) {
      ready_.push(due->host, host.next_start, false);
      continue;
    }
    return due->host;
  }
  return std::nullopt;
}

void Batch::start_next(std::uint32_t id, Host& host, double now) {
  if (options_.robots && host.robots_state == RobotsState::kUnknown) {
    if (std::optional<RobotsPolicy> cached = robots_cache_.take(id)) {
      host.robots = std::move(*cached);
      host.robots_state = RobotsState::kReady;
    } else {
      return start_robots(id, host, now);
    }
  }
  while (host.has_work()) {
    std::unique_ptr<Job> job = take_job(host);
    if (options_.robots && !host.robots.rules.allowed(job->path)) {
      finish(*job, nullptr, Error{ErrorKind::kRefused, host.robots.failure.empty() ? kRobotsDisallowed
                                                                                   : host.robots.failure});
      continue;
    }
    if (job->started < 0) job->started = now;
    ++job->attempts;
    ++job->total_attempts;
    auto transfer = std::make_unique<Transfer>(job->url, options_, job->request->headers, false, spare_easy());
    // The host's last known request: its connection is closed after it rather than kept idle in the cache.
    if (!host.has_work() && host.active == 0 && host.delayed == 0) {
      curl_easy_setopt(transfer->easy.get(), CURLOPT_FORBID_REUSE, 1L);
    }
    transfer->job = std::move(job);
    transfer->host = id;
    return add(std::move(transfer), host, now);
  }
}

std::unique_ptr<Job> Batch::take_job(Host& host) {
  if (!host.jobs.empty()) {
    std::unique_ptr<Job> job = std::move(host.jobs.front());
    host.jobs.pop_front();
    return job;
  }
  const std::size_t index = hosts_.take_pending(host);
  auto job = std::make_unique<Job>();
  job->index = index;
  job->request = &requests_[index];
  job->url = requests_[index].url;
  job->path = parse_url(job->url)->path;  // parsed once already when it was queued
  return job;
}

void Batch::start_robots(std::uint32_t id, Host& host, double now) {
  host.robots_state = RobotsState::kFetching;
  ++host.robots_attempts;
  Options robots_options = options_;
  robots_options.max_body_bytes = kRobotsMaxBytes;
  auto transfer = std::make_unique<Transfer>(host.origin + "/robots.txt", robots_options, Headers{}, true, spare_easy());
  transfer->host = id;
  curl_easy_setopt(transfer->easy.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(transfer->easy.get(), CURLOPT_MAXREDIRS, static_cast<long>(kRobotsRedirects));
  add(std::move(transfer), host, now);
}

void Batch::add(std::unique_ptr<Transfer> transfer, Host& host, double now) {
  if (host.active++ == 0) ++hosts_active_;
  ++active_;
  if (!host.started) ++open_hosts_;
  host.started = true;
  host.next_start = now + host_delay(host);
  curl_multi_add_handle(multi_of(transfer->host), transfer->easy.get());
  transfers_[transfer->easy.get()] = std::move(transfer);
}

EasyHandle Batch::spare_easy() {
  if (spare_easy_.empty()) return nullptr;
  EasyHandle easy = std::move(spare_easy_.back());
  spare_easy_.pop_back();
  return easy;
}

void Batch::update_host(std::uint32_t id) {
  Host& host = hosts_[id];
  if (host.done != host.idle()) {
    host.done = !host.done;
    if (host.started) host.done ? --open_hosts_ : ++open_hosts_;
    if (host.done) {
      ++hosts_done_;
      if (host.robots_state == RobotsState::kReady) robots_cache_.put(id, std::move(host.robots));
      host.robots = RobotsPolicy();
      host.robots_state = RobotsState::kUnknown;
      host.robots_attempts = 0;
    } else {
      --hosts_done_;
    }
  }
  const bool waits_for_robots = options_.robots && host.robots_state == RobotsState::kFetching;
  if (host.queued || !host.has_work() || host.active >= options_.per_host || waits_for_robots) return;
  host.queued = true;
  ready_.push(id, host.next_start, !host.started);
}

void Batch::collect_finished() {
  for (const MultiHandle& multi : multis_) {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      curl_multi_remove_handle(multi.get(), easy);
      const auto found = transfers_.find(easy);
      std::unique_ptr<Transfer> transfer = std::move(found->second);
      transfers_.erase(found);
      const std::uint32_t id = transfer->host;
      Host& host = hosts_[id];
      if (--host.active == 0) --hosts_active_;
      --active_;
      if (transfer->is_robots) {
        robots_done(host, *transfer, code);
      } else {
        transfer_done(host, std::move(transfer->job), *transfer, code);
      }
      // Its handle serves a later transfer, reset now (its options point into this Transfer): a new handle costs
      // allocations a reset one does not.
      if (spare_easy_.size() < static_cast<std::size_t>(options_.concurrency)) {
        curl_easy_reset(transfer->easy.get());
        spare_easy_.push_back(std::move(transfer->easy));
      }
      update_host(id);
    }
  }
}

void Batch::retry_later(std::unique_ptr<Job> job, std::uint32_t host, double wait) {
  job->not_before = now_seconds() + wait;
  ++hosts_[host].delayed;
  delayed_.push_back({job->not_before, host, std::move(job)});
  std::push_heap(delayed_.begin(), delayed_.end(), std::greater<>());
}

void Batch::report_progress() {
  progress_.seconds = now_seconds() - start_;
  progress_.hosts = hosts_.size();
  progress_.hosts_active = hosts_active_;
  progress_.hosts_done = hosts_done_;
  if (on_progress_) on_progress_(progress_);
}

int Batch::wait_ms(double now) const {
  double wait = options_.stop ? kStopCheckEvery : kProgressEvery;
  if (!delayed_.empty()) wait = std::min(wait, delayed_.front().due - now);
  if (active_ < options_.concurrency) wait = std::min(wait, ready_.next_time(open_hosts_ < max_open_hosts_) - now);
  return std::max(0, static_cast<int>(std::ceil(wait * 1000)));
}

Result<Progress> fetch_all(const std::vector<Request>& requests, const Options& options,
                           const std::function<void(Response&&)>& on_response,
                           const std::function<void(const Progress&)>& on_progress,
                           const std::function<void(const Notice&)>& on_notice) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return Error{ErrorKind::kInternal, "cannot initialise libcurl"};
  // Hosts keep request indices in 32 bits (a frontier costs four bytes a URL).
  if (requests.size() >= Hosts::kNone) {
    return Error{ErrorKind::kTooLarge, "more than " + std::to_string(Hosts::kNone - 1) + " requests in one batch"};
  }
  Batch batch(requests, options, on_response, on_progress, on_notice);
  if (!batch.ready()) return Error{ErrorKind::kInternal, "cannot initialise libcurl"};
  return batch.run();
}

}  // namespace winnow::fetch
