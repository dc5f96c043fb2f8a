// What --listen accepts (HOST:PORT, [IPv6]:PORT, or a port alone) and which hosts are loopback, so winnow serve stays private by default.
#pragma once

#include <string>
#include <string_view>

#include "winnow/result.h"

namespace winnow::cli::serve {

// Where the server listens. Port 0 means any free port (the one chosen is printed).
struct ListenAddress {
  std::string host;  // as bound: "127.0.0.1", "::1", "0.0.0.0", "localhost"…
  int port = 8080;
};

// Parses "HOST:PORT", "[IPV6]:PORT" or "PORT" (host 127.0.0.1). Fails with
// kInvalidInput for a missing or bad port (not 0..65535) or an empty host.
Result<ListenAddress> parse_listen(std::string_view text);

// True for 127.0.0.0/8, ::1 and "localhost": addresses no other machine reaches.
bool is_loopback(std::string_view host);

// The interface's base URL for `address` ("http://127.0.0.1:8080/", "http://[::1]:8080/").
std::string base_url(const ListenAddress& address);

}  // namespace winnow::cli::serve
