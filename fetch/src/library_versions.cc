// The version of libcurl this process runs with, for `winnow --version`.
#include <curl/curl.h>

#include "winnow/fetch.h"

namespace winnow::fetch {

std::string libcurl_version() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return info && info->version ? info->version : "unknown";
}

}  // namespace winnow::fetch
