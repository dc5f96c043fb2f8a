// In-process baseline for bench/python: times winnow::clean::clean_html over pages already in memory, round by round.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "winnow/clean.h"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

// Usage: clean_pages ROUNDS FILE...; prints "wall_seconds cpu_seconds words" per round.
int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: clean_pages ROUNDS FILE...\n");
    return 2;
  }
  const int rounds = std::atoi(argv[1]);
  std::vector<std::string> pages;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "clean_pages: cannot read %s\n", argv[i]);
      return 1;
    }
    pages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (int round = 0; round < rounds; ++round) {
    std::size_t words = 0;
    const double cpu_start = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& page : pages) {
      const auto article = winnow::clean::clean_html(page);
      if (article) words += article.value().word_count();
    }
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    std::printf("%.6f %.6f %zu\n", wall.count(), cpu_seconds() - cpu_start, words);
    std::fflush(stdout);
  }
  return 0;
}
