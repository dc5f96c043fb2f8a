// Transfer: easy-handle options (timeouts, limits, encodings, TLS, user agent) and the body/header callbacks.
#include "transfer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "winnow/ascii.h"

namespace winnow::fetch {
namespace {

constexpr std::size_t kReserveAtMost = 1u << 20;  // bytes reserved for a body from its Content-Length, at most

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->body.empty()) {
    // Room for the whole body at once when its length is announced (up to kReserveAtMost: the
    // server's word only), rather than growing and copying it as the pieces arrive.
    curl_off_t length = -1;
    curl_easy_getinfo(transfer->easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    if (length > 0) {
      transfer->body.reserve(std::min({static_cast<std::size_t>(length), transfer->max_body, kReserveAtMost}));
    }
  }
  if (transfer->body.size() + bytes > transfer->max_body) {
    // robots.txt keeps what fits: its first part is parsed (RFC 9309 §2.5).
    if (transfer->is_robots) transfer->body.append(data, transfer->max_body - transfer->body.size());
    transfer->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer->headers.clear();  // a new response (after 100 Continue or a redirect)
    transfer->header_bytes = 0;
    transfer->wire_response_head.clear();
  } else if (transfer->header_bytes + line.size() > kMaxHeaderBytes) {
    transfer->headers_too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    transfer->headers.emplace_back(std::string(ascii::trim(line.substr(0, colon))), std::string(ascii::trim(line.substr(colon + 1))));
  }
  transfer->header_bytes += line.size();
  if (transfer->keep_wire) transfer->wire_response_head.append(line);
  return size * count;
}

// With keep_wire, libcurl's debug hook sees the bytes as they crossed the wire: the request head as sent
// and the body before it is de-chunked and decoded (CURLINFO_DATA_IN comes before both).
int on_wire(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  if (type == CURLINFO_HEADER_OUT) {
    transfer->wire_request_head.assign(data, size);
    transfer->wire_body.clear();
  } else if (type == CURLINFO_DATA_IN && transfer->wire_body.size() + size <= 2 * transfer->max_body + (1u << 16)) {
    transfer->wire_body.append(data, size);
  }
  return 0;
}

long milliseconds(double seconds) { return static_cast<long>(seconds * 1000); }

bool is_tls_error(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED: case CURLE_SSL_ENGINE_INITFAILED: case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE: case CURLE_SSL_ISSUER_ERROR: case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS: case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string failure_reason(CURLcode code, long os_errno, std::string_view curl_message, double elapsed) {
  const std::string detail = curl_message.empty() ? "" : ": " + std::string(curl_message);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: {
      char text[96];
      std::snprintf(text, sizeof text, "timed out after %.1f s", elapsed);
      return text;
    }
    case CURLE_COULDNT_CONNECT:
      if (os_errno == ECONNREFUSED) return "connection refused";
      if (os_errno != 0) return "cannot connect (" + std::string(std::strerror(static_cast<int>(os_errno))) + ")";
      return "cannot connect" + detail;
    case CURLE_COULDNT_RESOLVE_HOST: return "DNS lookup failed" + detail;
    case CURLE_COULDNT_RESOLVE_PROXY: return "DNS lookup of the proxy failed" + detail;
    case CURLE_PEER_FAILED_VERIFICATION: return "TLS certificate not trusted" + detail + " (--insecure skips the check)";
    case CURLE_PARTIAL_FILE: return "connection closed before the whole body arrived (Content-Length not reached)";
    case CURLE_GOT_NOTHING: return "the server closed the connection without answering";
    case CURLE_RECV_ERROR:
      if (os_errno == ECONNRESET) return "connection reset while receiving";
      return "receive error" + detail;
    case CURLE_WEIRD_SERVER_REPLY: return "the server's answer is not HTTP" + detail;
    case CURLE_UNSUPPORTED_PROTOCOL:
      // libcurl refuses an answer without an HTTP status line as "HTTP/0.9".
      if (curl_message.find("HTTP/0.9") != std::string_view::npos) return "the server's answer is not HTTP";
      break;
    default: break;
  }
  if (is_tls_error(code)) return "TLS error" + detail;
  return curl_easy_strerror(code) + detail;
}

Transfer::Transfer(const std::string& url, const Options& options, const Headers& extra_headers, bool robots,
                   EasyHandle recycled)
    : max_body(options.max_body_bytes), is_robots(robots), easy(std::move(recycled)) {
  // A recycled handle, reset when it was given back, keeps its buffers: no allocation per transfer.
  if (!easy) easy.reset(curl_easy_init());
  if (!easy) return;
  CURL* handle = easy.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PRIVATE, this);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  // The multi handle's DNS cache keeps each host's address for the whole batch: libcurl 7.88 walks the whole
  // cache to expire entries on every transfer otherwise, which costs as much as the transfer at 10,000 hosts.
  curl_easy_setopt(handle, CURLOPT_DNS_CACHE_TIMEOUT, -1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are followed by the batch, hop by hop
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes (gzip, br, zstd)
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options.connect_timeout));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, milliseconds(options.timeout));
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max(1.0, options.low_speed_time)));
  // robots.txt keeps its first part however large it says it is: no early refusal by Content-Length.
  if (!robots) curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, this);
  keep_wire = options.keep_wire && !robots;
  if (keep_wire) {
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, on_wire);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, this);
    curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);  // the debug hook is only called in verbose mode
  }
  if (options.insecure) {
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  for (const auto& [name, value] : extra_headers) append_header(request_headers, name + ": " + value);
  if (request_headers) curl_easy_setopt(handle, CURLOPT_HTTPHEADER, request_headers.get());
}

long Transfer::status() const {
  long code = 0;
  if (easy) curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

double Transfer::elapsed() const {
  double seconds = 0;
  if (easy) curl_easy_getinfo(easy.get(), CURLINFO_TOTAL_TIME, &seconds);
  return seconds;
}

std::string Transfer::redirect_url() const {
  char* url = nullptr;
  if (easy) curl_easy_getinfo(easy.get(), CURLINFO_REDIRECT_URL, &url);
  return url ? url : "";
}

std::optional<Response::Wire> Transfer::take_wire() {
  if (!keep_wire) return std::nullopt;
  Response::Wire wire;
  wire.request_head = std::move(wire_request_head);
  wire.response_head = std::move(wire_response_head);
  wire.body = std::move(wire_body);
  char* ip = nullptr;
  if (easy && curl_easy_getinfo(easy.get(), CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) wire.ip_address = ip;
  return wire;
}

Error Transfer::failure(CURLcode code) const {
  if (headers_too_large) {
    return Error{ErrorKind::kTooLarge, "response headers larger than " + std::to_string(kMaxHeaderBytes) + " bytes"};
  }
  if (over_limit(code)) return Error{ErrorKind::kTooLarge, "body larger than " + std::to_string(max_body) + " bytes"};
  long os_errno = 0;
  if (easy) curl_easy_getinfo(easy.get(), CURLINFO_OS_ERRNO, &os_errno);
  return Error{ErrorKind::kNetwork, failure_reason(code, os_errno, error_buffer.data(), elapsed())};
}

}  // namespace winnow::fetch
