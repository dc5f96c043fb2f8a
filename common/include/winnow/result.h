// Result<T>: a value or an Error a person can act on; how winnow returns expected failures.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace winnow {

// What kind of failure an Error is; callers map these to exit codes.
enum class ErrorKind {
  kInvalidInput,  // the input cannot be read as what it should be (e.g. binary data, empty file)
  kTooLarge,      // the input exceeds a configured limit (a size, or a count such as redirects)
  kNotFound,      // what was asked for is not there: a URL or version not in the archive, a page answering 404/410
  kIo,            // a file or stream could not be opened, read or written
  kUnsupported,   // a valid request winnow does not handle (e.g. an unknown charset, an ftp:// URL)
  kNetwork,       // the network or a server failed: no connection, DNS, TLS, a timeout, a broken answer, an HTTP error
  kRefused,       // a site's robots.txt does not allow the URL (or could not be read, which RFC 9309 makes a "no")
  kInternal,      // a bug or resource failure inside winnow
};

// An expected failure: its kind and a message that says what went wrong and what to do.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
};

// Holds either a T or an Error. Accessing value() on an error (or error() on a
// value) is a programming error and throws std::bad_variant_access.
// [[nodiscard]]: a Result that is dropped unread is a failure nobody sees.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}                 // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}             // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace winnow
