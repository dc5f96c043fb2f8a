// The list `archive add --from LIST` reads: one "URL PATH" line per page.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::cli {

// One line of a --from list: the page at `path` is a capture of `url`.
struct ListedPage {
  std::string url;
  std::string path;
};

// A --from list as parsed: its pages in order; when a line lacks its URL or
// PATH, `bad_line` is that line's 1-based number and `pages` the lines before it.
struct PageList {
  std::vector<ListedPage> pages;
  std::size_t bad_line = 0;
};

// Parses the text of a --from list: one "URL PATH" line each (PATH is the rest
// of the line after the URL and the blanks behind it, so it may hold spaces;
// trailing CRs and spaces are dropped); blank lines and lines starting with
// '#' are skipped. Never fails: a malformed line sets PageList::bad_line.
PageList parse_page_list(std::string_view text);

}  // namespace winnow::cli
