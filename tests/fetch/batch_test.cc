// fetch_all() against real servers on 127.0.0.1 that inject faults: each ends with the right outcome, in time, and the batch goes on.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/fetch_servers.h"
#include "winnow/fetch.h"

namespace {

using winnow::fetch::Options;
using winnow::fetch::Request;
using winnow::fetch::Response;
using winnow::test::RawServer;
using winnow::test::TestHttpServer;
using winnow::fetch::Notice;

// Quick settings so faults end fast.
Options quick() {
  Options options;
  options.delay = 0;
  options.per_host = 8;
  options.timeout = 1.5;
  options.connect_timeout = 1;
  options.low_speed_time = 1;
  options.retries = 2;
  options.backoff = 0.05;
  options.max_retry_after = 5;
  options.max_body_bytes = 1u << 20;
  return options;
}

// The error's message, "" when there is none.
std::string error_of(const Response& r) { return r.error ? r.error->message : ""; }

struct Batch {
  std::map<std::string, Response> by_url;
  double seconds = 0;
  const Response& operator[](const std::string& url) const { return by_url.at(url); }
};

Batch run(const std::vector<std::string>& urls, const Options& options) {
  std::vector<Request> requests;
  for (const std::string& url : urls) requests.push_back({url, {}});
  Batch batch;
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(winnow::fetch::fetch_all(requests, options, [&](Response&& r) { batch.by_url[r.url] = std::move(r); }));
  batch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(batch.by_url.size() == urls.size());
  return batch;
}

}  // namespace

TEST_CASE("a batch with every fault ends with the right outcome for each URL, within the timeouts", "[fetch]") {
  TestHttpServer server;
  RawServer reset("", true);
  RawServer liar("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>only this</html>", false);
  const std::vector<std::string> urls = {
      server.url("/ok/1"), server.url("/slow"), server.url("/stall"), server.url("/flaky"),
      server.url("/unavailable"), server.url("/loop"), server.url("/to-file"), server.url("/hop"),
      server.url("/big"), server.url("/bomb"), server.url("/latin1-label"), reset.url("/reset"),
      liar.url("/liar"), server.url("/ok/2"), "ftp://127.0.0.1/x", "not a url"};
  Options options = quick();
  options.robots = false;  // the raw servers answer robots.txt with their fault too; robots has its own test
  const Batch batch = run(urls, options);

  CHECK(batch[server.url("/ok/1")].ok());
  CHECK(batch[server.url("/ok/1")].status == 200);
  CHECK(batch[server.url("/ok/1")].body.find("/ok/1") != std::string::npos);
  CHECK(batch[server.url("/ok/2")].ok());

  CHECK(error_of(batch[server.url("/slow")]).find("timed out") != std::string::npos);
  CHECK(batch[server.url("/slow")].attempts == 3);  // first try + 2 retries
  CHECK_FALSE(batch[server.url("/stall")].ok());

  CHECK(batch[server.url("/flaky")].ok());
  CHECK(batch[server.url("/flaky")].attempts == 3);
  CHECK(server.requests("/flaky") == 3);

  CHECK(batch[server.url("/unavailable")].status == 503);
  CHECK(error_of(batch[server.url("/unavailable")]).find("HTTP 503") != std::string::npos);
  CHECK(server.requests("/unavailable") == 3);

  CHECK(error_of(batch[server.url("/loop")]).find("more than 20 redirects (--max-redirects)") != std::string::npos);
  CHECK(batch[server.url("/loop")].redirects.size() == 21);
  CHECK(error_of(batch[server.url("/to-file")]).find("file://") != std::string::npos);
  CHECK(batch[server.url("/to-file")].body.empty());

  const Response& hop = batch[server.url("/hop")];
  CHECK(hop.ok());
  CHECK(hop.final_url == server.url("/ok/after-hop"));
  REQUIRE(hop.redirects.size() == 1);
  CHECK(hop.redirects[0].status == 301);

  CHECK(error_of(batch[server.url("/big")]).find("larger than") != std::string::npos);
  CHECK(error_of(batch[server.url("/bomb")]).find("larger than") != std::string::npos);

  const Response& latin1 = batch[server.url("/latin1-label")];
  CHECK(latin1.ok());
  CHECK(latin1.body == "<html><body><p>caf\xC3\xA9 cr\xC3\xA8me</p></body></html>");  // bytes exactly as sent
  CHECK(latin1.content_type.find("iso-8859-1") != std::string::npos);

  CHECK_FALSE(batch[reset.url("/reset")].ok());
  CHECK(batch[reset.url("/reset")].attempts == 3);
  CHECK(error_of(batch[liar.url("/liar")]).find("Content-Length") != std::string::npos);

  CHECK(error_of(batch["ftp://127.0.0.1/x"]).find("unsupported URL scheme") != std::string::npos);
  CHECK(error_of(batch["not a url"]) == "not a valid URL (it needs http:// or https://)");

  // Slow, stalled and reset URLs retried with small timeouts: the batch as a whole stays bounded
  // (about 6 s here; generous for sanitizer builds on a loaded machine).
  CHECK(batch.seconds < 30);
}

