// When to try a failed request again: which failures are worth a retry, Retry-After, and exponential backoff with jitter.
#pragma once

#include <curl/curl.h>

#include <optional>
#include <random>
#include <string_view>

namespace winnow::fetch {

// Seconds to wait from a Retry-After value (delay-seconds or an HTTP-date,
// measured against `now`, seconds since the epoch); nullopt when unreadable.
// Never negative.
std::optional<double> parse_retry_after(std::string_view value, double now);

// The wait before attempt number `attempt` + 1 (attempt >= 1): `base` ×
// 2^(attempt-1), times a random factor in [0.5, 1.5), at most `cap`.
double backoff_seconds(int attempt, double base, double cap, std::mt19937& random);

// HTTP statuses worth a retry: 429 and 5xx except 501 and 505.
bool retryable_status(long status);

// Transfer failures worth a retry: timeouts, refused or reset connections,
// short or missing answers, HTTP/2 stream errors and failed TLS handshakes.
bool retryable_code(CURLcode code);

}  // namespace winnow::fetch
