// What a finished transfer means: robots.txt rules, retries, host penalties, redirects, the Response for the caller.
#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "batch.h"
#include "retry.h"
#include "winnow/fetch.h"

namespace winnow::fetch {
namespace {

constexpr double kSlowResponse = 5.0;  // seconds: a response slower than this makes the host's delay grow
constexpr double kMaxPenalty = 60.0;   // seconds added to a host's delay at most

// "100000", "2.5": a number of seconds as a person would write it.
std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

std::string attempts_note(const Job& job) {
  return job.attempts > 1 ? " (after " + std::to_string(job.attempts) + " attempts)" : "";
}

// 5xx or unreachable: RFC 9309 says assume complete disallow. The error says why, or it reads like a Disallow rule.
void disallow_host(Host& host, std::string cause) {
  if (host.robots_attempts > 1) cause += ", " + std::to_string(host.robots_attempts) + " attempts";
  host.robots.rules = RobotsRules::disallow_all();
  host.robots.failure = "robots.txt could not be fetched (" + cause +
                        "): the host is treated as disallowed (RFC 9309); --ignore-robots overrides";
}

}  // namespace

void Batch::robots_done(Host& host, const Transfer& transfer, CURLcode code) {
  const long status = transfer.status();
  // A robots.txt over the limit stops early with the first kRobotsMaxBytes kept: those are parsed.
  const bool received = code == CURLE_OK || (transfer.too_large && !transfer.headers_too_large);
  if (received && status >= 200 && status < 300) {
    std::string_view text = transfer.body;
    if (transfer.too_large) text = text.substr(0, text.rfind('\n') + 1);  // a cut last line could change meaning
    host.robots.rules = RobotsRules::parse(text, product_);
  } else if (received && status >= 400 && status < 500) {
    host.robots.rules = RobotsRules::allow_all();
  } else {
    // A passing fault would shut the host out for the whole batch: retried as pages are.
    const bool transient = received ? retryable_status(status) : retryable_code(code);
    if (transient && host.robots_attempts <= options_.retries) {
      const double wait = retry_wait(host.robots_attempts, transfer, received);
      host.robots_state = RobotsState::kUnknown;  // start_transfers() fetches it again after next_start
      host.next_start = std::max(host.next_start, now_seconds() + wait);
      return;
    }
    disallow_host(host, received ? "HTTP " + std::to_string(status) : transfer.failure(code).message);
  }
  cap_crawl_delay(host);
  host.robots_state = RobotsState::kReady;
}

void Batch::cap_crawl_delay(Host& host) {
  double& delay = host.robots.crawl_delay;
  delay = host.robots.rules.crawl_delay();
  if (delay <= options_.max_crawl_delay) return;
  if (on_notice_ && !host.capped_notice) {
    on_notice_({host.origin, "Crawl-delay " + seconds_text(delay) + " s capped at " +
                                 seconds_text(options_.max_crawl_delay) + " s (--max-crawl-delay)"});
  }
  host.capped_notice = true;
  delay = options_.max_crawl_delay;
}

void Batch::transfer_done(Host& host, std::unique_ptr<Job> job, Transfer& transfer, CURLcode code) {
  const long status = transfer.status();
  if (const double elapsed = transfer.elapsed(); elapsed > kSlowResponse) {
    host.penalty = std::min(kMaxPenalty, std::max(host.penalty, elapsed / 2));
    host.next_start = std::max(host.next_start, now_seconds() + host_delay(host));
  }
  if (code != CURLE_OK) return transfer_failed(std::move(job), transfer, code);
  if (status == 429 || status == 503) {
    host.penalty = std::min(kMaxPenalty, std::max(1.0, host.penalty * 2));
    // The host asked us to slow down: the next request waits the whole grown delay from now.
    host.next_start = std::max(host.next_start, now_seconds() + host_delay(host));
  } else if (status < 400) {
    host.penalty /= 2;
  }
  if (retryable_status(status) && job->attempts <= options_.retries) {
    const double wait = retry_wait(job->attempts, transfer, true);
    return retry_later(std::move(job), transfer.host, wait);
  }
  if (status >= 300 && status < 400 && status != 304) {
    std::string location = transfer.redirect_url();  // a Location libcurl cannot resolve comes as sent
    if (!location.empty()) return follow_redirect(std::move(job), transfer, status, std::move(location));
  }
  std::optional<Error> error;
  if (status >= 400) {
    error = Error{status == 404 || status == 410 ? ErrorKind::kNotFound : ErrorKind::kNetwork,
                  "HTTP " + std::to_string(status) + attempts_note(*job)};
  }
  finish(*job, &transfer, std::move(error));
}

void Batch::transfer_failed(std::unique_ptr<Job> job, Transfer& transfer, CURLcode code) {
  Error failure = transfer.failure(code);
  if (transfer.headers_too_large) transfer.headers.clear();  // a flood's first part tells nobody anything
  if (transfer.over_limit(code)) return finish(*job, &transfer, std::move(failure));
  if (retryable_code(code) && job->attempts <= options_.retries) {
    const double wait = retry_wait(job->attempts, transfer, false);
    return retry_later(std::move(job), transfer.host, wait);
  }
  failure.message += attempts_note(*job);
  finish(*job, &transfer, std::move(failure));
}

void Batch::follow_redirect(std::unique_ptr<Job> job, Transfer& transfer, long status, std::string location) {
  job->hops.push_back({job->url, status});
  if (static_cast<int>(job->hops.size()) > options_.max_redirects) {
    return finish(*job, &transfer, Error{ErrorKind::kTooLarge, "more than " + std::to_string(options_.max_redirects) +
                                                                    " redirects (--max-redirects)"});
  }
  job->url = std::move(location);
  job->attempts = 0;
  enqueue(std::move(job));
}

double Batch::retry_wait(int attempt, const Transfer& transfer, bool honour_retry_after) {
  double wait = backoff_seconds(attempt, options_.backoff, options_.max_retry_after, random_);
  if (!honour_retry_after) return wait;
  if (auto after = parse_retry_after(transfer.header("retry-after"), wall_seconds())) {
    wait = std::min(*after, options_.max_retry_after);
  }
  return wait;
}

void Batch::finish(Job& job, Transfer* transfer, std::optional<Error> error) {
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
    // An error page (404, 500) crossed the wire too, and a crawl's WARC records it as wget's does.
    if (response.status > 0) response.wire = transfer->take_wire();
  }
  response.seconds = job.started >= 0 ? now_seconds() - job.started : 0;
  response.attempts = job.total_attempts;
  response.error = std::move(error);
  ++progress_.done;
  if (!response.ok()) ++progress_.failed;
  on_response_(std::move(response));
  if (on_progress_) report_progress();
}

}  // namespace winnow::fetch
