// Real servers on 127.0.0.1 for the fetch tests: a cpp-httplib server with fault-injecting routes, and a raw TCP server for broken responses.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace winnow::test {

// An HTTP server on 127.0.0.1 (ephemeral port) serving these routes:
//  /ok/<anything>     200, a small HTML page naming the path
//  /slow              answers after 3 s
//  /stall             sends headers and a few bytes, then nothing for 5 s
//  /flaky             500 twice (per server), then 200
//  /unavailable       always 503
//  /throttled         429 with Retry-After: 1 the first time, then 200
//  /loop, /loop2      redirect to each other forever
//  /to-file           302 to file:///etc/passwd
//  /away?to=URL       302 to URL
//  /hop               301 to /ok/after-hop
//  /chain/<n>         302 to /chain/<n-1>; /chain/0 is a page (n redirects in all)
//  /big               3 MB of HTML
//  /bomb              gzip-encoded: about 100 KB on the wire, 100 MB decoded
//  /latin1-label      UTF-8 bytes labelled charset=iso-8859-1
//  /etag              ETag "v1" and Last-Modified; 304 for a matching If-None-Match
//  /private/...       200 (robots.txt decides whether it may be fetched)
//  /robots.txt        `robots` (constructor); robots_status when not 200; 404 when empty;
//                     503 for the first `robots_failures` requests
class TestHttpServer {
 public:
  explicit TestHttpServer(std::string robots = "", int robots_status = 200, int robots_failures = 0);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  std::string url(const std::string& path) const;  // "http://127.0.0.1:PORT" + path
  int requests(const std::string& path) const;     // how many times `path` was requested

  // One request as it arrived: its path, the client's port (one per TCP
  // connection) and when (seconds on the steady clock).
  struct Hit {
    std::string path;
    int client_port = 0;
    double seconds = 0;
  };
  // Every request so far, in arrival order.
  std::vector<Hit> hits() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A raw TCP server on 127.0.0.1: each connection reads the request head, then
// gets `reply` written to it and is closed; with `reset`, closed with RST
// (SO_LINGER 0) instead of sending anything. With `wait_for_request` false
// the reply is written at once (for a client that speaks first in another
// protocol, e.g. a TLS handshake).
class RawServer {
 public:
  RawServer(std::string reply, bool reset, bool wait_for_request = true);
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;
  std::string url(const std::string& path) const;

 private:
  int listener_ = -1;
  int port_ = 0;
  std::string reply_;
  bool reset_ = false;
  bool wait_for_request_ = true;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A port on 127.0.0.1 where nothing listens (bound, then closed), for "connection refused".
int closed_port();

}  // namespace winnow::test
