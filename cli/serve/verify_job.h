// `archive verify` run on a background thread for the stats page: one at a time, its progress and last result kept for the pages to show.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "winnow/archive.h"

namespace winnow::cli::serve {

// What the verify page shows.
struct VerifyState {
  bool running = false;
  bool ever_ran = false;
  std::string started;                        // "YYYY-MM-DDTHH:MM:SSZ" of the last start
  double seconds = 0;                         // how long it has run (running) or took (finished)
  archive::VerifyProgress progress;           // where the running verify is (step 0: not started yet)
  std::optional<archive::VerifyReport> report;  // the last finished run's report
  std::string error;                          // or why it could not run
};

// Owns at most one verify thread; the destructor waits for it.
class VerifyJob {
 public:
  explicit VerifyJob(std::string archive_path);
  ~VerifyJob();
  VerifyJob(const VerifyJob&) = delete;
  VerifyJob& operator=(const VerifyJob&) = delete;

  // Starts verify on its own thread unless one is running; true when it started.
  bool start();
  // A copy of the current state; thread-safe.
  VerifyState state() const;

 private:
  void run();

  std::string archive_path_;
  mutable std::mutex mutex_;
  VerifyState state_;
  std::chrono::steady_clock::time_point started_at_;
  std::thread thread_;
};

}  // namespace winnow::cli::serve
