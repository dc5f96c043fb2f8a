// `winnow serve`: the HTTP server around the pages (cpp-httplib): routes, security headers, the request log, Ctrl-C.
#pragma once

#include <string>

namespace winnow::cli {

// The options of `winnow serve`.
struct ServeSettings {
  std::string archive;                   // the archive file; must exist
  std::string listen = "127.0.0.1:8080"; // HOST:PORT (port 0: any free port)
  bool open = false;                     // open the interface in a browser (xdg-open) once listening
};

// Serves the archive read-only until SIGINT or SIGTERM, then returns 0.
// Prints the address it serves on ("winnow: serve: http://HOST:PORT/ ...")
// and a line per request on stderr; warns when the address is not loopback.
// Returns kExitUsage for a bad --listen, kExitFailure when the archive
// cannot be opened or the address cannot be bound.
int run_serve(const ServeSettings& settings);

}  // namespace winnow::cli
