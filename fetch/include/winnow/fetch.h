// Public API of winnow::fetch: fetch many URLs politely (robots.txt, per-host limits and delays, retries) with libcurl.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/result.h"

namespace winnow::fetch {

using Headers = std::vector<std::pair<std::string, std::string>>;  // in order received; names as sent

// The version of libcurl this process runs with ("7.88.1"). Thread-safe.
std::string libcurl_version();

// How to fetch. The defaults are what a polite crawler uses.
struct Options {
  int concurrency = 16;              // transfers at once, in total
  int per_host = 2;                  // transfers at once to one host
  double delay = 1.0;                // seconds between the starts of two requests to one host; grows
                                     // when the host answers 429/503 or slows down, and to its Crawl-delay
  bool robots = true;                // obey robots.txt (RFC 9309); false = --ignore-robots. One that cannot
                                     // be fetched (after `retries`) disallows its host, and the error says why
  double max_crawl_delay = 30;       // a robots.txt Crawl-delay is capped at this many seconds (a Notice says so)
  double connect_timeout = 10;       // seconds
  double timeout = 60;               // seconds for one whole transfer
  long low_speed_bytes = 1;          // abort a transfer slower than this many bytes/s ...
  double low_speed_time = 15;        // ... for this many seconds
  std::size_t max_body_bytes = 20u << 20;  // decoded bytes; a larger body (or a compression bomb) fails early
  int max_redirects = 20;            // redirect hops followed per request (as wget); one more is an error
  int retries = 3;                   // further attempts after a timeout, reset, 5xx or 429
  double backoff = 1.0;              // seconds before the first retry; doubles each time, with jitter
  double max_retry_after = 120;      // Retry-After (and any backoff) is capped at this many seconds
  std::string user_agent = "winnow/0.1 (+https://github.com/winnow/winnow)";
  bool insecure = false;             // skip TLS certificate verification
  bool keep_wire = false;            // also keep each response as it crossed the wire (Response::wire), for WARC files
  // When set and it becomes true (e.g. from a signal handler; it is only
  // read), fetch_all() returns within about 0.1 s: no further transfer
  // starts, transfers in flight are abandoned, and requests not finished by
  // then get no Response. Not owned; must outlive the call.
  const std::atomic<bool>* stop = nullptr;
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

// The outcome for one request: `error` is empty when the last response was
// received whole with a status below 400 (304 included); otherwise it says why
// the request failed, after any retries. Its kind:
// - kInvalidInput: the URL, or a redirect's Location, cannot be parsed ("not a
//   valid URL (bad hostname)", "redirect to an invalid URL: http://bad host/x").
// - kUnsupported: the URL, or a redirect's target, is not http(s) ("unsupported
//   URL scheme 'ftp' (http and https only)", "redirect to a file:// URL refused").
// - kRefused: robots.txt does not allow it ("robots.txt disallows this URL"), or
//   could not be read, which RFC 9309 treats as disallowing the host
//   ("robots.txt could not be fetched (connection refused): the host is treated
//   as disallowed (RFC 9309); --ignore-robots overrides").
// - kTooLarge: over a limit of Options ("body larger than 20971520 bytes",
//   "response headers larger than 262144 bytes", "more than 20 redirects
//   (--max-redirects)").
// - kNotFound: the final status is 404 or 410 ("HTTP 404").
// - kNetwork: the transfer failed ("timed out after 2.0 s", "connection
//   refused", "TLS error: …") or the final status is another 4xx or 5xx
//   ("HTTP 503 (after 4 attempts)").
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
  std::optional<Error> error;  // why it failed (see above); empty on success
  // The final exchange as it crossed the wire, when Options::keep_wire and a
  // response arrived; what `wget --warc-file` records. Redirect hops are not kept.
  struct Wire {
    std::string request_head;   // the request line and headers as sent, CRLFCRLF included
    std::string response_head;  // the status line and headers as received, CRLFCRLF included
    std::string body;           // the body bytes as received: chunked transfer-coding and content-encoding still on
    std::string ip_address;     // the server's IP address
  };
  std::optional<Wire> wire;

  // True when the request succeeded: `error` is empty.
  bool ok() const { return !error; }
  // The value of header `name` (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const;
};

// How far a batch has got, for progress displays and as fetch_all()'s result.
struct Progress {
  std::size_t done = 0, total = 0, failed = 0;  // responses given, requests in all, responses with an error
  std::size_t hosts = 0;          // hosts (scheme://host:port) met so far, redirect targets included
  std::size_t hosts_active = 0;   // of those, hosts with a transfer in flight
  std::size_t hosts_done = 0;     // hosts with nothing left to fetch; the others wait (their delay, a retry, a free slot)
  double seconds = 0;             // since the batch started
};

// Something worth telling the user that is not one request's outcome, e.g.
// "Crawl-delay 100000 s capped at 30 s (--max-crawl-delay)" for the host
// `origin` ("http://example.com:80"). Each kind is said at most once per host.
struct Notice {
  std::string origin;
  std::string message;
};

// Fetches every request and calls `on_response` once per request, in
// completion order, on the calling thread (bodies are not kept after it
// returns, so a batch of any size runs in bounded memory). `on_progress`, if
// set, is called after each response and at most every 0.5 s otherwise;
// `on_notice`, if set, with each Notice, on the calling thread too.
// A request that fails, whatever the reason, gets a Response with an error;
// it never stops the batch. Returns the final counts (`done` below `total`
// when options.stop ended the batch: the requests not finished by then get no
// Response), or an Error when the batch cannot start, and then nothing is
// called: kInternal ("cannot initialise libcurl") or kTooLarge (4,294,967,295
// requests or more). Hosts are taken in order of when each may next be asked,
// so the cost per URL does not grow with the number of hosts; a host in
// progress goes before a new one, and a host's robots.txt and pages share a
// connection when the server keeps it open. An exception thrown by a
// callback leaves fetch_all at once, abandoning the batch; every handle and
// buffer is released. Thread-safe: each call has its own libcurl handles, so
// batches may run on several threads at once (libcurl's global init happens
// once, on first use).
Result<Progress> fetch_all(const std::vector<Request>& requests, const Options& options,
                           const std::function<void(Response&&)>& on_response,
                           const std::function<void(const Progress&)>& on_progress = {},
                           const std::function<void(const Notice&)>& on_notice = {});

}  // namespace winnow::fetch
