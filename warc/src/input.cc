// Input's read-ahead buffer and the in-memory Source.
#include "input.h"

#include <algorithm>
#include <cstring>

namespace winnow::warc {
namespace {

class MemorySource : public Source {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<std::size_t> read(char* out, std::size_t capacity) override {
    const std::size_t count = std::min(capacity, bytes_.size() - pos_);
    std::memcpy(out, bytes_.data() + pos_, count);
    pos_ += count;
    return count;
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<Source> memory_source(std::string bytes) { return std::make_unique<MemorySource>(std::move(bytes)); }

Input::Input(std::unique_ptr<Source> source, std::size_t chunk) : source_(std::move(source)), chunk_(chunk) {}

bool Input::fill(std::size_t count) {
  while (buffer_.size() - start_ < count) {
    if (ended_ || error_) return false;
    // Drop consumed bytes once they are half the buffer: amortised, each byte moves at most once or twice.
    if (start_ > 0 && start_ * 2 >= buffer_.size()) {
      buffer_.erase(0, start_);
      start_ = 0;
    }
    const std::size_t old = buffer_.size();
    const std::size_t missing = count - (old - start_);
    const std::size_t want = std::max(chunk_, missing);
    buffer_.resize(old + want);
    Result<std::size_t> got = source_->read(buffer_.data() + old, want);
    if (!got) {
      buffer_.resize(old);
      error_ = got.error();
      return false;
    }
    buffer_.resize(old + got.value());
    if (got.value() == 0) ended_ = true;
  }
  return true;
}

void Input::consume(std::size_t count) {
  count = std::min(count, buffer_.size() - start_);
  start_ += count;
  position_ += count;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
}

}  // namespace winnow::warc
