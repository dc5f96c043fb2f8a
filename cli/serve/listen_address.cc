// Parsing --listen and telling loopback addresses from the others.
#include "serve/listen_address.h"

#include <arpa/inet.h>

#include <charconv>

namespace winnow::cli::serve {

Result<ListenAddress> parse_listen(std::string_view text) {
  ListenAddress address;
  std::string_view port_text = text;
  address.host = "127.0.0.1";
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Error{ErrorKind::kInvalidInput, "--listen: write an IPv6 address as [ADDRESS]:PORT, as in [::1]:8080"};
    }
    address.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else if (const std::size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    address.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (address.host.find(':') != std::string::npos) {
      return Error{ErrorKind::kInvalidInput, "--listen: write an IPv6 address as [ADDRESS]:PORT, as in [::1]:8080"};
    }
  }
  if (address.host.empty()) return Error{ErrorKind::kInvalidInput, "--listen: the host is empty (HOST:PORT)"};
  int port = -1;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
      port > 65535) {
    return Error{ErrorKind::kInvalidInput, "--listen: the port must be a number from 0 to 65535 (HOST:PORT)"};
  }
  address.port = port;
  return address;
}

bool is_loopback(std::string_view host) {
  if (host == "localhost") return true;
  const std::string h(host);
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

std::string base_url(const ListenAddress& address) {
  const bool v6 = address.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port) + "/";
}

}  // namespace winnow::cli::serve
