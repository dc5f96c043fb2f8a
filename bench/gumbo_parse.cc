// Baseline for bench/run: reads and parses each page with plain Gumbo, no extraction.
#include <gumbo.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

namespace {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

bool read_file(const char* path, std::string* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  contents->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gumbo_parse FILE...\n");
    return 2;
  }
  std::size_t pages = 0;
  std::size_t bytes = 0;
  std::string contents;
  for (int i = 1; i < argc; ++i) {
    if (!read_file(argv[i], &contents)) {
      std::fprintf(stderr, "gumbo_parse: error: cannot read %s\n", argv[i]);
      return 1;
    }
    GumboOutputPtr output(gumbo_parse_with_options(&kGumboDefaultOptions, contents.data(), contents.size()));
    if (!output) {
      std::fprintf(stderr, "gumbo_parse: error: parse failed for %s\n", argv[i]);
      return 1;
    }
    ++pages;
    bytes += contents.size();
  }
  std::printf("%zu pages, %zu bytes\n", pages, bytes);
  return 0;
}
