// The server: cpp-httplib routes to the page functions (pages.h), every answer with its security headers, a log line per request, stop on SIGINT/SIGTERM.
#include "serve/server.h"

#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <httplib.h>
#include <mutex>
#include <string>
#include <thread>

#include "archive/read.h"
#include "common/exit_codes.h"
#include "common/stop_signals.h"
#include "serve/html.h"
#include "serve/listen_address.h"
#include "serve/pages.h"
#include "serve/stats_cache.h"
#include "terminal/messages.h"

extern char** environ;

namespace winnow::cli {
namespace {

using serve::Reply;

// The interface's pages: only its own stylesheet and icon load, frames only from itself (the raw view), forms post only to itself.
constexpr const char* kInterfacePolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";
// Archived bytes: a sandbox with an opaque origin (no allow-scripts, no allow-same-origin), no requests to
// anywhere (inline styles and data: images only), framed only by the interface.
constexpr const char* kRawPolicy =
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

void set_security_headers(httplib::Response& res, bool raw_capture) {
  res.set_header("Content-Security-Policy", raw_capture ? kRawPolicy : kInterfacePolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  if (!raw_capture) res.set_header("X-Frame-Options", "DENY");
}

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  set_security_headers(res, reply.raw_capture);
  if (!reply.location.empty()) res.set_header("Location", reply.location);
  res.set_content(reply.body, reply.content_type.c_str());
}

// The page handlers take the query parameters only.
template <class Page>
httplib::Server::Handler page(Page page_function) {
  return [page_function](const httplib::Request& req, httplib::Response& res) { send(res, page_function(req.params)); };
}

// When the request started, for the log line (set before routing, on the thread that handles it).
thread_local std::chrono::steady_clock::time_point request_started{};

// Requests are answered on several threads; a line is written in pieces, so one line at a time.
std::mutex log_mutex;

void log_request(const httplib::Request& req, const httplib::Response& res) {
  std::string target = req.target.empty() ? req.path : req.target;
  if (target.size() > 300) target = target.substr(0, 300) + "… (" + std::to_string(target.size()) + " bytes)";
  std::string line = req.remote_addr + " " + req.method + " " + target + " " + std::to_string(res.status) + " " +
                     std::to_string(res.body.size()) + " B";
  if (request_started != std::chrono::steady_clock::time_point{}) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
    char took[32];
    std::snprintf(took, sizeof took, " %.1f ms", ms);
    line += took;
    request_started = {};
  }
  std::lock_guard lock(log_mutex);
  report_note("serve", line);
}

// The Host header names this server (DNS rebinding: a page on another site whose name points at 127.0.0.1
// would otherwise read the archive). Any host is accepted when --listen made the server public.
bool host_allowed(const httplib::Request& req, const serve::ListenAddress& address) {
  if (!serve::is_loopback(address.host)) return true;
  const std::string host = req.get_header_value("Host");
  const std::string port = ":" + std::to_string(address.port);
  for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
    if (host == name + port) return true;
  }
  const bool v6 = address.host.find(':') != std::string::npos;
  return host == (v6 ? "[" + address.host + "]" : address.host) + port;
}

// A POST comes from the interface itself: a browser says where a form was sent from. Sec-Fetch-Site first:
// under Referrer-Policy: no-referrer a browser sends "Origin: null" even for the interface's own forms.
bool same_origin_post(const httplib::Request& req) {
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (!site.empty()) return site == "same-origin";
  const std::string origin = req.get_header_value("Origin");
  return origin.empty() || origin == "http://" + req.get_header_value("Host");
}