TEST_CASE("429 with Retry-After is honoured before the retry", "[fetch]") {
  TestHttpServer server;
  const Batch batch = run({server.url("/throttled")}, quick());
  const Response& r = batch[server.url("/throttled")];
  CHECK(r.ok());
  CHECK(r.attempts == 2);
  CHECK(r.seconds >= 0.9);
}

TEST_CASE("robots.txt: disallowed paths are not fetched, 404 allows all, 5xx disallows all", "[fetch][robots]") {
  TestHttpServer strict("User-agent: winnow\nDisallow: /private/\nAllow: /private/ok\n\nUser-agent: *\nDisallow: /\n");
  Options options = quick();
  const Batch batch = run({strict.url("/private/secret"), strict.url("/private/ok"), strict.url("/ok/x")}, options);
  CHECK(error_of(batch[strict.url("/private/secret")]) == "robots.txt disallows this URL");
  CHECK(strict.requests("/private/secret") == 0);
  CHECK(batch[strict.url("/private/ok")].ok());
  CHECK(batch[strict.url("/ok/x")].ok());
  CHECK(strict.requests("/robots.txt") == 1);  // once per host

  TestHttpServer none;  // robots.txt answers 404
  CHECK(run({none.url("/private/x")}, options)[none.url("/private/x")].ok());

  TestHttpServer broken("", 503);
  const Batch refused = run({broken.url("/ok/y")}, options);
  CHECK(error_of(refused[broken.url("/ok/y")]) ==
        "robots.txt could not be fetched (HTTP 503, 3 attempts): the host is treated as disallowed (RFC 9309); "
        "--ignore-robots overrides");
  CHECK(broken.requests("/ok/y") == 0);
  CHECK(broken.requests("/robots.txt") == 3);  // retried like a page: first try + 2 retries

  TestHttpServer recovers("User-agent: *\nDisallow: /private/\n", 200, 1);  // one 503, then the file
  const Batch later = run({recovers.url("/ok/z"), recovers.url("/private/z")}, options);
  CHECK(later[recovers.url("/ok/z")].ok());
  CHECK(error_of(later[recovers.url("/private/z")]) == "robots.txt disallows this URL");
  CHECK(recovers.requests("/robots.txt") == 2);

  options.robots = false;  // --ignore-robots
  CHECK(run({strict.url("/private/secret")}, options)[strict.url("/private/secret")].ok());
}

TEST_CASE("fetch_all returns the batch's final counts", "[fetch]") {
  TestHttpServer server;
  Options options = quick();
  options.robots = false;
  const std::vector<Request> requests = {{server.url("/ok/1"), {}}, {server.url("/ok/2"), {}}, {"not a url", {}}};
  const winnow::Result<winnow::fetch::Progress> finished = winnow::fetch::fetch_all(requests, options, [](Response&&) {});
  REQUIRE(finished.ok());
  CHECK(finished.value().done == 3);
  CHECK(finished.value().total == 3);
  CHECK(finished.value().failed == 1);
  CHECK(finished.value().seconds > 0);
}

