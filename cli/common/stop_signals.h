// SIGINT and SIGTERM turned into a stop flag, so a batch can end cleanly (what it wrote stays whole) and exit 130 or 143.
#pragma once

#include <atomic>

namespace winnow::cli {

// While alive, the first SIGINT or SIGTERM sets flag() instead of killing
// the process; a second one kills it as usual. The destructor restores the
// previous handlers. One at a time per process.
class StopOnSignals {
 public:
  StopOnSignals();
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

  // True once a signal came; pass it as fetch::Options::stop.
  const std::atomic<bool>& flag() const;
  // The signal that came (SIGINT, SIGTERM), 0 if none.
  int signal() const;
  // The usual exit code for it: 128 + signal (130, 143); 0 if none came.
  int exit_code() const;
  // "SIGINT", "SIGTERM" or "".
  const char* name() const;
};

}  // namespace winnow::cli
