// One libcurl easy handle set up for a fetch, with the body and headers it collects.
#pragma once

#include <curl/curl.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "curl_handles.h"
#include "job.h"
#include "winnow/fetch.h"
#include "winnow/http_headers.h"
#include "winnow/result.h"

namespace winnow::fetch {

// Response headers kept at most, in bytes (names and values, per response):
// more fails the transfer, so a server cannot make us buffer without end.
inline constexpr std::size_t kMaxHeaderBytes = 256 * 1024;

// Why a transfer failed, in words a person can act on ("connection refused",
// "DNS lookup failed: …", "TLS error: …", "the server's answer is not HTTP",
// "timed out after 2.0 s"), from libcurl's code, the OS errno it saw
// (CURLINFO_OS_ERRNO), its error buffer and the seconds spent.
std::string failure_reason(CURLcode code, long os_errno, std::string_view curl_message, double elapsed);

// A request in flight. Owns its easy handle, its request headers and (for a
// page, not robots.txt) its Job; the body stops growing (and
// the transfer fails with CURLE_WRITE_ERROR, too_large set) past
// options.max_body_bytes of decoded data. For robots.txt the first
// max_body_bytes are kept (RFC 9309 parses at least 500 KiB) before it stops.
struct Transfer {
  // Sets up `recycled` (a finished transfer's handle, reset with curl_easy_reset) or, when it is null, a new one;
  // `easy` is null when libcurl cannot make a handle.
  Transfer(const std::string& url, const Options& options, const Headers& extra_headers, bool robots,
           EasyHandle recycled = nullptr);
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  long status() const;
  double elapsed() const;           // seconds libcurl spent on it
  std::string redirect_url() const; // absolute Location of a redirect, "" if none
  std::string header(std::string_view name) const { return header_value(headers, name); }
  // Why it failed with `code` (not CURLE_OK): a size limit (kTooLarge), else failure_reason() (kNetwork).
  Error failure(CURLcode code) const;
  // Whether it stopped at a size limit (body, headers, or a Content-Length over max_body).
  bool over_limit(CURLcode code) const { return too_large || headers_too_large || code == CURLE_FILESIZE_EXCEEDED; }

  HeaderList request_headers;
  std::string body;
  Headers headers;  // of the last response (earlier ones, e.g. 100 Continue, are dropped)
  std::size_t max_body = 0;
  bool too_large = false;          // the body passed max_body (robots.txt: body holds its first max_body bytes)
  std::size_t header_bytes = 0;    // of the current response
  bool headers_too_large = false;  // they passed kMaxHeaderBytes
  bool is_robots = false;
  bool keep_wire = false;          // collect wire_* below (Options::keep_wire)
  std::string wire_request_head;   // the last request as sent
  std::string wire_response_head;  // the last response's status line and headers as received
  std::string wire_body;           // its body bytes before any decoding
  // The exchange as it crossed the wire, moved out of this transfer; nullopt unless keep_wire.
  std::optional<Response::Wire> take_wire();
  std::unique_ptr<Job> job;  // the page's request (null for robots.txt)
  std::uint32_t host = 0;  // its host's id in the batch (Hosts)
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  // Last, so it is freed first, while the headers, the error buffer and this
  // Transfer (its callbacks' data) that it points to are still there.
  EasyHandle easy;
};

}  // namespace winnow::fetch