TEST_CASE("conditional GET: a matching If-None-Match gets a 304 and no body", "[fetch]") {
  TestHttpServer server;
  std::vector<Request> requests = {{server.url("/etag"), {}}, {server.url("/etag"), {{"If-None-Match", "\"v1\""}}}};
  std::vector<Response> responses(2);
  REQUIRE(winnow::fetch::fetch_all(requests, quick(), [&](Response&& r) { responses[r.index] = std::move(r); }));
  CHECK(responses[0].status == 200);
  CHECK(responses[0].header("etag") == "\"v1\"");
  CHECK(responses[0].header("LAST-MODIFIED") == "Sun, 01 Nov 2026 10:00:00 GMT");
  CHECK(responses[1].ok());
  CHECK(responses[1].status == 304);
  CHECK(responses[1].body.empty());
}

TEST_CASE("the per-host delay spaces requests to one host, no delay runs them at once", "[fetch]") {
  TestHttpServer server;
  Options options = quick();
  options.robots = false;
  options.delay = 0.3;
  const Batch batch = run({server.url("/ok/a"), server.url("/ok/b"), server.url("/ok/c"), server.url("/ok/d")}, options);
  CHECK(batch.seconds >= 0.85);  // three gaps of 0.3 s
  options.delay = 0;
  const Batch fast = run({server.url("/ok/e"), server.url("/ok/f"), server.url("/ok/g"), server.url("/ok/h")}, options);
  CHECK(fast.seconds < 0.5);
}

TEST_CASE("a host answering 503 gets a growing delay before the next request", "[fetch]") {
  TestHttpServer server;
  Options options = quick();
  options.robots = false;
  options.backoff = 0.01;  // the retries themselves would come at once
  const Batch batch = run({server.url("/unavailable")}, options);
  const Response& r = batch[server.url("/unavailable")];
  CHECK(r.attempts == 3);
  CHECK(r.status == 503);
  // 1 s after the first 503, 2 s after the second: the host's delay grew.
  CHECK(r.seconds >= 2.5);
}

TEST_CASE("robots.txt that cannot be fetched: the error names the real cause, not a Disallow rule", "[fetch][robots]") {
  const std::string treated = "): the host is treated as disallowed (RFC 9309); --ignore-robots overrides";
  const std::string refused_url = "http://127.0.0.1:" + std::to_string(winnow::test::closed_port()) + "/ok/a";
  RawServer closes("", false);                                // accepts, reads the request, closes
  RawServer not_http("SSH-2.0-OpenSSH_9.2p1\r\n", false);    // another protocol on the port
  RawServer not_tls("220 mail.example ESMTP ready\r\n", false, false);  // https:// to a plain-text service
  std::string https_url = not_tls.url("/ok/b");
  https_url.replace(0, 4, "https");
  const Batch batch = run({refused_url, closes.url("/ok/c"), not_http.url("/ok/d"), https_url}, quick());

  // Refused, closed and TLS failures are retried as for pages (quick(): 2 retries); a wrong protocol is not.
  CHECK(error_of(batch[refused_url]) == "robots.txt could not be fetched (connection refused, 3 attempts" + treated);
  CHECK(error_of(batch[closes.url("/ok/c")]) ==
        "robots.txt could not be fetched (the server closed the connection without answering, 3 attempts" + treated);
  CHECK(error_of(batch[not_http.url("/ok/d")]) == "robots.txt could not be fetched (the server's answer is not HTTP" + treated);
  const std::string tls = error_of(batch[https_url]);
  CHECK(tls.find("robots.txt could not be fetched (TLS error") == 0);
  CHECK(tls.find(treated) != std::string::npos);
  for (const auto& [url, response] : batch.by_url) CHECK(error_of(response).find("disallows") == std::string::npos);
}

