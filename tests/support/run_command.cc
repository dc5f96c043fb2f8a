// fork + exec with three pipes and a poll() loop, so large stdin and stdout cannot deadlock each other.
#include "support/run_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace winnow::test {
namespace {

// Owns one end of a pipe.
class Fd {
 public:
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

void make_pipe(Pipe& pipe) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  pipe.read.reset(fds[0]);
  pipe.write.reset(fds[1]);
}

[[noreturn]] void exec_child(const std::vector<std::string>& argv, Pipe& in, Pipe& out, Pipe& err) {
  ::signal(SIGPIPE, SIG_DFL);
  if (::dup2(in.read.get(), STDIN_FILENO) < 0 || ::dup2(out.write.get(), STDOUT_FILENO) < 0 ||
      ::dup2(err.write.get(), STDERR_FILENO) < 0) {
    ::_exit(127);
  }
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

// Reads what is available; false at end of file (or error), when the pipe is done.
bool drain(int fd, std::string& sink) {
  char buffer[1 << 14];
  const ssize_t got = ::read(fd, buffer, sizeof buffer);
  if (got > 0) {
    sink.append(buffer, static_cast<std::size_t>(got));
    return true;
  }
  return got < 0 && (errno == EINTR || errno == EAGAIN);
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, std::string_view stdin_data,
                          int timeout_seconds) {
  if (argv.empty()) throw std::runtime_error("run_command: empty argv");
  // A child that exits without reading its input must not kill the test with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  Pipe in, out, err;
  make_pipe(in);
  make_pipe(out);
  make_pipe(err);

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) exec_child(argv, in, out, err);

  in.read.reset();
  out.write.reset();
  err.write.reset();
  ::fcntl(in.write.get(), F_SETFL, O_NONBLOCK);
  if (stdin_data.empty()) in.write.reset();

  CommandResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool killed = false;
  while (out.read.get() >= 0 || err.read.get() >= 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd fds[3] = {{out.read.get(), POLLIN, 0}, {err.read.get(), POLLIN, 0}, {in.write.get(), POLLOUT, 0}};
    if (::poll(fds, 3, 200) < 0 && errno != EINTR) break;
    if (fds[0].revents != 0 && !drain(out.read.get(), result.out)) out.read.reset();
    if (fds[1].revents != 0 && !drain(err.read.get(), result.err)) err.read.reset();
    if (fds[2].revents != 0) {
      const ssize_t written = ::write(in.write.get(), stdin_data.data(), stdin_data.size());
      if (written > 0) stdin_data.remove_prefix(static_cast<std::size_t>(written));
      if ((written < 0 && errno != EAGAIN && errno != EINTR) || stdin_data.empty()) in.write.reset();
    }
  }
  in.write.reset();

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  if (killed) result.exit_code = 128 + SIGKILL;
  return result;
}

CommandResult run_winnow_archive(const std::vector<std::string>& args) {
  std::vector<std::string> argv{WINNOW_BIN, "archive"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

}  // namespace winnow::test
