// fetch_all() over many hosts: every URL answered, each host's order, delay and robots.txt kept, hosts in progress first; HostQueue and RobotsCache alone.
#include <catch2/catch.hpp>
#include <chrono>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "host_queue.h"
#include "robots_cache.h"
#include "support/fetch_servers.h"
#include "winnow/fetch.h"

namespace {

using winnow::fetch::Options;
using winnow::fetch::Progress;
using winnow::fetch::Request;
using winnow::fetch::Response;
using winnow::test::TestHttpServer;

Options polite(double delay) {
  Options options;
  options.delay = delay;
  options.per_host = 1;
  options.timeout = 5;
  options.retries = 0;
  return options;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("many hosts: every URL answered, each host in input order, spaced by the delay, over one connection", "[fetch][hosts]") {
  constexpr int kHosts = 12, kEach = 3;
  constexpr double kDelay = 0.25;
  std::vector<std::unique_ptr<TestHttpServer>> servers;
  for (int h = 0; h < kHosts; ++h) servers.push_back(std::make_unique<TestHttpServer>());
  std::vector<Request> requests;  // interleaved: page 0 of every host, then page 1, ...
  for (int i = 0; i < kEach; ++i) {
    for (int h = 0; h < kHosts; ++h) requests.push_back({servers[h]->url("/ok/" + std::to_string(i)), {}});
  }
  Options options = polite(kDelay);
  options.concurrency = 4;
  int ok = 0;
  std::size_t most_active = 0;
  Progress last;
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(winnow::fetch::fetch_all(
      requests, options, [&](Response&& r) { ok += r.ok(); },
      [&](const Progress& p) {
        most_active = std::max(most_active, p.hosts_active);
        last = p;
      }));
  const double seconds = seconds_since(start);
  CHECK(ok == kHosts * kEach);
  CHECK(last.hosts == kHosts);
  CHECK(last.hosts_done == kHosts);
  CHECK(last.hosts_active == 0);
  CHECK(most_active <= 4);  // never more hosts in flight than transfers allowed
  // Each host needs 3 gaps of 0.25 s (robots.txt, then 3 pages); one host after another would take 9 s.
  CHECK(seconds < 4);
  for (const auto& server : servers) {
    const std::vector<TestHttpServer::Hit> hits = server->hits();
    REQUIRE(hits.size() == 1 + kEach);
    CHECK(hits[0].path == "/robots.txt");
    std::set<int> connections;
    for (std::size_t i = 0; i < hits.size(); ++i) {
      connections.insert(hits[i].client_port);
      // Arrivals, not starts: a new connection can delay the first arrival a little more than the next.
      if (i > 0) CHECK(hits[i].seconds - hits[i - 1].seconds >= kDelay - 0.1);
      if (i > 0) CHECK(hits[i].path == "/ok/" + std::to_string(i - 1));
    }
    CHECK(connections.size() == 1);  // robots.txt and the pages over the same connection
  }
}

TEST_CASE("a host in progress goes before a new one when it may start", "[fetch][hosts]") {
  TestHttpServer a, b, c;
  const std::vector<Request> requests = {{a.url("/ok/1"), {}}, {b.url("/ok/1"), {}}, {c.url("/ok/1"), {}},
                                         {a.url("/ok/2"), {}}, {b.url("/ok/2"), {}}, {c.url("/ok/2"), {}}};
  Options options = polite(0);
  options.concurrency = 1;
  options.robots = false;
  std::vector<std::string> order;
  REQUIRE(winnow::fetch::fetch_all(requests, options, [&](Response&& r) { order.push_back(r.url); }));
  CHECK(order == std::vector<std::string>{a.url("/ok/1"), a.url("/ok/2"), b.url("/ok/1"), b.url("/ok/2"),
                                          c.url("/ok/1"), c.url("/ok/2")});
}

TEST_CASE("a redirect back to a finished host uses its robots.txt already read", "[fetch][hosts][robots]") {
  TestHttpServer a("User-agent: *\nDisallow: /private/\n");
  TestHttpServer b;
  const std::string away = b.url("/away?to=" + a.url("/ok/2"));
  const std::string refused = b.url("/away?to=" + a.url("/private/x"));
  // a is done after its first page; b reaches its redirects later (delay 0.2 s after robots.txt and /ok/x).
  const std::vector<Request> requests = {{a.url("/ok/1"), {}}, {b.url("/ok/x"), {}}, {away, {}}, {refused, {}}};
  std::map<std::string, Response> got;
  REQUIRE(winnow::fetch::fetch_all(requests, polite(0.2), [&](Response&& r) { got[r.url] = std::move(r); }));
  CHECK(got[away].ok());
  CHECK(got[away].final_url == a.url("/ok/2"));
  REQUIRE(got[refused].error);
  CHECK(got[refused].error->message == "robots.txt disallows this URL");
  CHECK(a.requests("/private/x") == 0);
  CHECK(a.requests("/robots.txt") == 1);
}

TEST_CASE("HostQueue: due hosts in progress by time, then new hosts in order, none before its time", "[fetch][hosts]") {
  winnow::fetch::HostQueue queue;
  CHECK(queue.empty());
  queue.push(7, 0, true);
  queue.push(8, 0, true);
  queue.push(1, 5.0, false);
  queue.push(2, 3.0, false);
  CHECK(queue.next_time() < 0);  // a new host may start at once
  const auto take = [&](double now) { auto due = queue.pop(now); return due ? static_cast<int>(due->host) : -1; };
  CHECK(take(4.0) == 2);  // due, and in progress: before the new hosts
  CHECK(take(4.0) == 7);
  CHECK(take(4.0) == 8);
  CHECK(queue.next_time() == 5.0);
  CHECK(take(4.0) == -1);  // host 1 waits for its time
  CHECK(take(5.0) == 1);
  CHECK(queue.empty());
}

TEST_CASE("HostQueue: while new hosts are held back, only hosts in progress start, and the wait ignores new ones", "[fetch][hosts]") {
  winnow::fetch::HostQueue queue;
  queue.push(7, 0, true);
  queue.push(1, 5.0, false);
  const auto take = [&](double now, bool fresh_allowed) {
    auto due = queue.pop(now, fresh_allowed);
    return due ? static_cast<int>(due->host) : -1;
  };
  CHECK(queue.next_time(false) == 5.0);  // the new host does not count while held back
  CHECK(take(4.0, false) == -1);
  CHECK(take(5.0, false) == 1);
  CHECK(queue.next_time(false) == std::numeric_limits<double>::infinity());
  CHECK(queue.next_time(true) < 0);
  CHECK(take(5.0, true) == 7);  // let in once there is room
  CHECK(queue.empty());
}

TEST_CASE("RobotsCache keeps at most its capacity, dropping the least recently used", "[fetch][hosts][robots]") {
  winnow::fetch::RobotsCache cache(2);
  for (std::uint32_t host : {1u, 2u, 3u}) {
    winnow::fetch::RobotsPolicy policy;
    policy.crawl_delay = host;
    cache.put(host, std::move(policy));
    CHECK(cache.size() <= 2);
  }
  CHECK_FALSE(cache.take(1));  // the oldest, dropped for 3
  const auto two = cache.take(2);
  REQUIRE(two);
  CHECK(two->crawl_delay == 2);
  CHECK_FALSE(cache.take(2));  // taken out
  CHECK(cache.size() == 1);
  winnow::fetch::RobotsCache none(0);
  none.put(1, {});
  CHECK_FALSE(none.take(1));
}
