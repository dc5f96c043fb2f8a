// Fuzz target: the CLI's `archive add --from LIST` parser (parse_page_list).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "archive/page_list.h"
#include "checks.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const cli::PageList list = cli::parse_page_list(text);
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n';
  fuzz::require(list.bad_line <= lines + 1, "bad_line past the last line");
  fuzz::require(list.pages.size() <= lines + 1, "more pages than lines");
  // Lines that start with '#' are comments: a list of only those (and blank lines) holds no page.
  bool only_comments = true;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line[0] != '#' && line.find_first_not_of(" \t\r") != std::string_view::npos) only_comments = false;
    start = end + 1;
  }
  if (only_comments) fuzz::require(list.pages.empty() && list.bad_line == 0, "a comment line became a page");
  for (const cli::ListedPage& page : list.pages) {
    fuzz::require(!page.url.empty() && !page.path.empty(), "a page without its URL or PATH");
    fuzz::require(page.url.find_first_of(" \t\n\r\v\f") == std::string::npos, "a URL holds a blank", page.url);
    fuzz::require(page.path.find('\n') == std::string::npos, "a PATH holds a line end", page.path);
    fuzz::require(page.path.back() != ' ' && page.path.back() != '\r', "a PATH ends in a blank", page.path);
    // The URL and PATH are bytes of the list, in order, on one line.
    const std::size_t at = text.find(page.url);
    fuzz::require(at != std::string_view::npos && text.find(page.path, at + page.url.size()) != std::string_view::npos,
                  "a page that is not in the list");
  }
  return 0;
}
