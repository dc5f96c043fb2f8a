// Transfer: easy-handle options (timeouts, limits, encodings, TLS, user agent) and the body/header callbacks.
#include "transfer.h"

#include <algorithm>
#include <cctype>

namespace winnow::fetch {
namespace {

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->body.size() + bytes > transfer->max_body) {
    transfer->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, bytes);
  return bytes;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer->headers.clear();  // a new response (after 100 Continue or a redirect)
  } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    transfer->headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

long milliseconds(double seconds) { return static_cast<long>(seconds * 1000); }

}  // namespace

Transfer::Transfer(const std::string& url, const Options& options, const Headers& extra_headers, bool robots)
    : easy(curl_easy_init()), max_body(options.max_body_bytes), is_robots(robots) {
  if (!easy) return;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are followed by the batch, hop by hop
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes (gzip, br, zstd)
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.connect_timeout));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, milliseconds(options.timeout));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max(1.0, options.low_speed_time)));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
  if (options.insecure) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  for (const auto& [name, value] : extra_headers) {
    request_headers = curl_slist_append(request_headers, (name + ": " + value).c_str());
  }
  if (request_headers) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, request_headers);
}

Transfer::~Transfer() {
  if (easy) curl_easy_cleanup(easy);
  curl_slist_free_all(request_headers);
}

long Transfer::status() const {
  long code = 0;
  if (easy) curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

double Transfer::elapsed() const {
  double seconds = 0;
  if (easy) curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &seconds);
  return seconds;
}

std::string Transfer::redirect_url() const {
  char* url = nullptr;
  if (easy) curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &url);
  return url ? url : "";
}

std::string Transfer::header_in(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); })) {
      return value;
    }
  }
  return "";
}

}  // namespace winnow::fetch
