// Opening the archive per request, reading query parameters strictly, and mapping errors to HTTP statuses.
#include "serve/reply.h"

#include <charconv>

#include "archive/read.h"
#include "serve/html.h"
#include "serve/stats_cache.h"

namespace winnow::cli::serve {

namespace {
constexpr std::size_t kMaxParamBytes = 2048;
}  // namespace

Result<archive::Archive> open_archive(const Context& context) { return open_existing(context.archive_path, true); }

Result<archive::Stats> archive_stats(const Context& context) {
  if (context.stats) return context.stats->get();
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return opened.error();
  return opened.value().stats();
}

int http_status(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kInvalidInput: return 400;
    case ErrorKind::kTooLarge: return 413;
    default: return 500;
  }
}

Reply error_reply(const Error& error) { return error_reply(http_status(error), error.message); }

Reply error_reply(int status, std::string_view message) {
  Reply reply;
  reply.status = status;
  reply.body = error_html(status, message);
  return reply;
}

Result<std::optional<std::string>> text_param(const Params& params, const std::string& name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) return std::optional<std::string>();
  if (std::next(first) != last) return Error{ErrorKind::kInvalidInput, "the parameter " + name + " is given twice"};
  if (first->second.size() > kMaxParamBytes) {
    return Error{ErrorKind::kInvalidInput, "the parameter " + name + " is longer than 2048 bytes"};
  }
  return std::optional<std::string>(first->second);
}

Result<std::optional<int>> int_param(const Params& params, const std::string& name, int min, int max) {
  Result<std::optional<std::string>> text = text_param(params, name);
  if (!text) return text.error();
  if (!text.value() || text.value()->empty()) return std::optional<int>();
  const std::string& digits = *text.value();
  const char* begin = digits.data();
  if (*begin == '+') ++begin;
  int value = 0;
  const auto [end, ec] = std::from_chars(begin, digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value < min || value > max) {
    return Error{ErrorKind::kInvalidInput, "the parameter " + name + " must be a whole number from " +
                                               std::to_string(min) + " to " + std::to_string(max)};
  }
  return std::optional<int>(value);
}

Result<std::string> url_param(const Params& params) {
  Result<std::optional<std::string>> url = text_param(params, "url");
  if (!url) return url.error();
  if (!url.value() || url.value()->empty()) return Error{ErrorKind::kInvalidInput, "the parameter url is missing"};
  return std::move(*url.value());
}

}  // namespace winnow::cli::serve
