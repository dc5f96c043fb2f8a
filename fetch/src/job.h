// Job: one request on its way through a batch (its current URL after redirects, its hops and attempts).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "winnow/fetch.h"

namespace winnow::fetch {

// One request on its way: where it is now, and what happened so far. Owned by
// exactly one place at a time (its host's queue, its Transfer while in flight,
// or the batch's list of delayed retries) through a std::unique_ptr.
struct Job {
  std::size_t index = 0;
  const Request* request = nullptr;  // not owned: the caller's, alive for the whole batch
  std::string url;   // current URL (after redirects)
  std::string path;  // its path and query, for robots.txt
  std::vector<Hop> hops;
  int attempts = 0;  // at the current URL
  int total_attempts = 0;
  double started = -1;
  double not_before = 0;
};

}  // namespace winnow::fetch
