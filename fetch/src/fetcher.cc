// fetch_all(): the libcurl multi loop with per-host queues, delays, robots.txt, redirects followed by hand, and retries.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "curl_handles.h"
#include "job.h"
#include "retry.h"
#include "robots.h"
#include "transfer.h"
#include "url_parts.h"
#include "winnow/fetch.h"

namespace winnow::fetch {
namespace {

constexpr double kSlowResponse = 5.0;    // seconds: a response slower than this makes the host's delay grow
constexpr double kMaxPenalty = 60.0;     // seconds added to a host's delay at most
constexpr double kProgressEvery = 0.5;   // seconds between progress calls while nothing finishes
constexpr int kRobotsRedirects = 5;       // RFC 9309 §2.3.1.2: at least five
constexpr std::size_t kRobotsMaxBytes = 500 * 1024;  // RFC 9309 §2.5: parse at least the first 500 KiB
constexpr double kStopCheckEvery = 0.1;  // seconds between checks of Options::stop while waiting
constexpr const char* kRobotsDisallowed = "robots.txt disallows this URL";

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

double wall_seconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

enum class RobotsState { kUnknown, kFetching, kReady };

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

// "100000", "2.5": a number of seconds as a person would write it.
std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

// A job waiting for its retry; `delayed_` keeps them as a heap, soonest due on top.
struct Delayed {
  double due;
  std::string origin;
  std::unique_ptr<Job> job;
  bool operator>(const Delayed& other) const { return due > other.due; }
};

class Batch {
 public:
  Batch(const std::vector<Request>& requests, const Options& options, const std::function<void(Response&&)>& on_response,
        const std::function<void(const Progress&)>& on_progress, const std::function<void(const Notice&)>& on_notice,
        MultiHandle multi)
      : requests_(requests), options_(options), on_response_(on_response), on_progress_(on_progress),
        on_notice_(on_notice), multi_(std::move(multi)),
        random_(12345), product_(product_token(options.user_agent)) {}

