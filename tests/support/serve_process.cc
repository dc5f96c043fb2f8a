// fork + exec of `winnow serve` with its output in files, polled for the "serving … at http://HOST:PORT/" line.
#include "support/serve_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace winnow::test {
namespace {

// Waits up to `seconds` for `pid` to exit; its exit code (128 + signal when killed), or -1 if it still runs.
int wait_for(pid_t pid, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// The host and port of "serving … at http://HOST:PORT/" (HOST may be [IPv6]); false until that line is whole.
// (No std::regex: GCC 12 warns inside it under the sanitizers, and the build treats warnings as errors.)
bool parse_address(const std::string& log, std::string& host, int& port) {
  const std::size_t serving = log.find("serving ");
  if (serving == std::string::npos) return false;
  const std::string marker = " at http://";
  const std::size_t at = log.find(marker, serving);
  if (at == std::string::npos) return false;
  const std::size_t start = at + marker.size();
  const std::size_t colon = log[start] == '[' ? log.find("]:", start) + 1 : log.find(':', start);
  if (colon == std::string::npos || colon == 0) return false;
  std::size_t end = colon + 1;
  while (end < log.size() && log[end] >= '0' && log[end] <= '9') ++end;
  if (end == colon + 1 || end >= log.size() || log[end] != '/') return false;
  host = log.substr(start, colon - start);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  port = std::stoi(log.substr(colon + 1, end - colon - 1));
  return true;
}

}  // namespace

ServeProcess::ServeProcess(const std::string& archive, const std::string& listen, const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {WINNOW_BIN, "serve", "--archive", archive, "--listen", listen};
  argv.insert(argv.end(), extra.begin(), extra.end());
  const std::string out = (dir_.path() / "stdout").string(), err = (dir_.path() / "stderr").string();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (out_fd < 0 || err_fd < 0 || null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 ||
        ::dup2(err_fd, 2) < 0) {
      ::_exit(127);
    }
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (parse_address(log(), host_, port_)) return;
    if (!running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (running()) stop(SIGKILL);
  throw std::runtime_error("winnow serve did not start (exit " + std::to_string(exit_code_) + "): " + log());
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && running()) stop(SIGTERM);
}

bool ServeProcess::running() {
  if (exit_code_ >= 0) return false;
  const int code = wait_for(pid_, 0);
  if (code >= 0) exit_code_ = code;
  return exit_code_ < 0;
}

int ServeProcess::stop(int signal) {
  if (!running()) return exit_code_;
  ::kill(pid_, signal);
  int code = wait_for(pid_, 10);
  if (code < 0) {
    ::kill(pid_, SIGKILL);
    wait_for(pid_, 10);
    exit_code_ = 128 + SIGKILL;
    return -1;
  }
  exit_code_ = code;
  return code;
}

std::string ServeProcess::log() const { return read_file(dir_.path() / "stderr"); }

}  // namespace winnow::test
