// A program outside winnow's tree that uses each library the way a user would; built by tests/consumer/run three ways.
#include <cstdio>
#include <string>

#include "winnow/archive.h"
#include "winnow/clean.h"
#include "winnow/fetch.h"
#include "winnow/warc.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer ARCHIVE_PATH\n");
    return 2;
  }
  const std::string page =
      "<html><head><title>Consumer test</title></head><body><article><h1>Consumer test</h1>"
      "<p>This page is cleaned by a program that was built against an installed winnow, "
      "which is what a user of the library does with find_package, pkg-config or add_subdirectory.</p>"
      "</article></body></html>";
  winnow::Result<winnow::clean::Article> article = winnow::clean::clean_html(page);
  if (!article) return 1;
  winnow::Result<winnow::archive::Archive> archive = winnow::archive::Archive::open(argv[1], {});
  if (!archive) return 1;
  winnow::archive::CaptureInput input;
  input.url = "https://example.com/consumer";
  input.raw = page;
  if (!archive.value().add_capture(input)) return 1;
  winnow::Result<winnow::warc::Reader> warc =
      winnow::warc::Reader::from_bytes("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n", "consumer");
  if (!warc) return 1;
  winnow::Result<std::optional<winnow::warc::Record>> record = warc.value().next();
  if (!record || !record.value() || record.value()->block != "ok") return 1;
  std::printf("%s\n%s\nlibcurl %s\n%s\n", article.value().metadata.title.c_str(), winnow::archive::sqlite_version().c_str(),
              winnow::fetch::libcurl_version().c_str(), winnow::warc::sha1_base32(page).c_str());
  return 0;
}
