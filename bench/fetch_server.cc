// The benchmark server for bench/fetch: N deterministic pages on 127.0.0.1, each answered after a fixed latency.
//
//   fetch_server --pages N --latency-ms M [--page-bytes B] [--port P]
//
// Prints the port it listens on (first line of stdout), then serves
// /page/<i>.html (any i; the content depends on i) and a 404 /robots.txt,
// every answer after M ms, until SIGINT or SIGTERM.
#include <httplib.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

httplib::Server* running = nullptr;

void stop(int) {
  if (running) running->stop();
}

std::string page(long index, std::size_t bytes) {
  std::string html = "<!DOCTYPE html><html><head><title>Page " + std::to_string(index) +
                     "</title></head><body><article><h1>Page " + std::to_string(index) + "</h1>";
  const std::string sentence = "<p>Paragraph of page " + std::to_string(index) +
                               ", with ordinary words that a news article would have in it.</p>";
  while (html.size() + sentence.size() < bytes) html += sentence;
  return html + "</article></body></html>";
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, latency_ms = 50;
  std::size_t page_bytes = 20000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port") port = std::atoi(argv[i + 1]);
    else if (flag == "--latency-ms") latency_ms = std::atoi(argv[i + 1]);
    else if (flag == "--page-bytes") page_bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else if (flag != "--pages") {
      std::fprintf(stderr, "usage: fetch_server [--pages N] [--latency-ms M] [--page-bytes B] [--port P]\n");
      return 2;
    }
  }
  httplib::Server server;
  // Enough threads that 16+ clients waiting out the latency never queue.
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  server.set_tcp_nodelay(true);  // else Nagle + delayed ACK add 40 ms to every answer
  server.set_keep_alive_max_count(100000);  // keep connections open, as a real server would
  // Debian's cpp-httplib compresses (brotli, gzip) whenever the client accepts it, and
  // that server-side CPU would be timed as the client's; answer every client uncompressed.
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const auto wait = [latency_ms] { std::this_thread::sleep_for(std::chrono::milliseconds(latency_ms)); };
  server.Get("/robots.txt", [wait](const httplib::Request&, httplib::Response& res) {
    wait();
    res.status = 404;
  });
  server.Get(R"(/page/(\d+)\.html)", [wait, page_bytes](const httplib::Request& req, httplib::Response& res) {
    wait();
    res.set_content(page(std::atol(req.matches[1].str().c_str()), page_bytes), "text/html; charset=utf-8");
  });
  const int bound = port > 0 ? (server.bind_to_port("127.0.0.1", port) ? port : -1) : server.bind_to_any_port("127.0.0.1");
  if (bound <= 0) {
    std::fprintf(stderr, "fetch_server: cannot listen on 127.0.0.1\n");
    return 1;
  }
  std::printf("%d\n", bound);
  std::fflush(stdout);
  running = &server;
  std::signal(SIGINT, stop);
  std::signal(SIGTERM, stop);
  server.listen_after_bind();
  return 0;
}
