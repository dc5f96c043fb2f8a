// The identity decoder for uncompressed WARC files.
#include <algorithm>
#include <cstring>

#include "decoder.h"

namespace winnow::warc {
namespace {

class PlainDecoder : public Decoder {
 public:
  explicit PlainDecoder(std::unique_ptr<Input> input) : input_(std::move(input)) {}
  bool compressed() const override { return false; }
  Result<std::size_t> read(char* out, std::size_t capacity) override {
    if (input_->available().empty() && !input_->fill(1)) {
      if (input_->error()) return *input_->error();
      return std::size_t{0};
    }
    const std::string_view bytes = input_->available();
    const std::size_t count = std::min(capacity, bytes.size());
    std::memcpy(out, bytes.data(), count);
    input_->consume(count);
    return count;
  }

 private:
  std::unique_ptr<Input> input_;
};

}  // namespace

std::unique_ptr<Decoder> plain_decoder(std::unique_ptr<Input> input) {
  return std::make_unique<PlainDecoder>(std::move(input));
}

}  // namespace winnow::warc
