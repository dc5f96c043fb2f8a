// What a handler of winnow serve answers (status, body, type), the query parameters it reads, and errors turned into 4xx/5xx replies.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/archive.h"
#include "winnow/result.h"

namespace winnow::cli::serve {

class StatsCache;

// The query parameters of a request, as cpp-httplib parses them (a name may repeat).
using Params = std::multimap<std::string, std::string>;

// One answer: the HTTP status, the body and its Content-Type.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  std::string location;       // set for a redirect (303)
  bool raw_capture = false;   // archived bytes: sent sandboxed (see server.cc), never with the interface's policy
};

// What every handler needs: where the archive is. Each request opens it anew
// (read-only), so captures another process adds show on the next load; only
// the statistics are kept between requests, until the archive's files change.
struct Context {
  std::string archive_path;
  // The statistics kept between requests (stats_cache.h); null: counted on every request.
  std::shared_ptr<StatsCache> stats;
};

// The archive's statistics: from context.stats when set, else counted on a fresh open.
Result<archive::Stats> archive_stats(const Context& context);

// The archive at context.archive_path, opened read-only. Fails as
// open_existing() does (kIo when it is missing or unreadable).
Result<archive::Archive> open_archive(const Context& context);

// The HTTP status for a failed read: kNotFound 404, kInvalidInput 400,
// kTooLarge 413, anything else 500.
int http_status(const Error& error);

// An HTML error page for `error` with its http_status().
Reply error_reply(const Error& error);
// An HTML error page with `status` and `message` (plain text).
Reply error_reply(int status, std::string_view message);

// The single value of parameter `name`: nullopt when absent; kInvalidInput
// when it is given more than once or is longer than 2,048 bytes.
Result<std::optional<std::string>> text_param(const Params& params, const std::string& name);

// The value of `name` as a decimal integer in [min, max] (an optional sign,
// digits only): nullopt when absent or empty; kInvalidInput for anything
// else, the message naming the parameter.
Result<std::optional<int>> int_param(const Params& params, const std::string& name, int min, int max);

// The `url` parameter, required: kInvalidInput when missing or empty.
Result<std::string> url_param(const Params& params);

}  // namespace winnow::cli::serve
