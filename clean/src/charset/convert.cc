// Guessing and converting: uchardet fed the interesting blocks, iconv with U+FFFD for what cannot be decoded.
#include "charset/convert.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "charset/utf8.h"

namespace winnow::clean {
namespace {

constexpr std::size_t kGuessBytes = 64 * 1024;

struct UchardetDeleter {
  void operator()(uchardet* handle) const { uchardet_delete(handle); }
};
using UchardetPtr = std::unique_ptr<uchardet, UchardetDeleter>;

// Owns an iconv_t converting to UTF-8.
class IconvToUtf8 {
 public:
  explicit IconvToUtf8(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~IconvToUtf8() {
    if (ok()) iconv_close(cd_);
  }
  IconvToUtf8(const IconvToUtf8&) = delete;
  IconvToUtf8& operator=(const IconvToUtf8&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};


Result<std::string> transcode(std::string_view bytes, const Charset& charset) {
  IconvToUtf8 converter(charset.iconv);
  if (!converter.ok()) {
    return Error{ErrorKind::kInternal, "iconv cannot convert from " + charset.iconv + " to UTF-8"};
  }
  std::string out(bytes.size() + bytes.size() / 2 + 64, '\0');
  size_t used = 0;
  auto ensure_room = [&](size_t room) {
    if (out.size() - used < room) out.resize(std::max(out.size() * 2, used + room));
  };
  // iconv never writes through the input pointer; the const_cast is for its C signature.
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  const size_t unit = code_unit_size(charset);
  bool flushing = false;
  while (true) {
    char* out_ptr = out.data() + used;
    size_t out_left = out.size() - used;
    size_t rc = flushing ? iconv(converter.get(), nullptr, nullptr, &out_ptr, &out_left)
                         : iconv(converter.get(), &in, &in_left, &out_ptr, &out_left);
    int err = errno;
    used = static_cast<size_t>(out_ptr - out.data());
    if (rc != static_cast<size_t>(-1)) {
      if (flushing) break;
      flushing = true;  // emit the shift back to the initial state of stateful encodings
      continue;
    }
    if (err == E2BIG) {
      ensure_room(out.size());
      continue;
    }
    if (flushing) break;
    ensure_room(kReplacement.size());
    std::memcpy(out.data() + used, kReplacement.data(), kReplacement.size());
    used += kReplacement.size();
    if (err == EILSEQ) {
      size_t skip = std::min(unit, in_left);
      in += skip;
      in_left -= skip;
      continue;
    }
    // EINVAL: the input ends inside a multibyte sequence.
    in_left = 0;
    flushing = true;
  }
  out.resize(used);
  return out;
}

}  // namespace

bool iconv_knows(const std::string& name) { return IconvToUtf8(name).ok(); }

// uchardet reads a few MB/s, so it is fed at most kGuessBytes, taken from the
// blocks that hold non-ASCII bytes (or ISO-2022 escapes): a page's first
// hundreds of KB are often pure ASCII markup that would only make it guess
// windows-1252. Blocks end on a byte below 0x40, which is never the trail byte
// of a multibyte character, so no character is cut in half.
std::optional<Charset> guess_charset(std::string_view bytes) {
  constexpr size_t kBlock = 1024;
  constexpr size_t kMaxExtend = 256;
  UchardetPtr detector(uchardet_new());
  if (!detector) return std::nullopt;
  size_t fed = 0;
  size_t start = 0;
  while (start < bytes.size() && fed < kGuessBytes) {
    size_t end = std::min(start + kBlock, bytes.size());
    size_t limit = std::min(end + kMaxExtend, bytes.size());
    while (end < limit && static_cast<unsigned char>(bytes[end - 1]) >= 0x40) ++end;
    std::string_view block = bytes.substr(start, end - start);
    bool interesting = std::any_of(block.begin(), block.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80 || c == 0x1B;
    });
    if (interesting) {
      if (uchardet_handle_data(detector.get(), block.data(), block.size()) != 0) return std::nullopt;
      fed += block.size();
    }
    start = end;
  }
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  if (name == nullptr || *name == '\0') return std::nullopt;
  if (auto known = lookup_label(name)) return known;
  std::string lower = normalized_label(name);
  if (iconv_knows(name)) return Charset{lower, name};
  return std::nullopt;
}

Result<Decoded> decode_with(std::string_view bytes, const Charset& charset, bool guessed) {
  Decoded decoded;
  decoded.charset = charset.name;
  decoded.guessed = guessed;
  if (charset.name == "utf-8") {
    decoded.utf8 = sanitize_utf8(bytes);
    return decoded;
  }
  Result<std::string> text = transcode(bytes, charset);
  if (!text) return text.error();
  decoded.utf8 = sanitize_utf8(text.value());
  return decoded;
}

}  // namespace winnow::clean
