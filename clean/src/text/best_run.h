// The run of consecutive blocks whose values sum highest (Kadane's algorithm): the "core" of a text.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace winnow::clean {

// [begin, end) of the run of consecutive values with the largest positive
// sum, the earliest such run on a tie; {0, 0} when no value is positive.
inline std::pair<std::size_t, std::size_t> best_run(const std::vector<double>& values) {
  double best = 0, run = 0;
  std::size_t start = 0, begin = 0, end = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (run <= 0) {
      run = 0;
      start = i;
    }
    run += values[i];
    if (run > best) {
      best = run;
      begin = start;
      end = i + 1;
    }
  }
  return {begin, end};
}

}  // namespace winnow::clean
