// The home page's "latest change" of each URL, remembered between requests until the URL gets another capture.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "winnow/archive.h"

namespace winnow::cli::serve {

// Maps a URL to what its latest change was, valid while the URL's summary
// (version count, capture count, last capture) is unchanged: any capture
// added, at any time in the timeline, changes the capture count, so an
// entry is never served stale. Thread-safe; holds at most one entry per URL.
class ChangeCache {
 public:
  // The remembered value for `url` when it was stored for this same summary.
  std::optional<std::string> find(const archive::UrlSummary& url) const;
  // Remembers `value` for `url` as it is now.
  void store(const archive::UrlSummary& url, std::string value);

 private:
  struct Entry {
    int versions = 0;
    int captures = 0;
    std::string last_capture;
    std::string value;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace winnow::cli::serve