void add_routes(httplib::Server& server, const serve::Context& context, serve::VerifyJob& verify) {
  using namespace serve;
  server.Get("/", page([&](const Params& p) { return home_page(context, p); }));
  server.Get("/url", page([&](const Params& p) { return timeline_page(context, p); }));
  server.Get("/version", page([&](const Params& p) { return version_page(context, p); }));
  server.Get("/diff", page([&](const Params& p) { return diff_page(context, p); }));
  server.Get("/search", page([&](const Params& p) { return search_page(context, p); }));
  server.Get("/raw", page([&](const Params& p) { return raw_page(context, p); }));
  server.Get("/raw/bytes", page([&](const Params& p) { return raw_bytes(context, p); }));
  server.Get("/stats", page([&](const Params&) { return stats_page(context, verify); }));
  server.Get("/verify", page([&](const Params&) { return verify_page(verify); }));
  server.Post("/verify", [&](const httplib::Request& req, httplib::Response& res) {
    if (!same_origin_post(req)) {
      send(res, error_reply(403, "verify starts only from winnow serve's own page"));
      return;
    }
    verify.start();
    Reply reply;
    reply.status = 303;
    reply.location = "/verify";
    send(res, reply);
  });
  server.Get("/api/([a-z]+)", [&](const httplib::Request& req, httplib::Response& res) {
    send(res, api_reply(context, req.matches[1].str(), req.params));
  });
  server.Get("/static/winnow.css", [](const httplib::Request&, httplib::Response& res) {
    set_security_headers(res, false);
    res.set_content(std::string(stylesheet()), "text/css; charset=utf-8");
  });
  server.Get("/static/icon.svg", [](const httplib::Request&, httplib::Response& res) {
    set_security_headers(res, false);
    res.set_content(std::string(icon_svg()), "image/svg+xml");
  });
}

// `address` is read on every request (its port is known only once bound): it must outlive the server.
void configure(httplib::Server& server, const serve::ListenAddress& address) {
  server.set_logger(log_request);
  server.set_read_timeout(10);
  server.set_write_timeout(30);
  server.set_payload_max_length(64 * 1024);
  server.set_pre_routing_handler([&address](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    if (host_allowed(req, address)) return httplib::Server::HandlerResponse::Unhandled;
    send(res, serve::error_reply(403, "this server answers only to its own address (Host: " +
                                          serve::base_url(address) + ")"));
    return httplib::Server::HandlerResponse::Handled;
  });
  // Requests no route answered (404, 405, 414 for a huge target…) get an error page with the same headers.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const char* what = res.status == 404   ? "there is no such page"
                       : res.status == 414 ? "the request's address is too long"
                       : res.status == 413 ? "the request's body is too large"
                                           : "the request cannot be answered";
    send(res, serve::error_reply(res.status, what));
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    {
      std::lock_guard lock(log_mutex);
      report_error("serve", req.path + ": " + what);
    }
    send(res, serve::error_reply(500, "winnow failed to answer this request (the server's log says why)"));
  });
}

// Starts xdg-open on `url` without waiting for it; false when it cannot be started.
bool open_browser(const std::string& url, pid_t& pid) {
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  return posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) == 0;
}

}  // namespace

int run_serve(const ServeSettings& settings) {
  Result<serve::ListenAddress> address = serve::parse_listen(settings.listen);
  if (!address) {
    report_error("", address.error().message);
    return kExitUsage;
  }
  if (Result<archive::Archive> check = open_existing(settings.archive, true); !check) {
    report_error("", check.error().message);
    return kExitFailure;
  }
  serve::Context context{settings.archive, std::make_shared<serve::StatsCache>(settings.archive)};
  serve::VerifyJob verify(settings.archive);
  httplib::Server server;
  configure(server, address.value());
  add_routes(server, context, verify);

  serve::ListenAddress& bound = address.value();
  if (bound.port == 0) {
    bound.port = server.bind_to_any_port(bound.host);
    if (bound.port < 0) bound.port = 0;
  } else if (!server.bind_to_port(bound.host, bound.port)) {
    bound.port = 0;
  }
  if (bound.port == 0) {
    report_error("", "cannot listen on " + settings.listen + " (the port is in use, or the address is not this machine's)");
    return kExitFailure;
  }
  if (!serve::is_loopback(bound.host)) {
    report_warning("serve", "listening on " + bound.host + ", not on loopback: anyone who can reach this address can "
                            "read the whole archive (there is no login)");
  }
  const std::string url = serve::base_url(bound);
  report_note("serve", "serving " + settings.archive + " at " + url + " (Ctrl-C stops)");
  pid_t browser = 0;
  if (settings.open && !open_browser(url, browser)) {
    report_warning("serve", "could not start xdg-open; open " + url + " yourself");
  }

  StopOnSignals signals;
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!done.load() && !signals.flag().load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  const bool served = server.listen_after_bind();
  done = true;
  watcher.join();
  if (browser > 0) waitpid(browser, nullptr, WNOHANG);
  if (verify.state().running) report_note("serve", "waiting for verify to finish (Ctrl-C again ends it at once)");
  if (signals.signal() != 0) {
    report_note("serve", std::string("stopped (") + signals.name() + ")");
    return kExitOk;
  }
  if (!served) {
    report_error("", "the server stopped unexpectedly");
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace winnow::cli
