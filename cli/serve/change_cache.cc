// A mutex-guarded map from URL to its latest change, keyed by the URL's summary so new captures invalidate it.
#include "serve/change_cache.h"

namespace winnow::cli::serve {

std::optional<std::string> ChangeCache::find(const archive::UrlSummary& url) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(url.url);
  if (it == entries_.end() || it->second.versions != url.versions || it->second.captures != url.captures ||
      it->second.last_capture != url.last_capture) {
    return std::nullopt;
  }
  return it->second.value;
}

void ChangeCache::store(const archive::UrlSummary& url, std::string value) {
  std::lock_guard lock(mutex_);
  entries_[url.url] = Entry{url.versions, url.captures, url.last_capture, std::move(value)};
}

}  // namespace winnow::cli::serve
