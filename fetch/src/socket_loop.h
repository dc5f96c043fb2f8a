// SocketLoop: drives libcurl multi handles with curl_multi_socket_action, one epoll set and each handle's timer, so a turn costs what happened on the wire, not the number of transfers.
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace winnow::fetch {

// Waits on the sockets libcurl asks for (CURLMOPT_SOCKETFUNCTION, in one
// epoll set) and on each multi handle's timer (CURLMOPT_TIMERFUNCTION), and
// hands each event to curl_multi_socket_action. Owns its epoll descriptor;
// does not own the multi handles, which must be freed before this loop
// (libcurl reports closed sockets until then).
class SocketLoop {
 public:
  SocketLoop();
  ~SocketLoop();
  SocketLoop(const SocketLoop&) = delete;
  SocketLoop& operator=(const SocketLoop&) = delete;

  // False when the epoll set could not be made (out of descriptors); nothing else works then.
  bool ok() const { return epoll_ >= 0; }
  // Installs the socket and timer callbacks on `multi` (not owned) and drives it from now on.
  void attach(CURLM* multi);
  // Waits at most `most_ms` milliseconds (less when a timer is due sooner), then lets libcurl act on each
  // ready socket and each due timer. Finished transfers are then in curl_multi_info_read.
  void wait(int most_ms);

 private:
  struct Multi {
    SocketLoop* loop;
    CURLM* handle;
    std::uint32_t index;
    double timer_due = -1;  // steady-clock seconds when libcurl wants its timer handled; < 0: no timer
  };
  static int on_socket(CURL* easy, curl_socket_t socket, int what, void* multi, void* socket_data);
  static int on_timer(CURLM* handle, long timeout_ms, void* multi);

  int epoll_ = -1;
  std::vector<std::unique_ptr<Multi>> multis_;  // stable addresses: each is its callbacks' data
};

}  // namespace winnow::fetch
