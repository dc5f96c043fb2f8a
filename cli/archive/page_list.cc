// parse_page_list(): the lines of an `archive add --from` list.
#include "archive/page_list.h"

#include <sstream>

namespace winnow::cli {

PageList parse_page_list(std::string_view text) {
  PageList list;
  std::istringstream lines{std::string(text)};
  std::string line;
  std::size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    std::istringstream fields(line);
    ListedPage page;
    fields >> page.url >> std::ws;
    std::getline(fields, page.path);
    while (!page.path.empty() && (page.path.back() == '\r' || page.path.back() == ' ')) page.path.pop_back();
    if (page.url.empty() || page.path.empty()) {
      list.bad_line = number;
      return list;
    }
    list.pages.push_back(std::move(page));
  }
  return list;
}

}  // namespace winnow::cli
