// One libcurl easy handle set up for a fetch, with the body and headers it collects.
#pragma once

#include <curl/curl.h>

#include <array>
#include <string>
#include <string_view>

#include "winnow/fetch.h"

namespace winnow::fetch {

struct Job;

// A request in flight. Owns its easy handle; the body stops growing (and
// the transfer fails with CURLE_WRITE_ERROR, too_large set) past
// options.max_body_bytes of decoded data.
struct Transfer {
  Transfer(const std::string& url, const Options& options, const Headers& extra_headers, bool robots);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  long status() const;
  double elapsed() const;           // seconds libcurl spent on it
  std::string redirect_url() const; // absolute Location of a redirect, "" if none
  std::string header(std::string_view name) const { return header_in(headers, name); }
  static std::string header_in(const Headers& headers, std::string_view name);

  CURL* easy = nullptr;
  curl_slist* request_headers = nullptr;
  std::string body;
  Headers headers;  // of the last response (earlier ones, e.g. 100 Continue, are dropped)
  std::size_t max_body = 0;
  bool too_large = false;
  bool is_robots = false;
  Job* job = nullptr;   // owned by the Batch while in flight (not for robots.txt)
  std::string origin;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
};

}  // namespace winnow::fetch
