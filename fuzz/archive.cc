// Fuzz target: Archive::open on a damaged archive file, then every read and verify.
//
// Input: the archive file's bytes (seeds are real archives; libFuzzer damages them). They are written
// to a file in this process's temporary directory, opened, read (list, log, show, raw, diff, captures,
// search, stats) and verified. Every expected failure must come back as an Error, never a crash.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "checks.h"
#include "winnow/archive.h"

using namespace winnow;

namespace {

const std::string& work_dir() {
  static const std::string dir = [] {
    char name[] = "/tmp/winnow-fuzz-archive-XXXXXX";
    if (!mkdtemp(name)) fuzz::fail("cannot make a temporary directory");
    return std::string(name);
  }();
  return dir;
}

void write_file(const std::string& path, const uint8_t* data, size_t size) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) fuzz::fail("cannot write the archive file");
  if (size > 0 && std::fwrite(data, 1, size, file) != size) fuzz::fail("cannot write the archive file");
  std::fclose(file);
}

template <class T>
void expect_error_or_value(const Result<T>& result, const char* what) {
  if (result) return;
  fuzz::require(result.error().kind != ErrorKind::kInternal, what, result.error().message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = work_dir() + "/fuzz.db";
  write_file(path, data, size);
  {
    Result<archive::Archive> opened = archive::Archive::open(path);
    if (!opened) {
      expect_error_or_value(opened, "open failed with kInternal");
      return 0;
    }
    archive::Archive& store = opened.value();
    auto urls = store.list();
    expect_error_or_value(urls, "list failed with kInternal");
    if (urls) {
      int count = 0;
      for (const archive::UrlSummary& summary : urls.value()) {
        if (++count > 4) break;
        expect_error_or_value(store.log(summary.url), "log failed with kInternal");
        expect_error_or_value(store.show(summary.url), "show failed with kInternal");
        expect_error_or_value(store.show(summary.url, {1, std::nullopt}), "show --version 1 failed with kInternal");
        expect_error_or_value(store.raw(summary.url), "raw failed with kInternal");
        expect_error_or_value(store.diff(summary.url, std::nullopt, std::nullopt), "diff failed with kInternal");
        expect_error_or_value(store.validators(summary.url), "validators failed with kInternal");
      }
    }
    expect_error_or_value(store.captures(), "captures failed with kInternal");
    expect_error_or_value(store.search("the article"), "search failed with kInternal");
    expect_error_or_value(store.stats(), "stats failed with kInternal");
    auto report = store.verify();
    expect_error_or_value(report, "verify failed with kInternal");
  }
  return 0;
}
