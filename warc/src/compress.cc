// gzip members through zlib's deflate, zstd frames through a ZSTD_CCtx, dictionaries through ZDICT.
#include "compress.h"

#include <zdict.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <new>

namespace winnow::warc {

std::string gzip_member(std::string_view data, int level) {
  z_stream stream{};
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::bad_alloc();
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  const std::size_t size = out.size() - stream.avail_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) throw std::bad_alloc();  // deflateBound guarantees room: only memory can fail
  out.resize(size);
  return out;
}

struct ZstdFrames::State {
  struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  };
  struct CDictFree {
    void operator()(ZSTD_CDict* d) const { ZSTD_freeCDict(d); }
  };
  std::unique_ptr<ZSTD_CCtx, CCtxFree> owned_context{ZSTD_createCCtx()};
  std::unique_ptr<ZSTD_CDict, CDictFree> owned_dictionary;
  ZSTD_CCtx* context = owned_context.get();
  int level = 19;
};

ZstdFrames::ZstdFrames(int level) : state_(std::make_unique<State>()) {
  if (!state_->context) throw std::bad_alloc();
  state_->level = level;
  ZSTD_CCtx_setParameter(state_->context, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(state_->context, ZSTD_c_contentSizeFlag, 1);
  ZSTD_CCtx_setParameter(state_->context, ZSTD_c_checksumFlag, 1);
}

ZstdFrames::~ZstdFrames() = default;

void ZstdFrames::use_dictionary(std::string_view dictionary) {
  state_->owned_dictionary.reset(ZSTD_createCDict(dictionary.data(), dictionary.size(), state_->level));
  if (!state_->owned_dictionary) throw std::bad_alloc();
  ZSTD_CCtx_refCDict(state_->context, state_->owned_dictionary.get());
}

std::string ZstdFrames::frame(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress2(state_->context, out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(size)) throw std::bad_alloc();  // the bound guarantees room: only memory can fail
  out.resize(size);
  return out;
}

std::string train_zstd_dictionary(const std::vector<std::string>& samples) {
  // ZDICT needs a fair number of samples; with fewer it fails or makes a dictionary that does not help.
  if (samples.size() < 8) return {};
  std::string joined;
  std::vector<std::size_t> sizes;
  for (const std::string& sample : samples) {
    joined += sample;
    sizes.push_back(sample.size());
  }
  std::string dictionary(std::min<std::size_t>(112640, std::max<std::size_t>(joined.size() / 10, 4096)), '\0');
  const std::size_t size = ZDICT_trainFromBuffer(dictionary.data(), dictionary.size(), joined.data(), sizes.data(),
                                                 static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(size)) return {};
  dictionary.resize(size);
  return dictionary;
}

}  // namespace winnow::warc