TEST_CASE("a robots.txt over 500 KiB is parsed up to its first 500 KiB, not treated as disallow all", "[fetch][robots]") {
  std::string robots = "User-agent: *\nDisallow: /private/\nAllow: /ok/\n";
  while (robots.size() < 700 * 1024) robots += "# " + std::string(77, 'x') + "\n";
  robots += "Disallow: /ok/late\n";  // past 500 KiB: not read
  TestHttpServer server(robots);
  const Batch batch = run({server.url("/private/x"), server.url("/ok/early"), server.url("/ok/late")}, quick());
  CHECK(error_of(batch[server.url("/private/x")]) == "robots.txt disallows this URL");
  CHECK(server.requests("/private/x") == 0);
  CHECK(batch[server.url("/ok/early")].ok());
  CHECK(batch[server.url("/ok/late")].ok());
  CHECK(server.requests("/robots.txt") == 1);
}

TEST_CASE("a hostile Crawl-delay is capped at max_crawl_delay, with one notice per host", "[fetch][robots]") {
  for (const std::string delay : {"100000", "inf"}) {
    TestHttpServer server("User-agent: *\nCrawl-delay: " + delay + "\n");
    Options options = quick();
    options.max_crawl_delay = 0.4;
    std::vector<Request> requests = {{server.url("/ok/a"), {}}, {server.url("/ok/b"), {}}, {server.url("/ok/c"), {}}};
    std::vector<Notice> notices;
    int ok = 0;
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(winnow::fetch::fetch_all(
        requests, options, [&](Response&& r) { ok += r.ok(); }, {}, [&](const Notice& n) { notices.push_back(n); }));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(ok == 3);
    CHECK(seconds >= 0.75);  // the capped delay is still obeyed: two gaps of 0.4 s
    CHECK(seconds < 5);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].origin == server.url(""));
    CHECK(notices[0].message == "Crawl-delay " + delay + " s capped at 0.4 s (--max-crawl-delay)");
  }
}

TEST_CASE("redirects: 20 are followed by default, the 21st fails naming the cap, max_redirects applies", "[fetch]") {
  TestHttpServer server;
  Options options = quick();
  options.robots = false;
  const Batch batch = run({server.url("/chain/20"), server.url("/chain/21")}, options);
  CHECK(batch[server.url("/chain/20")].ok());
  CHECK(batch[server.url("/chain/20")].redirects.size() == 20);
  CHECK(batch[server.url("/chain/20")].final_url == server.url("/chain/0"));
  CHECK(error_of(batch[server.url("/chain/21")]) == "more than 20 redirects (--max-redirects)");
  options.max_redirects = 2;
  const Batch two = run({server.url("/chain/2"), server.url("/chain/3")}, options);
  CHECK(two[server.url("/chain/2")].ok());
  CHECK(error_of(two[server.url("/chain/3")]) == "more than 2 redirects (--max-redirects)");
}

TEST_CASE("endless response headers fail the URL early instead of filling memory", "[fetch]") {
  std::string flood = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
  while (flood.size() < 2u << 20) flood += "X-Filler: " + std::string(1000, 'a') + "\r\n";
  RawServer server(flood + "Content-Length: 2\r\n\r\nok", false);
  Options options = quick();
  options.robots = false;
  const Batch batch = run({server.url("/headers")}, options);
  CHECK(error_of(batch[server.url("/headers")]) == "response headers larger than 262144 bytes");
  CHECK(batch[server.url("/headers")].headers.empty());
}

TEST_CASE("Options::stop: a set flag ends the batch at once, without the unfinished responses", "[fetch]") {
  TestHttpServer server;
  Options options = quick();
  options.robots = false;
  options.timeout = 10;
  std::atomic<bool> stop{false};
  options.stop = &stop;
  std::vector<Request> requests = {{server.url("/ok/first"), {}}, {server.url("/slow"), {}}, {server.url("/slow"), {}}};
  std::vector<std::string> got;
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(winnow::fetch::fetch_all(requests, options, [&](Response&& r) {
    got.push_back(r.url);
    stop = true;  // as a signal handler would, once something finished
  }));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(got.size() == 1);
  CHECK(got[0] == server.url("/ok/first"));
  CHECK(seconds < 2);  // the 3 s answers were not waited for
}

