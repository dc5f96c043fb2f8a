// StopOnSignals: sigaction handlers that only store the signal (async-signal-safe) and reset themselves.
#include "common/stop_signals.h"

#include <signal.h>

namespace winnow::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

void on_signal(int number) {
  int none = 0;
  g_signal.compare_exchange_strong(none, number);
  g_stop = true;
}

}  // namespace

StopOnSignals::StopOnSignals() {
  g_stop = false;
  g_signal = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_RESTART;  // a second signal kills; interrupted writes resume
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
  // A signal the caller chose to ignore (nohup, a background job) stays ignored.
  if (g_previous_int.sa_handler == SIG_IGN) sigaction(SIGINT, &g_previous_int, nullptr);
  if (g_previous_term.sa_handler == SIG_IGN) sigaction(SIGTERM, &g_previous_term, nullptr);
}

StopOnSignals::~StopOnSignals() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

const std::atomic<bool>& StopOnSignals::flag() const { return g_stop; }

int StopOnSignals::signal() const { return g_signal.load(); }

int StopOnSignals::exit_code() const { return signal() == 0 ? 0 : 128 + signal(); }

const char* StopOnSignals::name() const {
  switch (signal()) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "";
  }
}

}  // namespace winnow::cli
