// The one progress line on stderr for long batches (clean -o, archive add, fetch): drawn only on a terminal.
#pragma once

#include <chrono>
#include <cstddef>

namespace winnow::cli {

// "12/300 done, 41.2/s, 1 errors, ETA 7 s" redrawn in place on stderr.
// Draws nothing unless enabled and stderr is a terminal. Messages printed
// through messages.h erase the line first, and the next update redraws it.
// Not thread-safe: update from the thread that prints messages.
class BatchProgress {
 public:
  explicit BatchProgress(bool enabled);
  ~BatchProgress();  // ends the line, as finish() does
  BatchProgress(const BatchProgress&) = delete;
  BatchProgress& operator=(const BatchProgress&) = delete;

  // Redraws the line (at most ten times a second, and always for the last item),
  // with `detail` (not owned; may be null) after it: "…, ETA 7 s; <detail>".
  void update(std::size_t done, std::size_t total, std::size_t failed, const char* detail = nullptr);
  // The same for a batch of unknown size: "1234 records, 410.2/s, 0 errors".
  void update_count(std::size_t done, const char* unit, std::size_t failed);
  // Ends the line with a newline, if one was drawn.
  void finish();

 private:
  // True when the line may be redrawn now (at most ten times a second, always when `last`).
  bool due(bool last);
  void draw(const char* line, int length);

  bool enabled_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
};

// Erases the progress line now on the terminal, if any (messages.h calls it
// before printing). Does nothing when none is drawn.
void erase_progress_line();

}  // namespace winnow::cli
