// A `winnow serve` running in the background for a test: started on a free 127.0.0.1 port, stopped with a signal.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

#include "support/temp_dir.h"

namespace winnow::test {

// Starts WINNOW_BIN serve --archive `archive` --listen `listen` `extra...`,
// its stdout and stderr going to files, and waits (up to 30 s) until it
// prints the address it serves on. Throws std::runtime_error when it exits
// or stays silent instead (the message holds its stderr). The destructor
// stops it (SIGTERM, then SIGKILL after 10 s) if it still runs.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& archive, const std::string& listen = "127.0.0.1:0",
                        const std::vector<std::string>& extra = {});
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  ~ServeProcess();

  // The port and host it said it serves on.
  int port() const { return port_; }
  const std::string& host() const { return host_; }
  // True while the process has not exited.
  bool running();
  // Sends `signal` and waits up to 10 s for the exit; returns the exit code
  // (128 + signal when killed), or -1 when it did not exit in time (it is then killed).
  int stop(int signal);
  // What it wrote on stderr so far.
  std::string log() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  int port_ = 0;
  std::string host_;
};

}  // namespace winnow::test
