// Owners for libcurl's C handles: a unique_ptr per handle type whose deleter is libcurl's matching cleanup call.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace winnow::fetch {

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// An easy handle (one transfer). Detach it from its multi handle before it is freed.
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
// A multi handle. Free it only after every easy handle has been detached from it.
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
// A list of request header lines; the easy handle it is set on reads it until that handle is freed.
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;
// A parsed URL (curl_url()).
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

// Appends `line` to `list`; when libcurl cannot (out of memory) the line is
// left out and `list` keeps what it had.
inline void append_header(HeaderList& list, const std::string& line) {
  curl_slist* longer = curl_slist_append(list.get(), line.c_str());
  if (!longer) return;
  // `longer` heads the same list grown (or a new one when `list` was empty): released, not freed, before it is owned.
  static_cast<void>(list.release());
  list.reset(longer);
}

}  // namespace winnow::fetch
