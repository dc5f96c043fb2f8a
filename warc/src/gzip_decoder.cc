// The gzip decoder: whole members with libdeflate when one fits the read-ahead window, else zlib streaming.
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "decoder.h"

namespace winnow::warc {
namespace {

// A member whose compressed bytes fit this window is inflated whole by libdeflate (several times faster than
// zlib); a longer one (or a whole-file stream) is streamed through zlib, so memory stays bounded.
constexpr std::size_t kFirstWindow = 1 << 16;
constexpr std::size_t kWholeMemberWindow = 4 << 20;
constexpr std::size_t kFirstOutput = 1 << 20;
constexpr std::size_t kMaxWholeOutput = 32 << 20;

struct DeflateFree {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

class GzipDecoder : public Decoder {
 public:
  GzipDecoder(std::unique_ptr<Input> input, std::string name)
      : input_(std::move(input)), name_(std::move(name)), fast_(libdeflate_alloc_decompressor()) {
    if (inflateInit2(&zlib_, 15 + 16) != Z_OK) throw std::bad_alloc();
  }
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;
  ~GzipDecoder() override { inflateEnd(&zlib_); }
  bool compressed() const override { return true; }

  Result<std::size_t> read(char* out, std::size_t capacity) override {
    // A member that inflates to nothing yields no bytes: go on to the next, since 0 means the end.
    for (;;) {
      if (pending_pos_ < pending_size_) return serve_whole(out, capacity);
      if (deferred_) return *deferred_;
      if (!in_member_) {
        Result<bool> started = start_member();
        if (!started) return started.error();
        if (!started.value()) return std::size_t{0};
        if (pending_pos_ < pending_size_) return serve_whole(out, capacity);
        if (!in_member_) continue;
      }
      Result<std::size_t> made = stream(out, capacity);
      if (!made || made.value() > 0) return made;
    }
  }

 private:
  std::string at(uint64_t offset) const { return name_ + ": offset " + std::to_string(offset) + ": "; }

  // Begins the member at the input's position: false at a clean end.
  Result<bool> start_member() {
    if (!input_->fill(1)) {
      if (input_->error()) return *input_->error();
      return false;
    }
    const uint64_t offset = input_->position();
    input_->fill(2);
    const std::string_view head = input_->available();
    if (head.size() < 2 || static_cast<unsigned char>(head[0]) != 0x1f || static_cast<unsigned char>(head[1]) != 0x8b) {
      return Error{ErrorKind::kInvalidInput, at(offset) + "expected a gzip member, found other bytes (garbage between records?)"};
    }
    units_.push_back(Unit{offset, 0, produced_, 0, false});
    in_member_ = true;
    if (fast_ && try_whole()) return true;
    inflateReset(&zlib_);
    return true;
  }

  // Inflates the whole member with libdeflate when it lies within the window; false leaves it to zlib. The window
  // grows only while the member may not have been all in it, so small members cost no extra read-ahead.
  bool try_whole() {
    std::size_t window = kFirstWindow;
    for (;;) {
      input_->fill(window);
      const std::string_view in = input_->available();
      const libdeflate_result result = inflate_whole(in);
      if (result == LIBDEFLATE_SUCCESS) return true;
      if (result == LIBDEFLATE_INSUFFICIENT_SPACE || in.size() < window || window >= kWholeMemberWindow) return false;
      window *= 4;
    }
  }

  libdeflate_result inflate_whole(std::string_view in) {
    for (std::size_t size = std::max(kFirstOutput, whole_.size());; size *= 4) {
      if (whole_.size() < size) whole_.resize(size);
      std::size_t used = 0;
      std::size_t made = 0;
      const libdeflate_result result =
          libdeflate_gzip_decompress_ex(fast_.get(), in.data(), in.size(), whole_.data(), whole_.size(), &used, &made);
      if (result == LIBDEFLATE_INSUFFICIENT_SPACE && size * 4 <= kMaxWholeOutput) continue;
      if (result != LIBDEFLATE_SUCCESS) return result;
      input_->consume(used);
      pending_pos_ = 0;
      pending_size_ = made;
      if (made == 0) finish_member();
      return result;
    }
  }

  Result<std::size_t> serve_whole(char* out, std::size_t capacity) {
    const std::size_t count = std::min(capacity, pending_size_ - pending_pos_);
    std::memcpy(out, whole_.data() + pending_pos_, count);
    pending_pos_ += count;
    produced_ += count;
    if (pending_pos_ == pending_size_) finish_member();
    return count;
  }

  void finish_member() {
    Unit& unit = units_.back();
    unit.compressed_end = input_->position();
    unit.end = produced_;
    unit.done = true;
    in_member_ = false;
    pending_pos_ = pending_size_ = 0;
  }

  Result<std::size_t> stream(char* out, std::size_t capacity) {
    const uint64_t member = units_.back().compressed_start;
    std::size_t made = 0;
    while (made == 0) {
      if (input_->available().empty() && !input_->fill(1)) {
        if (input_->error()) return *input_->error();
        return Error{ErrorKind::kInvalidInput, at(member) + "the gzip member is truncated (the file ends inside it)"};
      }
      const std::string_view in = input_->available();
      zlib_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      zlib_.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), 1u << 30));
      zlib_.next_out = reinterpret_cast<Bytef*>(out);
      zlib_.avail_out = static_cast<uInt>(std::min<std::size_t>(capacity, 1u << 30));
      const uInt before_out = zlib_.avail_out;
      const int rc = inflate(&zlib_, Z_NO_FLUSH);
      input_->consume(in.size() - zlib_.avail_in);
      made = before_out - zlib_.avail_out;
      produced_ += made;
      if (rc == Z_STREAM_END) {
        finish_member();
        return made;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Error error{ErrorKind::kInvalidInput, at(member) + "the gzip member is damaged (" +
                                                  (zlib_.msg ? zlib_.msg : "inflate failed") + ")"};
        if (made == 0) return error;
        deferred_ = std::move(error);
      }
    }
    return made;
  }

  std::unique_ptr<Input> input_;
  std::string name_;
  std::unique_ptr<libdeflate_decompressor, DeflateFree> fast_;
  z_stream zlib_{};
  bool in_member_ = false;
  uint64_t produced_ = 0;
  std::vector<char> whole_;
  std::size_t pending_pos_ = 0;
  std::size_t pending_size_ = 0;
  std::optional<Error> deferred_;
};

}  // namespace

std::unique_ptr<Decoder> gzip_decoder(std::unique_ptr<Input> input, std::string name) {
  return std::make_unique<GzipDecoder>(std::move(input), std::move(name));
}

}  // namespace winnow::warc
