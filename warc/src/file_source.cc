// file_source(): reads a file descriptor in chunks, retrying interrupted reads.
#include "file_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace winnow::warc {
namespace {

class FileSource : public Source {
 public:
  FileSource(int fd, bool owned, std::string path) : fd_(fd), owned_(owned), path_(std::move(path)) {}
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource() override {
    if (owned_) ::close(fd_);
  }
  Result<std::size_t> read(char* out, std::size_t capacity) override {
    for (;;) {
      const ssize_t got = ::read(fd_, out, capacity);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) return Error{ErrorKind::kIo, path_ + ": cannot read: " + std::strerror(errno)};
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string path_;
};

// Hands out `prefix` first, then what `rest` reads.
class PrefixedSource : public Source {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<Source> rest) : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<std::size_t> read(char* out, std::size_t capacity) override {
    if (given_ < prefix_.size()) {
      const std::size_t count = std::min(capacity, prefix_.size() - given_);
      std::memcpy(out, prefix_.data() + given_, count);
      given_ += count;
      return count;
    }
    return rest_->read(out, capacity);
  }

 private:
  std::string prefix_;
  std::size_t given_ = 0;
  std::unique_ptr<Source> rest_;
};

}  // namespace

std::unique_ptr<Source> stdin_source(std::string already_read) {
  return std::make_unique<PrefixedSource>(std::move(already_read), std::make_unique<FileSource>(0, false, "-"));
}

Result<std::unique_ptr<Source>> file_source(const std::string& path) {
  if (path == "-") return std::unique_ptr<Source>(std::make_unique<FileSource>(0, false, "-"));
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{ErrorKind::kIo, path + ": cannot open: " + std::strerror(errno)};
  return std::unique_ptr<Source>(std::make_unique<FileSource>(fd, true, path));
}

}  // namespace winnow::warc
