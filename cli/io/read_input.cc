// Reads a page's bytes from a file or stdin, refusing anything over the size cap.
#include "io/read_input.h"

#include "io/decompress.h"

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>
#include <utility>

namespace winnow::cli {
namespace {

// What peek_stdin() read, before anything else read standard input.
struct PeekedStdin {
  bool peeked = false;
  std::string bytes;
};

PeekedStdin& peeked_stdin() {
  static PeekedStdin peeked;
  return peeked;
}

std::string describe_limit(std::size_t max_bytes) {
  if (max_bytes % (1u << 20) == 0) return std::to_string(max_bytes >> 20) + " MiB";
  return std::to_string(max_bytes) + " bytes";
}

Error too_large(std::size_t max_bytes) {
  return Error{ErrorKind::kTooLarge, "input is larger than the " + describe_limit(max_bytes) +
                                         " limit; only HTML pages up to that size are cleaned"};
}

// Reads in chunks so a stream with no known size (stdin, a pipe) cannot grow
// the buffer past the cap.
Result<std::string> read_capped(std::istream& stream, std::size_t max_bytes) {
  std::string bytes;
  char chunk[1 << 16];
  errno = 0;
  while (stream) {
    stream.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(stream.gcount());
    if (got > max_bytes - bytes.size()) return too_large(max_bytes);
    bytes.append(chunk, got);
  }
  if (stream.bad()) {
    const std::string reason = errno != 0 ? std::generic_category().message(errno) : "the stream failed";
    return Error{ErrorKind::kIo, "cannot read: " + reason + " (is this a regular file or a pipe?)"};
  }
  return bytes;
}

// Gzip, zstd and bzip2 data (a saved page.html.gz, or `curl | gzip` on stdin) is inflated, within the same cap.
Result<std::string> inflated(Result<std::string> bytes, std::size_t max_bytes) {
  if (!bytes) return bytes;
  const Compression compression = detect_compression(bytes.value());
  if (compression == Compression::kNone) return bytes;
  return decompress(bytes.value(), compression, max_bytes);
}

Result<std::string> read_raw(const Input& input, std::size_t max_bytes) {
  if (input.is_stdin) {
    std::cin.tie(nullptr);
    std::string head = take_peeked_stdin();
    if (head.size() > max_bytes) return too_large(max_bytes);
    Result<std::string> rest = read_capped(std::cin, max_bytes - head.size());
    if (!rest) return rest.error().kind == ErrorKind::kTooLarge ? too_large(max_bytes) : rest.error();
    return head + rest.value();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(input.path, ec)) {
    return Error{ErrorKind::kIo, "is a directory"};
  }
  const std::uintmax_t size = std::filesystem::file_size(input.path, ec);
  // Non-regular files (FIFOs, /dev/stdin) have no size; read_capped still enforces the cap.
  if (!ec && size > max_bytes) return too_large(max_bytes);
  errno = 0;
  std::ifstream file(input.path, std::ios::binary);
  if (!file) {
    const int saved_errno = errno;
    const std::string reason =
        saved_errno != 0 ? std::generic_category().message(saved_errno) : "cannot be opened";
    return Error{ErrorKind::kIo, "cannot open: " + reason};
  }
  return read_capped(file, max_bytes);
}

}  // namespace

Result<std::string> read_input(const Input& input, std::size_t max_bytes) {
  return inflated(read_raw(input, max_bytes), max_bytes);
}

Result<std::string> read_head(const std::filesystem::path& path, std::size_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error{ErrorKind::kIo, "cannot open"};
  std::string head(max_bytes, '\0');
  file.read(head.data(), static_cast<std::streamsize>(max_bytes));
  head.resize(static_cast<std::size_t>(file.gcount()));
  const Compression compression = detect_compression(head);
  if (compression == Compression::kNone) return head;
  // A compressed head of max_bytes holds at least max_bytes of page, unless the page is shorter.
  return decompress_prefix(head, compression, max_bytes);
}

std::string_view peek_stdin(std::size_t max_bytes) {
  PeekedStdin& peeked = peeked_stdin();
  if (!peeked.peeked) {
    peeked.peeked = true;
    // read(2), not std::cin: stdio's buffer would keep bytes a reader of file descriptor 0 never sees.
    peeked.bytes.resize(max_bytes);
    std::size_t got = 0;
    while (got < max_bytes) {
      const ssize_t n = ::read(STDIN_FILENO, peeked.bytes.data() + got, max_bytes - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    peeked.bytes.resize(got);
  }
  return peeked.bytes;
}

std::string take_peeked_stdin() { return std::exchange(peeked_stdin().bytes, std::string()); }

}  // namespace winnow::cli
