// The fault-injecting test servers behind the fetch tests (cpp-httplib, and raw sockets for resets and lying lengths).
#include "support/fetch_servers.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace winnow::test {
namespace {

using namespace std::chrono_literals;

// `size` zero bytes, gzip-compressed.
std::string gzip_of_zeros(std::size_t size) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib");
  const std::string zeros(1 << 20, '\0');
  std::string out;
  char buffer[1 << 16];
  for (std::size_t fed = 0; fed <= size;) {
    const bool last = fed + zeros.size() > size;
    const std::size_t chunk = last ? size - fed : zeros.size();
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    stream.avail_in = static_cast<uInt>(chunk);
    do {
      stream.next_out = reinterpret_cast<Bytef*>(buffer);
      stream.avail_out = sizeof buffer;
      deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - stream.avail_out);
    } while (stream.avail_out == 0);
    fed += chunk;
    if (last) break;
  }
  deflateEnd(&stream);
  return out;
}

}  // namespace

struct TestHttpServer::State {
  httplib::Server server;
  int port = 0;
  std::thread thread;
  mutable std::mutex mutex;
  std::map<std::string, int> counts;
  std::vector<TestHttpServer::Hit> hits;
  std::string bomb;

  int count(const std::string& path) {
    std::lock_guard lock(mutex);
    return ++counts[path];
  }
};

TestHttpServer::TestHttpServer(std::string robots, int robots_status, int robots_failures) : state_(std::make_unique<State>()) {
  State& s = *state_;
  httplib::Server& server = s.server;
  static const std::string bomb = gzip_of_zeros(100u << 20);
  s.bomb = bomb;
  const auto html = [](const std::string& text) {
    return "<!DOCTYPE html><html><head><title>" + text + "</title></head><body><p>" + text + "</p></body></html>";
  };
  // cpp-httplib would compress every text answer for a client that accepts it (the 3 MB
  // page too, on every request): the fault routes answer exactly as written instead.
  server.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response&) {
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    const double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    {
      std::lock_guard lock(s.mutex);
      s.hits.push_back({req.path, req.remote_port, now});
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Get("/robots.txt", [&s, robots, robots_status, robots_failures](const httplib::Request& req,
                                                                         httplib::Response& res) {
    if (s.count(req.path) <= robots_failures) {
      res.status = 503;
    } else if (robots_status != 200) {
      res.status = robots_status;
    } else if (robots.empty()) {
      res.status = 404;
    } else {
      res.set_content(robots, "text/plain");
    }
  });
  server.Get(R"(/(ok|private)/.*)", [&s, html](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_content(html(req.path), "text/html; charset=utf-8");
  });
  server.Get("/slow", [&s, html](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    std::this_thread::sleep_for(3s);
    res.set_content(html("slow"), "text/html");
  });
  server.Get("/stall", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        sink.write("<html><body>", 12);
        return true;
      }
      std::this_thread::sleep_for(5s);
      sink.done();
      return true;
    });
  });
  server.Get("/flaky", [&s, html](const httplib::Request& req, httplib::Response& res) {
    if (s.count(req.path) <= 2) {
      res.status = 500;
      return;
    }
    res.set_content(html("flaky"), "text/html");
  });
  server.Get("/unavailable", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.status = 503;
  });
  server.Get("/throttled", [&s, html](const httplib::Request& req, httplib::Response& res) {
    if (s.count(req.path) == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      return;
    }
    res.set_content(html("throttled"), "text/html");
  });
  server.Get("/loop", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_redirect("/loop2", 302);
  });
  server.Get("/loop2", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_redirect("/loop", 302);
  });
  server.Get("/away", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_redirect(req.get_param_value("to"), 302);
  });
  server.Get("/to-file", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_redirect("file:///etc/passwd", 302);
  });
  server.Get("/hop", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_redirect("/ok/after-hop", 301);
  });
  server.Get(R"(/chain/(\d+))", [&s, html](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    const int left = std::stoi(req.matches[1]);
    if (left == 0) {
      res.set_content(html("end of the chain"), "text/html");
    } else {
      res.set_redirect("/chain/" + std::to_string(left - 1), 302);
    }
  });
  server.Get("/big", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_content(std::string(3u << 20, 'x'), "text/html");
  });
  server.Get("/bomb", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_header("Content-Encoding", "gzip");
    res.set_content(s.bomb, "text/html");
  });
  server.Get("/latin1-label", [&s](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_content("<html><body><p>caf\xC3\xA9 cr\xC3\xA8me</p></body></html>", "text/html; charset=iso-8859-1");
  });
  server.Get("/etag", [&s, html](const httplib::Request& req, httplib::Response& res) {
    s.count(req.path);
    res.set_header("ETag", "\"v1\"");
    res.set_header("Last-Modified", "Sun, 01 Nov 2026 10:00:00 GMT");
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_content(html("etag page with a few words of text"), "text/html");
  });
  s.port = server.bind_to_any_port("127.0.0.1");
  if (s.port <= 0) throw std::runtime_error("cannot bind a test server on 127.0.0.1");
  s.thread = std::thread([&server] { server.listen_after_bind(); });
  // bind_to_any_port() already listens: connections queue until the accept loop runs.
}

TestHttpServer::~TestHttpServer() {
  state_->server.stop();
  state_->thread.join();
}

std::string TestHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + path;
}

int TestHttpServer::requests(const std::string& path) const {
  std::lock_guard lock(state_->mutex);
  const auto it = state_->counts.find(path);
  return it == state_->counts.end() ? 0 : it->second;
}

std::vector<TestHttpServer::Hit> TestHttpServer::hits() const {
  std::lock_guard lock(state_->mutex);
  return state_->hits;
}

RawServer::RawServer(std::string reply, bool reset, bool wait_for_request)
    : reply_(std::move(reply)), reset_(reset), wait_for_request_(wait_for_request) {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener_, 64) != 0 || getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot start a raw test server on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd wait{listener_, POLLIN, 0};
      if (poll(&wait, 1, 100) <= 0) continue;
      const int client = accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      char buffer[4096];
      std::string head;
      while (wait_for_request_ && head.find("\r\n\r\n") == std::string::npos) {
        const ssize_t got = recv(client, buffer, sizeof buffer, 0);
        if (got <= 0) break;
        head.append(buffer, static_cast<std::size_t>(got));
      }
      if (reset_) {
        linger hard{1, 0};
        setsockopt(client, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      } else {
        (void)!send(client, reply_.data(), reply_.size(), MSG_NOSIGNAL);
      }
      close(client);
    }
  });
}

RawServer::~RawServer() {
  stop_ = true;
  thread_.join();
  close(listener_);
}

int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot bind a socket on 127.0.0.1");
  }
  close(fd);  // bound but never listening: connections to it are refused
  return ntohs(address.sin_port);
}

std::string RawServer::url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

}  // namespace winnow::test
