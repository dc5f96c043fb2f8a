// SocketLoop: the epoll set and libcurl's socket and timer callbacks.
#include "socket_loop.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>

#include "batch.h"

namespace winnow::fetch {
namespace {

constexpr int kEventsPerWait = 256;

// An epoll event's data: the socket and the index of the multi handle it belongs to.
std::uint64_t event_key(curl_socket_t socket, std::uint32_t multi) {
  return (static_cast<std::uint64_t>(multi) << 32) | static_cast<std::uint32_t>(socket);
}

}  // namespace

SocketLoop::SocketLoop() : epoll_(epoll_create1(EPOLL_CLOEXEC)) {}

SocketLoop::~SocketLoop() {
  if (epoll_ >= 0) close(epoll_);
}

void SocketLoop::attach(CURLM* handle) {
  multis_.push_back(std::make_unique<Multi>(Multi{this, handle, static_cast<std::uint32_t>(multis_.size())}));
  Multi* multi = multis_.back().get();
  curl_multi_setopt(handle, CURLMOPT_SOCKETFUNCTION, on_socket);
  curl_multi_setopt(handle, CURLMOPT_SOCKETDATA, multi);
  curl_multi_setopt(handle, CURLMOPT_TIMERFUNCTION, on_timer);
  curl_multi_setopt(handle, CURLMOPT_TIMERDATA, multi);
}

int SocketLoop::on_socket(CURL*, curl_socket_t socket, int what, void* data, void* socket_data) {
  auto* multi = static_cast<Multi*>(data);
  const int epoll = multi->loop->epoll_;
  if (what == CURL_POLL_REMOVE) {
    // The socket may be closed already, which took it out of the set: ENOENT/EBADF are fine.
    epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nullptr);
    return 0;
  }
  epoll_event event{};
  event.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
  event.data.u64 = event_key(socket, multi->index);
  // socket_data marks a socket already in the set (curl_multi_assign); libcurl forgets it when the socket goes.
  if (!socket_data) {
    if (epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event) != 0 && errno == EEXIST) {
      epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event);
    }
    curl_multi_assign(multi->handle, socket, multi);
  } else if (epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) != 0 && errno == ENOENT) {
    epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event);
  }
  return 0;
}

int SocketLoop::on_timer(CURLM*, long timeout_ms, void* data) {
  auto* multi = static_cast<Multi*>(data);
  multi->timer_due = timeout_ms < 0 ? -1 : now_seconds() + static_cast<double>(timeout_ms) / 1000;
  return 0;
}

void SocketLoop::wait(int most_ms) {
  int timeout = std::max(0, most_ms);
  const double now = now_seconds();
  for (const auto& multi : multis_) {
    if (multi->timer_due >= 0) {
      timeout = std::clamp(static_cast<int>(std::ceil((multi->timer_due - now) * 1000)), 0, timeout);
    }
  }
  std::array<epoll_event, kEventsPerWait> events;
  const int ready = epoll_wait(epoll_, events.data(), kEventsPerWait, timeout);
  int running = 0;
  for (int i = 0; i < ready; ++i) {
    int mask = 0;
    if (events[i].events & (EPOLLIN | EPOLLHUP)) mask |= CURL_CSELECT_IN;
    if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
    if (events[i].events & EPOLLERR) mask |= CURL_CSELECT_ERR;
    const std::uint64_t key = events[i].data.u64;
    const auto socket = static_cast<curl_socket_t>(static_cast<std::uint32_t>(key));
    if (const std::size_t index = key >> 32; index < multis_.size()) {
      curl_multi_socket_action(multis_[index]->handle, socket, mask, &running);
    }
  }
  const double after = now_seconds();
  for (const auto& multi : multis_) {
    if (multi->timer_due < 0 || after < multi->timer_due) continue;
    multi->timer_due = -1;  // libcurl sets it again (on_timer) when it wants another
    curl_multi_socket_action(multi->handle, CURL_SOCKET_TIMEOUT, 0, &running);
  }
}

}  // namespace winnow::fetch
