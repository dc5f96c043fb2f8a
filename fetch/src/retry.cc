// Retry-After parsing (libcurl's date parser), the backoff schedule, and which failures are retried.
#include "retry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <curl/curl.h>
#include <string>

namespace winnow::fetch {

std::optional<double> parse_retry_after(std::string_view value, double now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc() && end == value.data() + value.size()) return static_cast<double>(std::max(0LL, seconds));
  const time_t date = curl_getdate(std::string(value).c_str(), nullptr);
  if (date < 0) return std::nullopt;
  return std::max(0.0, static_cast<double>(date) - now);
}

double backoff_seconds(int attempt, double base, double cap, std::mt19937& random) {
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  const double wait = base * std::pow(2.0, std::max(0, attempt - 1)) * jitter(random);
  return std::min(wait, cap);
}

bool retryable_status(long status) { return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505); }

bool retryable_code(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: case CURLE_COULDNT_CONNECT: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace winnow::fetch
