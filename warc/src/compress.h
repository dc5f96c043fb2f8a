// Compressing one record: a gzip member (zlib) or a zstd frame (with an optional dictionary), and dictionary training.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::warc {

// `data` as one complete gzip member at zlib level `level`.
std::string gzip_member(std::string_view data, int level);

// Compresses records as independent zstd frames, each with the content size in its header.
class ZstdFrames {
 public:
  explicit ZstdFrames(int level);
  ~ZstdFrames();
  ZstdFrames(const ZstdFrames&) = delete;
  ZstdFrames& operator=(const ZstdFrames&) = delete;
  // Every later frame is compressed with this dictionary.
  void use_dictionary(std::string_view dictionary);
  std::string frame(std::string_view data);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A zstd dictionary trained on `samples` (ZDICT_trainFromBuffer), or "" when they are too few or training fails.
std::string train_zstd_dictionary(const std::vector<std::string>& samples);

}  // namespace winnow::warc
