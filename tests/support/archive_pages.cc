// Page generator for the archive tests, and the helper that opens a test archive.
#include "support/archive_pages.h"

#include <catch2/catch.hpp>

namespace winnow::test {

std::string article_page(const std::string& title, const std::string& topic, int paragraphs, int ad_id,
                         const std::string& edit) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title +
                     "</title><script>var adId = " + std::to_string(ad_id) +
                     ";</script></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
                     "<div class=\"ad\" id=\"ad-" + std::to_string(ad_id) + "\">Advertisement</div><article><h1>" +
                     title + "</h1>";
  for (int i = 0; i < paragraphs; ++i) {
    page += "<p>Paragraph " + std::to_string(i) + " about " + topic +
            " explains that the council met on Tuesday, that the budget for the harbour was approved after a long "
            "debate, and that the new tide gauges will be read every minute from next spring.</p>";
    if (i == 1 && !edit.empty()) page += "<p>" + edit + "</p>";
  }
  return page + "</article><footer>Copyright " + std::to_string(2000 + ad_id % 25) + " The Harbour Times</footer></body></html>";
}

winnow::archive::Archive open_archive(const std::string& path, const winnow::archive::OpenOptions& options) {
  auto opened = winnow::archive::Archive::open(path, options);
  if (!opened) FAIL(opened.error().message);
  return std::move(opened.value());
}

}  // namespace winnow::test