TEST_CASE("invalid URLs say what is wrong, and a redirect to one names the redirect, not the request", "[fetch]") {
  RawServer bad_location("HTTP/1.1 302 Found\r\nLocation: http://bad host/x\r\nContent-Length: 0\r\n\r\n", false);
  Options options = quick();
  options.robots = false;
  const Batch batch = run({bad_location.url("/r"), "http://bad host/", "http://example.com:99999/"}, options);
  CHECK(error_of(batch[bad_location.url("/r")]) == "redirect to an invalid URL: http://bad host/x");
  CHECK(batch[bad_location.url("/r")].redirects.size() == 1);
  CHECK(error_of(batch["http://bad host/"]) == "not a valid URL (bad hostname)");
  CHECK(error_of(batch["http://example.com:99999/"]).find("not a valid URL (port number") == 0);
}

TEST_CASE("each failure has the ErrorKind fetch.h documents for it", "[fetch]") {
  using winnow::ErrorKind;
  const auto kind_of = [](const Response& r) { return r.error ? r.error->kind : ErrorKind::kInternal; };
  TestHttpServer server("User-agent: *\nDisallow: /private/\n");
  const std::string refused = "http://127.0.0.1:" + std::to_string(winnow::test::closed_port()) + "/ok/a";
  Options options = quick();
  options.retries = 0;
  const Batch robots = run({server.url("/private/x"), refused}, options);
  CHECK(kind_of(robots[server.url("/private/x")]) == ErrorKind::kRefused);
  CHECK(kind_of(robots[refused]) == ErrorKind::kRefused);  // its robots.txt could not be fetched

  options.robots = false;
  options.max_redirects = 2;
  const Batch batch = run({server.url("/ok/k"), server.url("/missing"), server.url("/unavailable"), refused,
                           server.url("/big"), server.url("/chain/3"), server.url("/to-file"), "ftp://127.0.0.1/x",
                           "not a url", "http://bad host/"},
                          options);
  CHECK(batch[server.url("/ok/k")].ok());
  CHECK(kind_of(batch[server.url("/missing")]) == ErrorKind::kNotFound);
  CHECK(batch[server.url("/missing")].status == 404);
  CHECK(kind_of(batch[server.url("/unavailable")]) == ErrorKind::kNetwork);
  CHECK(kind_of(batch[refused]) == ErrorKind::kNetwork);
  CHECK(kind_of(batch[server.url("/big")]) == ErrorKind::kTooLarge);
  CHECK(kind_of(batch[server.url("/chain/3")]) == ErrorKind::kTooLarge);
  CHECK(kind_of(batch[server.url("/to-file")]) == ErrorKind::kUnsupported);
  CHECK(kind_of(batch["ftp://127.0.0.1/x"]) == ErrorKind::kUnsupported);
  CHECK(kind_of(batch["not a url"]) == ErrorKind::kInvalidInput);
  CHECK(kind_of(batch["http://bad host/"]) == ErrorKind::kInvalidInput);
}

TEST_CASE("an on_response that throws: the exception leaves fetch_all, nothing leaks, the next batch runs", "[fetch]") {
  // Run under AddressSanitizer, this fails on a leak: when /ok/2's response throws, /slow is in flight, /ok/3 and
  // /ok/4 wait in their host's queue and /throttled waits for its retry (its 429 asked for 1 s).
  TestHttpServer pages;
  TestHttpServer throttled;
  Options options = quick();
  options.robots = false;
  options.per_host = 2;
  options.delay = 0.1;
  const std::vector<Request> requests = {{pages.url("/ok/1"), {}}, {pages.url("/slow"), {}}, {pages.url("/ok/2"), {}},
                                         {pages.url("/ok/3"), {}}, {pages.url("/ok/4"), {}},
                                         {throttled.url("/throttled"), {}}};
  const auto throw_at_ok_2 = [&](Response&& r) {
    if (r.url == pages.url("/ok/2")) throw std::runtime_error("thrown by on_response");
  };
  CHECK_THROWS_WITH(winnow::fetch::fetch_all(requests, options, throw_at_ok_2), "thrown by on_response");
  CHECK(pages.requests("/slow") == 1);
  CHECK(pages.requests("/ok/3") == 0);
  CHECK(throttled.requests("/throttled") == 1);

  const Batch after = run({pages.url("/ok/after")}, options);
  CHECK(after[pages.url("/ok/after")].ok());
}
