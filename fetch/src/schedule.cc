// fetch_all() and the Batch's schedule: per-host queues, limits and delays, robots.txt first, the libcurl multi loop.
#include <curl/curl.h>

#include <algorithm>
#include <cmath>
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
             const std::function<void(const Notice&)>& on_notice, MultiHandle multi)
    : requests_(requests), options_(options), on_response_(on_response), on_progress_(on_progress),
      on_notice_(on_notice), multi_(std::move(multi)),
      random_(12345), product_(product_token(options.user_agent)) {}

// Abandons what is still in flight (after a stop, or when a callback throws): libcurl wants each easy handle
// detached before it is freed. The members free the rest, transfers_ before multi_.
Batch::~Batch() {
  for (const auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_.get(), easy);
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
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    collect_finished();
    if (on_progress_ && now - last_progress >= kProgressEvery) {
      report_progress();
      last_progress = now;
    }
    if (progress_.done >= progress_.total || stopped()) break;
    curl_multi_poll(multi_.get(), nullptr, 0, wait_ms(now_seconds()), nullptr);
  }
  report_progress();
  return progress_;
}

void Batch::enqueue_requests() {
  for (std::size_t i = 0; i < requests_.size(); ++i) {
    auto job = std::make_unique<Job>();
    job->index = i;
    job->request = &requests_[i];
    job->url = requests_[i].url;
    enqueue(std::move(job));
  }
}

void Batch::enqueue(std::unique_ptr<Job> job) {
  const std::optional<UrlParts> parts = parse_url(job->url);
  if (std::optional<Error> error = unfetchable(job->url, parts, !job->hops.empty())) {
    return finish(*job, nullptr, std::move(error));
  }
  job->path = parts->path;
  hosts_[parts->origin].queue.push_back(std::move(job));
}

void Batch::release_delayed(double now) {
  while (!delayed_.empty() && delayed_.front().due <= now) {
    std::pop_heap(delayed_.begin(), delayed_.end(), std::greater<>());
    Delayed item = std::move(delayed_.back());
    delayed_.pop_back();
    hosts_[item.origin].queue.push_front(std::move(item.job));
  }
}

void Batch::start_transfers(double now) {
  for (auto& [origin, host] : hosts_) {
    while (active_ < options_.concurrency && !host.queue.empty() && host.active < options_.per_host &&
           now >= host.next_start && !stopped()) {
      if (options_.robots && host.robots_state != RobotsState::kReady) {
        if (host.robots_state == RobotsState::kUnknown) start_robots(origin, host, now);
        break;
      }
      std::unique_ptr<Job> job = std::move(host.queue.front());
      host.queue.pop_front();
      if (options_.robots && !host.robots.allowed(job->path)) {
        finish(*job, nullptr, Error{ErrorKind::kRefused, host.robots_failure.empty() ? kRobotsDisallowed
                                                                                     : host.robots_failure});
        continue;
      }
      if (job->started < 0) job->started = now;
      ++job->attempts;
      ++job->total_attempts;
      auto transfer = std::make_unique<Transfer>(job->url, options_, job->request->headers, false);
      transfer->job = std::move(job);
      transfer->origin = origin;
      add(std::move(transfer), host, now);
    }
  }
}

void Batch::start_robots(const std::string& origin, Host& host, double now) {
  host.robots_state = RobotsState::kFetching;
  ++host.robots_attempts;
  Options robots_options = options_;
  robots_options.max_body_bytes = kRobotsMaxBytes;
  auto transfer = std::make_unique<Transfer>(origin + "/robots.txt", robots_options, Headers{}, true);
  transfer->origin = origin;
  curl_easy_setopt(transfer->easy.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(transfer->easy.get(), CURLOPT_MAXREDIRS, static_cast<long>(kRobotsRedirects));
  add(std::move(transfer), host, now);
}

void Batch::add(std::unique_ptr<Transfer> transfer, Host& host, double now) {
  ++host.active;
  ++active_;
  host.next_start = now + host_delay(host);
  curl_multi_add_handle(multi_.get(), transfer->easy.get());
  transfers_[transfer->easy.get()] = std::move(transfer);
}

void Batch::collect_finished() {
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;
    curl_multi_remove_handle(multi_.get(), easy);
    std::unique_ptr<Transfer> transfer = std::move(transfers_[easy]);
    transfers_.erase(easy);
    Host& host = hosts_[transfer->origin];
    --host.active;
    --active_;
    if (transfer->is_robots) {
      robots_done(transfer->origin, host, *transfer, code);
    } else {
      transfer_done(host, std::move(transfer->job), *transfer, code);
    }
  }
}

void Batch::retry_later(std::unique_ptr<Job> job, const std::string& origin, double wait) {
  job->not_before = now_seconds() + wait;
  delayed_.push_back({job->not_before, origin, std::move(job)});
  std::push_heap(delayed_.begin(), delayed_.end(), std::greater<>());
}

void Batch::report_progress() {
  progress_.seconds = now_seconds() - start_;
  if (on_progress_) on_progress_(progress_);
}

int Batch::wait_ms(double now) const {
  double wait = options_.stop ? kStopCheckEvery : kProgressEvery;
  if (!delayed_.empty()) wait = std::min(wait, delayed_.front().due - now);
  for (const auto& [origin, host] : hosts_) {
    const bool robots_fetching = options_.robots && host.robots_state == RobotsState::kFetching;
    if (!host.queue.empty() && !robots_fetching && host.active < options_.per_host && active_ < options_.concurrency) {
      wait = std::min(wait, host.next_start - now);
    }
  }
  return std::max(0, static_cast<int>(std::ceil(wait * 1000)));
}

Result<Progress> fetch_all(const std::vector<Request>& requests, const Options& options,
                           const std::function<void(Response&&)>& on_response,
                           const std::function<void(const Progress&)>& on_progress,
                           const std::function<void(const Notice&)>& on_notice) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  MultiHandle multi(initialised ? curl_multi_init() : nullptr);
  if (!multi) return Error{ErrorKind::kInternal, "cannot initialise libcurl"};
  Batch batch(requests, options, on_response, on_progress, on_notice, std::move(multi));
  return batch.run();
}

}  // namespace winnow::fetch