  // Abandons what is still in flight (after a stop, or when a callback throws): libcurl wants each easy handle
  // detached before it is freed. The members free the rest, transfers_ before multi_.
  ~Batch() {
    for (const auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_.get(), easy);
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // Runs the batch to its end (or its stop) and returns the final counts.
  Progress run() {
    start_ = now_seconds();
    progress_.total = requests_.size();
    for (std::size_t i = 0; i < requests_.size(); ++i) {
      auto job = std::make_unique<Job>();
      job->index = i;
      job->request = &requests_[i];
      job->url = requests_[i].url;
      enqueue(std::move(job));
    }
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

 private:
  bool stopped() const { return options_.stop && options_.stop->load(); }

  // Puts a job in its host's queue, or finishes it when its URL cannot be fetched.
  void enqueue(std::unique_ptr<Job> job) {
    const std::optional<UrlParts> parts = parse_url(job->url);
    if (std::optional<Error> error = unfetchable(job->url, parts, !job->hops.empty())) {
      return finish(*job, nullptr, std::move(error));
    }
    job->path = parts->path;
    hosts_[parts->origin].queue.push_back(std::move(job));
  }

  void release_delayed(double now) {
    while (!delayed_.empty() && delayed_.front().due <= now) {
      std::pop_heap(delayed_.begin(), delayed_.end(), std::greater<>());
      Delayed item = std::move(delayed_.back());
      delayed_.pop_back();
      hosts_[item.origin].queue.push_front(std::move(item.job));
    }
  }

  double host_delay(const Host& host) const {
    return std::max(options_.delay, host.crawl_delay) + host.penalty;
  }

  void start_transfers(double now) {
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

  void start_robots(const std::string& origin, Host& host, double now) {
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

  void add(std::unique_ptr<Transfer> transfer, Host& host, double now) {
    ++host.active;
    ++active_;
    host.next_start = now + host_delay(host);
    curl_multi_add_handle(multi_.get(), transfer->easy.get());
    transfers_[transfer->easy.get()] = std::move(transfer);
  }

  void collect_finished() {
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

  void robots_done(const std::string& origin, Host& host, const Transfer& transfer, CURLcode code) {
    const long status = transfer.status();
    // A robots.txt over the limit stops early with the first kRobotsMaxBytes kept: those are parsed.
    const bool received = code == CURLE_OK || (transfer.too_large && !transfer.headers_too_large);
    if (received && status >= 200 && status < 300) {
      std::string_view text = transfer.body;
      if (transfer.too_large) text = text.substr(0, text.rfind('\n') + 1);  // a cut last line could change meaning
      host.robots = RobotsRules::parse(text, product_);
    } else if (received && status >= 400 && status < 500) {
      host.robots = RobotsRules::allow_all();
    } else {
      // A passing fault would shut the host out for the whole batch: retried as pages are.
      const bool transient = received ? retryable_status(status) : retryable(code);
      if (transient && host.robots_attempts <= options_.retries) {
        double wait = backoff_seconds(host.robots_attempts, options_.backoff, options_.max_retry_after, random_);
        if (auto after = parse_retry_after(transfer.header("retry-after"), wall_seconds()); after && received) {
          wait = std::min(*after, options_.max_retry_after);
        }
        host.robots_state = RobotsState::kUnknown;  // start_transfers() fetches it again after next_start
        host.next_start = std::max(host.next_start, now_seconds() + wait);
        return;
      }
      // 5xx or unreachable: RFC 9309 says assume complete disallow. Say why, or it reads like a Disallow rule.
      std::string cause = received ? "HTTP " + std::to_string(status) : transfer.failure(code).message;
      if (host.robots_attempts > 1) cause += ", " + std::to_string(host.robots_attempts) + " attempts";
      host.robots = RobotsRules::disallow_all();
      host.robots_failure = "robots.txt could not be fetched (" + cause +
                            "): the host is treated as disallowed (RFC 9309); --ignore-robots overrides";
    }
    host.crawl_delay = host.robots.crawl_delay();
    if (host.crawl_delay > options_.max_crawl_delay) {
      if (on_notice_) {
        on_notice_({origin, "Crawl-delay " + seconds_text(host.crawl_delay) + " s capped at " +
                                seconds_text(options_.max_crawl_delay) + " s (--max-crawl-delay)"});
      }
      host.crawl_delay = options_.max_crawl_delay;
    }
    host.robots_state = RobotsState::kReady;
  }

  void retry_later(std::unique_ptr<Job> job, const std::string& origin, double wait) {
    job->not_before = now_seconds() + wait;
    delayed_.push_back({job->not_before, origin, std::move(job)});
    std::push_heap(delayed_.begin(), delayed_.end(), std::greater<>());
  }

  void transfer_done(Host& host, std::unique_ptr<Job> job, Transfer& transfer, CURLcode code) {
    const long status = transfer.status();
    const double elapsed = transfer.elapsed();
    if (elapsed > kSlowResponse) {
      host.penalty = std::min(kMaxPenalty, std::max(host.penalty, elapsed / 2));
      host.next_start = std::max(host.next_start, now_seconds() + host_delay(host));
    }
    if (code != CURLE_OK) {
      Error failure = transfer.failure(code);
      if (transfer.headers_too_large) transfer.headers.clear();  // a flood's first part tells nobody anything
      if (transfer.over_limit(code)) return finish(*job, &transfer, std::move(failure));
      if (retryable(code) && job->attempts <= options_.retries) {
        const double wait = backoff_seconds(job->attempts, options_.backoff, options_.max_retry_after, random_);
        return retry_later(std::move(job), transfer.origin, wait);
      }
      failure.message += attempts_note(*job);
      return finish(*job, &transfer, std::move(failure));
    }
    if (status == 429 || status == 503) {
      host.penalty = std::min(kMaxPenalty, std::max(1.0, host.penalty * 2));
      // The host asked us to slow down: the next request waits the whole grown delay from now.
      host.next_start = std::max(host.next_start, now_seconds() + host_delay(host));
    } else if (status < 400) {
      host.penalty /= 2;
    }
    if (retryable_status(status) && job->attempts <= options_.retries) {
      double wait = backoff_seconds(job->attempts, options_.backoff, options_.max_retry_after, random_);
      if (auto after = parse_retry_after(transfer.header("retry-after"), wall_seconds())) {
        wait = std::min(*after, options_.max_retry_after);
      }
      return retry_later(std::move(job), transfer.origin, wait);
    }
    if (status >= 300 && status < 400 && status != 304) {
      const std::string location = transfer.redirect_url();  // a Location libcurl cannot resolve comes as sent
      if (!location.empty()) {
        if (static_cast<int>(job->hops.size()) >= options_.max_redirects) {
          job->hops.push_back({job->url, status});
          return finish(*job, &transfer, Error{ErrorKind::kTooLarge, "more than " + std::to_string(options_.max_redirects) +
                                                                          " redirects (--max-redirects)"});
        }
        job->hops.push_back({job->url, status});
        job->url = location;
        job->attempts = 0;
        return enqueue(std::move(job));
      }
    }
    std::optional<Error> error;
    if (status >= 400) {
      error = Error{status == 404 || status == 410 ? ErrorKind::kNotFound : ErrorKind::kNetwork,
                    "HTTP " + std::to_string(status) + attempts_note(*job)};
    }
    finish(*job, &transfer, std::move(error));
  }

  static std::string attempts_note(const Job& job) {
    return job.attempts > 1 ? " (after " + std::to_string(job.attempts) + " attempts)" : "";
  }

  static bool retryable(CURLcode code) {
    switch (code) {
      case CURLE_OPERATION_TIMEDOUT: case CURLE_COULDNT_CONNECT: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR:
      case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
      case CURLE_SSL_CONNECT_ERROR:
        return true;
      default:
        return false;
    }
  }

  // Hands the outcome to the caller; `transfer` is null when no request was made, `error` empty on success.
  void finish(Job& job, Transfer* transfer, std::optional<Error> error) {
    Response response;
    response.index = job.index;
    response.url = job.request->url;
    response.final_url = job.url;
    response.redirects = std::move(job.hops);
    if (transfer) {
      response.status = transfer->status();
      response.headers = std::move(transfer->headers);
      response.content_type = response.header("content-type");
      if (!error) response.body = std::move(transfer->body);
    }
    response.seconds = job.started >= 0 ? now_seconds() - job.started : 0;
    response.attempts = job.total_attempts;
    response.error = std::move(error);
    ++progress_.done;
    if (!response.ok()) ++progress_.failed;
    on_response_(std::move(response));
    if (on_progress_) report_progress();
  }


  void report_progress() {
    progress_.seconds = now_seconds() - start_;
    if (on_progress_) on_progress_(progress_);
  }

  int wait_ms(double now) const {
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

}  // namespace

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
