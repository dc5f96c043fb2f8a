// The many-hosts server for bench/fetch: one libevent thread answering on thousands of 127.x.y.z ports at once, each port a distinct host.
//
//   fetch_hosts_server --address 127.0.0.1 --first-port P --ports N [--page-bytes B]
//
// Listens on ADDRESS:P … ADDRESS:P+N-1 (keep-alive, HTTP/1.1), prints "ready"
// on stdout once all are bound, then serves /page/<i>.html (content depends on
// i) and a 404 /robots.txt at once, until SIGINT or SIGTERM. On exit it prints
// to stderr the requests served and the connections accepted, so a run can
// show how many requests shared a connection.
#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>

namespace {

struct BaseDeleter {
  void operator()(event_base* base) const { event_base_free(base); }
};
struct HttpDeleter {
  void operator()(evhttp* http) const { evhttp_free(http); }
};
struct EventDeleter {
  void operator()(event* e) const { event_free(e); }
};

struct Counts {
  std::size_t page_bytes = 20000;
  unsigned long long requests = 0, connections = 0;
  std::unordered_set<evhttp_connection*> open;  // connections seen and not yet closed
};

std::string page(long index, std::size_t bytes) {
  std::string html = "<!DOCTYPE html><html><head><title>Page " + std::to_string(index) +
                     "</title></head><body><article><h1>Page " + std::to_string(index) + "</h1>";
  const std::string sentence = "<p>Paragraph of page " + std::to_string(index) +
                               ", with ordinary words that a news article would have in it.</p>";
  while (html.size() + sentence.size() < bytes) html += sentence;
  return html + "</article></body></html>";
}

void on_close(evhttp_connection* connection, void* data) { static_cast<Counts*>(data)->open.erase(connection); }

void on_request(evhttp_request* request, void* data) {
  auto* counts = static_cast<Counts*>(data);
  ++counts->requests;
  evhttp_connection* connection = evhttp_request_get_connection(request);
  if (counts->open.insert(connection).second) {
    ++counts->connections;
    evhttp_connection_set_closecb(connection, on_close, counts);
  }
  const char* uri = evhttp_request_get_uri(request);
  long index = 0;
  if (std::sscanf(uri, "/page/%ld.html", &index) != 1) {
    // evhttp_send_error would close the connection; a real server keeps it after a 404 robots.txt.
    evbuffer* empty = evbuffer_new();
    evhttp_send_reply(request, HTTP_NOTFOUND, "Not Found", empty);
    evbuffer_free(empty);
    return;
  }
  const std::string body = page(index, counts->page_bytes);
  evhttp_add_header(evhttp_request_get_output_headers(request), "Content-Type", "text/html; charset=utf-8");
  evbuffer* out = evbuffer_new();
  evbuffer_add(out, body.data(), body.size());
  evhttp_send_reply(request, HTTP_OK, "OK", out);
  evbuffer_free(out);
}

void on_signal(evutil_socket_t, short, void* base) { event_base_loopbreak(static_cast<event_base*>(base)); }

}  // namespace

int main(int argc, char** argv) {
  std::string address = "127.0.0.1";
  int first_port = 0, ports = 0;
  Counts counts;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--address") address = argv[i + 1];
    else if (flag == "--first-port") first_port = std::atoi(argv[i + 1]);
    else if (flag == "--ports") ports = std::atoi(argv[i + 1]);
    else if (flag == "--page-bytes") counts.page_bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else first_port = -1;
  }
  if (first_port <= 0 || ports <= 0 || first_port + ports > 65536 || address.rfind("127.", 0) != 0) {
    std::fprintf(stderr, "usage: fetch_hosts_server --address 127.x.y.z --first-port P --ports N [--page-bytes B]\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<event_base, BaseDeleter> base(event_base_new());
  std::unique_ptr<evhttp, HttpDeleter> http(evhttp_new(base.get()));
  evhttp_set_gencb(http.get(), on_request, &counts);
  evhttp_set_timeout(http.get(), 60);
  for (int port = first_port; port < first_port + ports; ++port) {
    if (!evhttp_bind_socket_with_handle(http.get(), address.c_str(), static_cast<ev_uint16_t>(port))) {
      std::fprintf(stderr, "fetch_hosts_server: cannot listen on %s:%d (%s)\n", address.c_str(), port, std::strerror(errno));
      return 1;
    }
  }
  std::unique_ptr<event, EventDeleter> interrupt(evsignal_new(base.get(), SIGINT, on_signal, base.get()));
  std::unique_ptr<event, EventDeleter> terminate(evsignal_new(base.get(), SIGTERM, on_signal, base.get()));
  event_add(interrupt.get(), nullptr);
  event_add(terminate.get(), nullptr);
  std::printf("ready\n");
  std::fflush(stdout);
  event_base_dispatch(base.get());
  std::fprintf(stderr, "fetch_hosts_server: %llu requests on %llu connections\n", counts.requests, counts.connections);
  return 0;
}
