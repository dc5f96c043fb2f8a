// BatchProgress: a throttled progress line on stderr, erased before any message is printed.
#include "terminal/progress_line.h"

#include <unistd.h>

#include <cstdio>

namespace winnow::cli {
namespace {

// Length of the line now on the terminal (0: none), so a message can erase it.
std::size_t g_drawn_length = 0;

}  // namespace

BatchProgress::BatchProgress(bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

BatchProgress::~BatchProgress() { finish(); }

bool BatchProgress::due(bool last) {
  if (!enabled_) return false;
  const auto now = std::chrono::steady_clock::now();
  if (!last && now - last_draw_ < std::chrono::milliseconds(100)) return false;
  last_draw_ = now;
  return true;
}

void BatchProgress::draw(const char* line, int length) {
  if (length <= 0) return;
  erase_progress_line();
  std::fputs(line, stderr);
  std::fflush(stderr);
  g_drawn_length = static_cast<std::size_t>(length);
}

void BatchProgress::update(std::size_t done, std::size_t total, std::size_t failed, const char* detail) {
  if (!due(done >= total)) return;
  const double seconds = std::chrono::duration<double>(last_draw_ - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  char line[240];
  const int length = std::snprintf(line, sizeof line, "%zu/%zu done, %.1f/s, %zu errors, ETA %.0f s%s%s", done, total,
                                   rate, failed, eta, detail ? "; " : "", detail ? detail : "");
  draw(line, length);
}

void BatchProgress::update_count(std::size_t done, const char* unit, std::size_t failed) {
  if (!due(false)) return;
  const double seconds = std::chrono::duration<double>(last_draw_ - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  char line[160];
  const int length = std::snprintf(line, sizeof line, "%zu %s, %.1f/s, %zu errors", done, unit, rate, failed);
  draw(line, length);
}

void BatchProgress::finish() {
  if (!enabled_ || g_drawn_length == 0) return;
  std::fputc('\n', stderr);
  g_drawn_length = 0;
}

void erase_progress_line() {
  if (g_drawn_length == 0) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(g_drawn_length), "");
  g_drawn_length = 0;
}

}  // namespace winnow::cli
