// Unit tests of the fetcher's pure parts: robots.txt rules (RFC 9309), Retry-After, backoff, URL parts.
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <random>
#include <string>

#include "retry.h"
#include "robots.h"
#include "transfer.h"
#include "url_parts.h"

using namespace winnow::fetch;

TEST_CASE("robots.txt: our group wins over *, longest match wins, Allow wins ties", "[robots]") {
  const auto rules = RobotsRules::parse(
      "# comment\nUser-agent: *\nDisallow: /\n\nUser-Agent: WINNOW\nUser-agent: other\n"
      "Disallow: /private\nAllow: /private/public\nDisallow: /*.pdf$\nAllow: /same\nDisallow: /same\nCrawl-delay: 2.5\n",
      "winnow");
  CHECK(rules.allowed("/"));
  CHECK(rules.allowed("/news/today"));
  CHECK_FALSE(rules.allowed("/private"));
  CHECK_FALSE(rules.allowed("/private/x"));
  CHECK(rules.allowed("/private/public/x"));
  CHECK_FALSE(rules.allowed("/files/a.pdf"));
  CHECK(rules.allowed("/files/a.pdf?x=1"));
  CHECK(rules.allowed("/same"));
  CHECK(rules.crawl_delay() == Approx(2.5));
  CHECK(rules.allowed("/robots.txt"));

  const auto others = RobotsRules::parse("User-agent: *\nDisallow: /\n", "winnow");
  CHECK_FALSE(others.allowed("/a"));
  CHECK(others.allowed("/robots.txt"));
  CHECK(RobotsRules::parse("User-agent: somebot\nDisallow: /\n", "winnow").allowed("/a"));
  CHECK(RobotsRules::parse("User-agent: *\nDisallow:\n", "winnow").allowed("/a"));
  CHECK(RobotsRules::parse("garbage\n\x01\x02 no colon\n", "winnow").allowed("/a"));
  CHECK_FALSE(RobotsRules::disallow_all().allowed("/a"));
  CHECK(RobotsRules::allow_all().allowed("/a"));
}

TEST_CASE("robots patterns: * and $, the pieces between stars in order", "[robots]") {
  CHECK(robots_pattern_matches("/a", "/abc"));
  CHECK(robots_pattern_matches("/a*c", "/abbbc/d"));
  CHECK_FALSE(robots_pattern_matches("/a*c$", "/abbbc/d"));
  CHECK(robots_pattern_matches("/a*c$", "/abbbc"));
  CHECK(robots_pattern_matches("*", "/anything"));
  CHECK(robots_pattern_matches("/$", "/"));
  CHECK_FALSE(robots_pattern_matches("/$", "/x"));
  CHECK_FALSE(robots_pattern_matches("/b", "/abc"));
  CHECK(robots_pattern_matches("/a*b*c$", "/axbxc"));
  CHECK_FALSE(robots_pattern_matches("/a*b*c$", "/axbxcx"));
  CHECK(robots_pattern_matches("/a*b$", "/abab"));
  CHECK_FALSE(robots_pattern_matches("/ab*b$", "/ab"));
  CHECK(robots_pattern_matches("/*.php$", "/dir/x.php"));
  CHECK(robots_pattern_matches("/a**b", "/a/b"));
  CHECK(robots_pattern_matches("/a*", "/a"));
  CHECK(robots_pattern_matches("/*$", "/anything"));
  CHECK_FALSE(robots_pattern_matches("/x*y", "/yx"));
  CHECK_FALSE(robots_pattern_matches("$", "/"));
  CHECK(product_token("winnow/0.1 (+https://x)") == "winnow");
}

TEST_CASE("Retry-After: seconds or an HTTP date, backoff grows and is capped", "[fetch]") {
  CHECK(parse_retry_after("120", 0).value() == Approx(120));
  CHECK(parse_retry_after(" 0 ", 0).value() == Approx(0));
  const double date = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", date - 30).value() == Approx(30));
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", date + 30).value() == Approx(0));
  CHECK_FALSE(parse_retry_after("soon", 0).has_value());
  CHECK_FALSE(parse_retry_after("", 0).has_value());

  std::mt19937 random(1);
  for (int attempt = 1; attempt <= 4; ++attempt) {
    const double wait = backoff_seconds(attempt, 1.0, 100, random);
    CHECK(wait >= 0.5 * (1 << (attempt - 1)));
    CHECK(wait < 1.5 * (1 << (attempt - 1)));
  }
  CHECK(backoff_seconds(30, 1.0, 10, random) == Approx(10));
  CHECK(retryable_status(503));
  CHECK(retryable_status(429));
  CHECK_FALSE(retryable_status(501));
  CHECK_FALSE(retryable_status(404));
}

TEST_CASE("URL parts: origin with the default port, path with query", "[fetch]") {
  const auto parts = parse_url("HTTPS://Example.COM/a/b?x=1#frag");
  REQUIRE(parts);
  CHECK(parts->scheme == "https");
  CHECK(parts->host == "example.com");
  CHECK(parts->origin == "https://example.com:443");
  CHECK(parts->path == "/a/b?x=1");
  CHECK(parse_url("http://127.0.0.1:8080")->path == "/");
  CHECK_FALSE(parse_url("not a url"));
}

TEST_CASE("robots patterns: a hostile rule against a long path is matched in linear time", "[robots]") {
  // Backtracking glob matching takes |rule| x |path| steps here: seconds per URL.
  const std::string rule = "*" + std::string(30000, 'a') + "b";
  const std::string path = "/" + std::string(60000, 'a');
  std::string robots = "User-agent: *\n";
  for (int i = 0; i < 4; ++i) robots += "Disallow: " + rule + "\n";
  const auto rules = RobotsRules::parse(robots, "winnow");
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(robots_pattern_matches(rule, path));
  CHECK(rules.allowed(path));
  CHECK(robots_pattern_matches("*" + std::string(1000, 'a') + "*b$", path + "b"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 0.5);
}

TEST_CASE("failure reasons name the cause: refused, DNS, TLS, not HTTP, timeouts", "[fetch]") {
  CHECK(failure_reason(CURLE_COULDNT_CONNECT, ECONNREFUSED, "Failed to connect", 0) == "connection refused");
  CHECK(failure_reason(CURLE_COULDNT_CONNECT, ENETUNREACH, "", 0).find("cannot connect (") == 0);
  CHECK(failure_reason(CURLE_COULDNT_RESOLVE_HOST, 0, "Could not resolve host: nowhere.invalid", 0) ==
        "DNS lookup failed: Could not resolve host: nowhere.invalid");
  CHECK(failure_reason(CURLE_SSL_CONNECT_ERROR, 0, "wrong version number", 0) == "TLS error: wrong version number");
  CHECK(failure_reason(CURLE_PEER_FAILED_VERIFICATION, 0, "", 0).find("--insecure") != std::string::npos);
  CHECK(failure_reason(CURLE_UNSUPPORTED_PROTOCOL, 0, "Received HTTP/0.9 when not allowed", 0) ==
        "the server's answer is not HTTP");
  CHECK(failure_reason(CURLE_OPERATION_TIMEDOUT, 0, "", 2.04) == "timed out after 2.0 s");
}
