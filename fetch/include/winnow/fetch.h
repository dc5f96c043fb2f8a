// Public API of winnow::fetch: fetch many URLs politely (robots.txt, per-host limits and delays, retries) with libcurl.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace winnow::fetch {

using Headers = std::vector<std::pair<std::string, std::string>>;  // in order received; names as sent

// How to fetch. The defaults are what a polite crawler uses.
struct Options {
  int concurrency = 16;              // transfers at once, in total
  int per_host = 2;                  // transfers at once to one host
  double delay = 1.0;                // seconds between the starts of two requests to one host; grows
                                     // when the host answers 429/503 or slows down, and to its Crawl-delay
  bool robots = true;                // obey robots.txt (RFC 9309); false = --ignore-robots
  double connect_timeout = 10;       // seconds
  double timeout = 60;               // seconds for one whole transfer
  long low_speed_bytes = 1;          // abort a transfer slower than this many bytes/s ...
  double low_speed_time = 15;        // ... for this many seconds
  std::size_t max_body_bytes = 20u << 20;  // decoded bytes; a larger body (or a compression bomb) fails early
  int max_redirects = 10;
  int retries = 3;                   // further attempts after a timeout, reset, 5xx or 429
  double backoff = 1.0;              // seconds before the first retry; doubles each time, with jitter
  double max_retry_after = 120;      // Retry-After (and any backoff) is capped at this many seconds
  std::string user_agent = "winnow/0.1 (+https://github.com/winnow/winnow)";
  bool insecure = false;             // skip TLS certificate verification
};

// One URL to fetch, with extra request headers (e.g. If-None-Match, If-Modified-Since).
struct Request {
  std::string url;
  Headers headers;
};

// One redirect hop: the URL that answered with a redirect, and its status.
struct Hop {
  std::string url;
  long status = 0;
};

// The outcome for one request. When `error` is empty the last response was
// received whole: any HTTP status, 304 and 404 included. Otherwise `error`
// says why it failed (after any retries), e.g. "timed out after 2.0 s",
// "robots.txt disallows this URL", "redirect to a file:// URL refused",
// "body larger than 20971520 bytes", "HTTP 503 after 4 attempts".
struct Response {
  std::size_t index = 0;      // position of the request in the input list
  std::string url;            // as requested
  std::string final_url;      // after redirects
  std::vector<Hop> redirects; // each hop in order
  long status = 0;            // of the final response; 0 when none arrived
  Headers headers;            // of the final response
  // The body as the server meant it: content-encoding (gzip, br, zstd) undone.
  // headers keep Content-Encoding so the raw form is known. Empty on error.
  std::string body;
  std::string content_type;   // the Content-Type header ("text/html; charset=...") if any
  double seconds = 0;         // from the first attempt's start to the end
  int attempts = 0;           // requests made for this URL, retries included (redirect hops not counted)
  std::string error;

  bool ok() const { return error.empty(); }
  // The value of header `name` (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const;
};

// How far a batch has got, for progress displays.
struct Progress {
  std::size_t done = 0, total = 0, failed = 0;
  double seconds = 0;  // since the batch started
};

// Fetches every request and calls `on_response` once per request, in
// completion order, on the calling thread (bodies are not kept after it
// returns, so a batch of any size runs in bounded memory). `on_progress`, if
// set, is called after each response and at most every 0.5 s otherwise.
// Requests with a URL that is not http(s) or cannot be parsed get a Response
// with an error; they never stop the batch. Returns false only when libcurl
// cannot be initialised (then nothing is called).
bool fetch_all(const std::vector<Request>& requests, const Options& options,
               const std::function<void(Response&&)>& on_response,
               const std::function<void(const Progress&)>& on_progress = {});

}  // namespace winnow::fetch
