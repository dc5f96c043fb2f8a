// Atomic file replacement for `-o DIR`: temporary file in the same directory, then rename().
#include "io/output.h"

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <system_error>

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

// Owns a file descriptor so every return path closes it.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { close(); }

  int get() const { return fd_; }
  // Closes now and reports the error, which on some filesystems is where a failed write shows up.
  int close() {
    if (fd_ < 0) return 0;
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

Error io_error(const fs::path& path, std::string_view what, int error_number) {
  return Error{ErrorKind::kIo, std::string(what) + " " + path.string() + ": " +
                                   std::generic_category().message(error_number)};
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// ".<name>.tmp-<pid>-<attempt>", with <name> cut so the whole stays within NAME_MAX.
std::string temporary_name(const fs::path& target, int attempt) {
  const std::string suffix = ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
  std::string name = target.filename().string();
  const std::size_t room = NAME_MAX - 1 - suffix.size();
  if (name.size() > room) name.resize(room);
  return "." + name + suffix;
}

}  // namespace

std::optional<Error> prepare_output_directory(const fs::path& directory) {
  std::error_code ec;
  const fs::file_status status = fs::status(directory, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    const fs::file_type type = status.type();
    const std::string what = type == fs::file_type::character ? "a character device"
                             : type == fs::file_type::block   ? "a block device"
                             : type == fs::file_type::fifo    ? "a named pipe (FIFO)"
                             : type == fs::file_type::socket  ? "a socket"
                                                              : "a file";
    return Error{ErrorKind::kInvalidInput, "-o " + directory.string() + ": this is " + what +
                                               ", not a directory; -o takes a directory to write one "
                                               "file per input into (it is created if missing)"};
  }
  if (!fs::exists(status)) {
    fs::create_directories(directory, ec);
    if (ec) {
      return Error{ErrorKind::kIo, "-o " + directory.string() + ": cannot create this directory: " + ec.message() +
                                       "; choose a directory you can write to"};
    }
  }
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    return Error{ErrorKind::kIo, "-o " + directory.string() + ": cannot write into this directory: " +
                                     std::generic_category().message(errno) + "; choose a directory you can write to"};
  }
  return std::nullopt;
}

Result<fs::path> write_file_atomically(const fs::path& target, std::string_view data) {
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return Error{ErrorKind::kIo, "cannot create directory " + directory.string() + ": " + ec.message()};

  // The temporary name is unique per process and attempt; O_EXCL guards against
  // leftovers, and mode 0666 lets the umask decide permissions as for any new file.
  fs::path temporary;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    temporary = directory / temporary_name(target, attempt);
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) return io_error(temporary, "cannot create", errno);
  }
  if (fd < 0) return Error{ErrorKind::kIo, "cannot create a temporary file in " + directory.string()};

  FileDescriptor file(fd);
  if (!write_all(file.get(), data)) {
    const int saved_errno = errno;
    file.close();
    std::remove(temporary.c_str());
    return io_error(temporary, "cannot write", saved_errno);
  }
  if (file.close() != 0) {
    const int saved_errno = errno;
    std::remove(temporary.c_str());
    return io_error(temporary, "cannot write", saved_errno);
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int saved_errno = errno;
    std::remove(temporary.c_str());
    return io_error(target, "cannot replace", saved_errno);
  }
  return target;
}

}  // namespace winnow::cli
