// The zstd decoder: one frame per record, with the dictionary from the file's dictionary frame; skippable frames are skipped.
#include <zstd.h>

#include <algorithm>
#include <optional>

#include "decoder.h"
#include "zstd_dictionary.h"

namespace winnow::warc {
namespace {

struct DCtxFree {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
struct DDictFree {
  void operator()(ZSTD_DDict* d) const { ZSTD_freeDDict(d); }
};

// The largest dictionary frame we read into memory.
constexpr uint32_t kMaxDictionaryFrame = 64u << 20;

class ZstdDecoder : public Decoder {
 public:
  ZstdDecoder(std::unique_ptr<Input> input, std::string name)
      : input_(std::move(input)), name_(std::move(name)), context_(ZSTD_createDCtx()) {
    if (!context_) throw std::bad_alloc();
  }
  bool compressed() const override { return true; }

  // Reads the dictionary frame when the file starts with one.
  Result<bool> load_dictionary() {
    if (!input_->fill(8) || read_le32(input_->available()) != kZstdDictionaryFrameMagic) return true;
    const uint32_t size = read_le32(input_->available().substr(4));
    if (size > kMaxDictionaryFrame) {
      return Error{ErrorKind::kInvalidInput, at(0) + "the dictionary frame claims " + std::to_string(size) +
                                                 " bytes, more than a dictionary can be"};
    }
    if (!input_->fill(8 + std::size_t{size})) {
      if (input_->error()) return *input_->error();
      return Error{ErrorKind::kInvalidInput, at(0) + "the dictionary frame is truncated"};
    }
    Result<std::string> dictionary = dictionary_from_frame(input_->available().substr(8, size));
    if (!dictionary) return Error{dictionary.error().kind, at(0) + dictionary.error().message};
    dictionary_.reset(ZSTD_createDDict(dictionary.value().data(), dictionary.value().size()));
    if (!dictionary_) return Error{ErrorKind::kInvalidInput, at(0) + "the dictionary is damaged (zstd cannot load it)"};
    input_->consume(8 + std::size_t{size});
    return true;
  }

  Result<std::size_t> read(char* out, std::size_t capacity) override {
    // A frame that decompresses to nothing yields no bytes: go on to the next, since 0 means the end.
    for (;;) {
      if (deferred_) return *deferred_;
      if (!in_frame_) {
        Result<bool> started = start_frame();
        if (!started) return started.error();
        if (!started.value()) return std::size_t{0};
      }
      Result<std::size_t> made = stream(out, capacity);
      if (!made || made.value() > 0) return made;
    }
  }

 private:
  std::string at(uint64_t offset) const { return name_ + ": offset " + std::to_string(offset) + ": "; }

  // Begins the next zstd frame, skipping skippable frames: false at a clean end.
  Result<bool> start_frame() {
    for (;;) {
      if (!input_->fill(1)) {
        if (input_->error()) return *input_->error();
        return false;
      }
      const uint64_t offset = input_->position();
      if (!input_->fill(4)) return Error{ErrorKind::kInvalidInput, at(offset) + "the file ends inside a zstd frame header"};
      const uint32_t magic = read_le32(input_->available());
      if (is_skippable_magic(magic)) {
        if (!input_->fill(8)) return Error{ErrorKind::kInvalidInput, at(offset) + "the skippable frame is truncated"};
        uint64_t skip = 8 + uint64_t{read_le32(input_->available().substr(4))};
        while (skip > 0) {
          if (input_->available().empty() && !input_->fill(1)) {
            return Error{ErrorKind::kInvalidInput, at(offset) + "the skippable frame is truncated"};
          }
          const std::size_t step = static_cast<std::size_t>(std::min<uint64_t>(skip, input_->available().size()));
          input_->consume(step);
          skip -= step;
        }
        continue;
      }
      if (magic != kZstdFrameMagic) {
        return Error{ErrorKind::kInvalidInput, at(offset) + "expected a zstd frame, found other bytes (garbage between records?)"};
      }
      ZSTD_DCtx_reset(context_.get(), ZSTD_reset_session_only);
      ZSTD_DCtx_refDDict(context_.get(), dictionary_.get());
      units_.push_back(Unit{offset, 0, produced_, 0, false});
      in_frame_ = true;
      return true;
    }
  }

  Result<std::size_t> stream(char* out, std::size_t capacity) {
    const uint64_t frame = units_.back().compressed_start;
    std::size_t made = 0;
    while (made == 0) {
      if (input_->available().empty() && !input_->fill(1)) {
        if (input_->error()) return *input_->error();
        return Error{ErrorKind::kInvalidInput, at(frame) + "the zstd frame is truncated (the file ends inside it)"};
      }
      const std::string_view bytes = input_->available();
      ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
      ZSTD_outBuffer buffer{out, capacity, 0};
      const std::size_t rc = ZSTD_decompressStream(context_.get(), &buffer, &in);
      input_->consume(in.pos);
      made = buffer.pos;
      produced_ += made;
      if (ZSTD_isError(rc)) {
        Error error{ErrorKind::kInvalidInput,
                    at(frame) + "the zstd frame is damaged (" + ZSTD_getErrorName(rc) + ")"};
        if (made == 0) return error;
        deferred_ = std::move(error);
        return made;
      }
      if (rc == 0) {
        Unit& unit = units_.back();
        unit.compressed_end = input_->position();
        unit.end = produced_;
        unit.done = true;
        in_frame_ = false;
        return made;
      }
    }
    return made;
  }

  std::unique_ptr<Input> input_;
  std::string name_;
  std::unique_ptr<ZSTD_DCtx, DCtxFree> context_;
  std::unique_ptr<ZSTD_DDict, DDictFree> dictionary_;
  bool in_frame_ = false;
  uint64_t produced_ = 0;
  std::optional<Error> deferred_;
};

}  // namespace

Result<std::unique_ptr<Decoder>> zstd_decoder(std::unique_ptr<Input> input, std::string name) {
  auto decoder = std::make_unique<ZstdDecoder>(std::move(input), std::move(name));
  Result<bool> loaded = decoder->load_dictionary();
  if (!loaded) return loaded.error();
  return std::unique_ptr<Decoder>(std::move(decoder));
}

}  // namespace winnow::warc
