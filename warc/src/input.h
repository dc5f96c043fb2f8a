// Input: a byte Source with a read-ahead buffer, positions and deferred errors; what decoders and the record parser read from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/result.h"

namespace winnow::warc {

// Produces bytes in order: a file, stdin, memory, or a decompressor over another Input.
class Source {
 public:
  virtual ~Source() = default;
  // Up to `capacity` bytes into `out`; 0 at the end. An Error after some bytes were produced must be
  // returned on the next call, so the bytes before a fault always reach the caller.
  virtual Result<std::size_t> read(char* out, std::size_t capacity) = 0;
};

// A Source over bytes held in memory.
std::unique_ptr<Source> memory_source(std::string bytes);

// A buffered reader over a Source: fill() reads ahead, available() shows the buffered bytes, consume() moves on.
// position() is the offset (in the Source's bytes) of available()'s first byte.
class Input {
 public:
  explicit Input(std::unique_ptr<Source> source, std::size_t chunk = 1 << 16);

  // Reads until at least `count` bytes are buffered; false when the Source ended or failed first (see error()).
  bool fill(std::size_t count);
  std::string_view available() const { return std::string_view(buffer_).substr(start_); }
  void consume(std::size_t count);
  uint64_t position() const { return position_; }
  // The Source's failure, once fill() met one.
  const std::optional<Error>& error() const { return error_; }
  bool at_end() const { return ended_ && start_ == buffer_.size(); }

 private:
  std::unique_ptr<Source> source_;
  std::size_t chunk_;
  std::string buffer_;
  std::size_t start_ = 0;
  uint64_t position_ = 0;
  bool ended_ = false;
  std::optional<Error> error_;
};

}  // namespace winnow::warc
