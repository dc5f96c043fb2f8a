// Unit tests of Archive::open on paths that are no archive file: devices, FIFOs, directories, /proc files, missing directories, foreign and truncated files.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/archive_pages.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace archive = winnow::archive;
namespace fs = std::filesystem;

std::string open_error(const std::string& path, archive::OpenOptions options = {}) {
  const auto opened = archive::Archive::open(path, options);
  if (opened) FAIL(path << " opened as an archive");
  return opened.error().message;
}

// Every name in `dir`, so a test can tell that nothing was created beside a path.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("a path that is not a regular file is refused before SQLite touches it", "[archive][open]") {
  winnow::test::TempDir dir;
  const fs::path fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path directory = dir.path() / "folder";
  fs::create_directory(directory);
  archive::OpenOptions read_only;
  read_only.read_only = true;
  for (const archive::OpenOptions& options : {archive::OpenOptions{}, read_only}) {
    std::string message = open_error(fifo.string(), options);
    CHECK(message.find("not a regular file (a named pipe (FIFO))") != std::string::npos);
    CHECK(message.find("give the path of an archive file, or a new path to create one") != std::string::npos);
    message = open_error(directory.string(), options);
    CHECK(message.find("not a regular file (a directory)") != std::string::npos);
  }
  // No -journal, -wal or -shm beside them, nothing inside the directory.
  std::vector<std::string> names = names_in(dir.path());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"folder", "pipe"});
  CHECK(fs::is_empty(directory));

  const std::string null_device = open_error("/dev/null");
  CHECK(null_device.find("/dev/null: not a regular file (a character device)") != std::string::npos);
  CHECK(null_device.find("empty") == std::string::npos);
}

TEST_CASE("kernel pseudo-files are refused as such, not as a full disk", "[archive][open]") {
  for (const char* path : {"/proc/self/mem", "/proc/self/status"}) {
    INFO(path);
    const std::string message = open_error(path);
    CHECK(message.find("kernel pseudo-file, on the proc file system") != std::string::npos);
    CHECK(message.find("no space") == std::string::npos);
  }
  CHECK(open_error("/proc/winnow-new.db").find("/proc is on the proc file system") != std::string::npos);
}

TEST_CASE("a new archive that cannot be created says why", "[archive][open]") {
  winnow::test::TempDir dir;
  std::string message = open_error((dir.path() / "missing" / "a.db").string());
  CHECK(message.find("cannot create archive") != std::string::npos);
  CHECK(message.find("directory " + (dir.path() / "missing").string() + " does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "missing"));

  winnow::test::write_file(dir.path() / "file", "x");
  message = open_error((dir.path() / "file" / "a.db").string());
  CHECK(message.find("is a file, not a directory") != std::string::npos);
  CHECK(winnow::test::read_file(dir.path() / "file") == "x");

  // A file that must exist, for readers and for updates.
  archive::OpenOptions existing;
  existing.create = false;
  CHECK(open_error((dir.path() / "none.db").string(), existing).find("it does not exist") != std::string::npos);
  archive::OpenOptions read_only;
  read_only.read_only = true;
  CHECK(open_error((dir.path() / "none.db").string(), read_only).find("it does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "none.db"));
}

TEST_CASE("files that are not archives say so and what to do, and stay untouched", "[archive][open]") {
  winnow::test::TempDir dir;
  std::string random_bytes;
  for (int i = 0; i < 10000; ++i) random_bytes += static_cast<char>((i * 7919 + 13) % 251);
  const std::string html = winnow::test::article_page("A page", "cats", 30, 1);
  for (const auto& [name, bytes] : {std::pair{"random.bin", random_bytes}, {"page.html", html}}) {
    INFO(name);
    const fs::path path = dir.path() / name;
    winnow::test::write_file(path, bytes);
    const std::string message = open_error(path.string());
    CHECK(message.find("is not a winnow archive (not an SQLite database)") != std::string::npos);
    CHECK(message.find("give the path of an archive file, or a new path to create one") != std::string::npos);
    CHECK(winnow::test::read_file(path) == bytes);
  }
  std::vector<std::string> names = names_in(dir.path());
  CHECK(names.size() == 2);

  // An empty file read as an archive is named as empty, with what makes it one.
  winnow::test::write_file(dir.path() / "empty.db", "");
  archive::OpenOptions read_only;
  read_only.read_only = true;
  CHECK(open_error((dir.path() / "empty.db").string(), read_only).find("an empty file") != std::string::npos);
}

TEST_CASE("a truncated archive is named as truncated, with its size and the size it should have", "[archive][open]") {
  winnow::test::TempDir dir;
  const fs::path whole = dir.path() / "whole.db";
  {
    auto opened = archive::Archive::open(whole.string());
    REQUIRE(opened.ok());
    for (int i = 0; i < 6; ++i) {
      archive::CaptureInput input;
      input.url = "https://example.com/" + std::to_string(i);
      input.raw = winnow::test::article_page("Page", "cats", 20 + i, i);
      REQUIRE(opened.value().add_capture(input).ok());
    }
  }
  const std::string bytes = winnow::test::read_file(whole);
  REQUIRE(bytes.size() > 8192);
  for (const std::size_t keep : {std::size_t{10}, std::size_t{100}, std::size_t{4096}, bytes.size() / 2}) {
    INFO(keep);
    const fs::path cut = dir.path() / ("cut" + std::to_string(keep) + ".db");
    winnow::test::write_file(cut, bytes.substr(0, keep));
    archive::OpenOptions read_only;
    read_only.read_only = true;
    const std::string message = open_error(cut.string(), read_only);
    CHECK(message.find("is truncated: the file has " + std::to_string(keep) + " bytes") != std::string::npos);
    CHECK(message.find("restore it from a whole copy") != std::string::npos);
  }
}
