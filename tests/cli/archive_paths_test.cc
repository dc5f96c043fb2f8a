// End-to-end tests of the paths and values given to `winnow archive`: --archive that is no archive file, empty option values, saved file names as file:// URLs.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/archive_pages.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::CommandResult;
using winnow::test::article_page;
using winnow::test::write_file;

CommandResult winnow_archive(const std::vector<std::string>& args) {
  std::vector<std::string> argv{WINNOW_BIN, "archive"};
  argv.insert(argv.end(), args.begin(), args.end());
  return winnow::test::run_command(argv);
}

// Every archive subcommand that opens the file, with the arguments it needs besides --archive.
const std::vector<std::vector<std::string>>& commands_that_open(const std::string& page) {
  static const std::vector<std::vector<std::string>> commands = {
      {"add", page}, {"list"}, {"log", "https://example.com/a"}, {"show", "https://example.com/a"},
      {"diff", "https://example.com/a"}, {"search", "cats"}, {"stats"}, {"verify"}, {"update"}};
  return commands;
}

}  // namespace

TEST_CASE("an --archive that is not a regular file is refused by every command, and left untouched", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const std::string page = (dir.path() / "p.html").string();
  write_file(page, article_page("T", "cats", 3, 1));
  const fs::path fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path folder = dir.path() / "folder";
  fs::create_directory(folder);
  const std::vector<std::pair<std::string, std::string>> paths = {
      {"/dev/null", "not a regular file (a character device)"},
      {fifo.string(), "not a regular file (a named pipe (FIFO))"},
      {folder.string(), "not a regular file (a directory)"},
      {"/proc/self/mem", "not a regular file (a kernel pseudo-file, on the proc file system)"},
  };
  for (const auto& [path, cause] : paths) {
    for (std::vector<std::string> args : commands_that_open(page)) {
      args.insert(args.begin() + 1, {"--archive", path});
      const CommandResult result = winnow_archive(args);
      INFO(args[0] << " --archive " << path << ": " << result.err);
      CHECK(result.exit_code == 1);
      CHECK(result.err.find(cause) != std::string::npos);
      CHECK(result.err.find("give the path of an archive file, or a new path to create one") != std::string::npos);
      CHECK(result.err.find("no space") == std::string::npos);
      CHECK(result.err.find("empty") == std::string::npos);
    }
  }
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) names.insert(entry.path().filename().string());
  CHECK(names == std::set<std::string>{"p.html", "pipe", "folder"});  // no -journal, -wal or -shm
  CHECK(fs::is_empty(folder));
}

TEST_CASE("a new archive in a missing directory says the directory does not exist", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const std::string page = (dir.path() / "p.html").string();
  write_file(page, article_page("T", "cats", 3, 1));
  const fs::path missing = dir.path() / "no" / "such";
  const CommandResult result = winnow_archive({"add", "--archive", (missing / "a.db").string(), page});
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("cannot create archive") != std::string::npos);
  CHECK(result.err.find("directory " + missing.string() + " does not exist") != std::string::npos);
  CHECK(result.err.find("No such file") == std::string::npos);
}

TEST_CASE("archive update needs an archive that exists, and creates none", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const fs::path db = dir.path() / "typo.db";
  const CommandResult result = winnow_archive({"update", "--archive", db.string()});
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("it does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("empty option values are refused, never taken as the default", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const std::string page = (dir.path() / "p.html").string();
  write_file(page, article_page("T", "cats", 3, 1));
  const std::string db = (dir.path() / "a.db").string();
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/a", page}).exit_code == 0);
  const std::vector<std::vector<std::string>> cases = {
      {"add", "--archive", db, "--url", "", page},
      {"add", "--archive", db, "--time", "", page},
      {"add", "--archive", db, "--charset", "", page},
      {"add", "--archive", db, "--from", ""},
      {"add", "--archive", db, "-i", ""},
      {"add", "--archive", db, "--user-agent", "", "https://example.com/"},
      {"add", "--archive", "", page},
      {"update", "--archive", db, "-i", ""},
      {"update", "--archive", ""},
      {"list", "--archive", ""},
      {"log", "--archive", "", "https://example.com/a"},
      {"show", "--archive", db, "--at", "", "https://example.com/a"},
      {"show", "--archive", "", "https://example.com/a"},
      {"diff", "--archive", "", "https://example.com/a"},
      {"search", "--archive", "", "cats"},
      {"stats", "--archive", " "},
      {"verify", "--archive", ""},
  };
  for (const auto& args : cases) {
    const CommandResult result = winnow_archive(args);
    std::string shown;
    for (const std::string& arg : args) shown += "'" + arg + "' ";
    INFO(shown << ": " << result.err);
    CHECK(result.exit_code == 2);
    // The option is named, and so is the fault (an empty time is a bad time, said by its own check).
    CHECK(result.err.find("winnow: error: --") == 0);
    CHECK((result.err.find("an empty value was given") != std::string::npos ||
           result.err.find("bad time ''") != std::string::npos));
    CHECK(result.out.empty());
  }
  // Nothing was added by any of them.
  const CommandResult list = winnow_archive({"list", "--archive", db, "--json"});
  REQUIRE(list.exit_code == 0);
  CHECK(nlohmann::json::parse(list.out).size() == 1);
  // clean refuses an empty --url the same way.
  const CommandResult clean = winnow::test::run_command({WINNOW_BIN, "clean", "--url", "", page});
  CHECK(clean.exit_code == 2);
  CHECK(clean.err.find("--url") != std::string::npos);
}

TEST_CASE("saved file names become their own file:// URLs, percent-encoded", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const fs::path pages = dir.path() / "saved";
  const std::vector<std::pair<std::string, std::string>> files = {
      {"My Article \xE2\x80\x93 Site (2024).html", "My%20Article%20%E2%80%93%20Site%20(2024).html"},
      {"page#1.html", "page%231.html"},
      {"page#2.html", "page%232.html"},
      {"50%.html", "50%25.html"},
      {"what?.html", "what%3F.html"},
      {"caf\xE9.html", "caf%E9.html"},  // Latin-1, not UTF-8
  };
  int n = 0;
  for (const auto& [name, encoded] : files) {
    ++n;
    write_file(pages / name, article_page("Page " + std::to_string(n), "cats", 3 + n, n));
  }
  const std::string db = (dir.path() / "a.db").string();
  const CommandResult added = winnow_archive({"add", "--archive", db, pages.string()});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  const CommandResult list = winnow_archive({"list", "--archive", db, "--json"});
  REQUIRE(list.exit_code == 0);
  std::set<std::string> urls;
  for (const auto& entry : nlohmann::json::parse(list.out)) urls.insert(entry["url"].get<std::string>());
  std::set<std::string> expected;
  const std::string base = "file://" + fs::absolute(pages).lexically_normal().string() + "/";
  for (const auto& [name, encoded] : files) expected.insert(base + encoded);
  CHECK(urls == expected);  // page#1 and page#2 are two URLs, not versions of .../page

  // A single file by name, and the URL it printed reads back.
  const fs::path one = pages / files[0].first;
  const CommandResult again = winnow_archive({"add", "--archive", db, "--json", one.string()});
  REQUIRE(again.exit_code == 0);
  const auto line = nlohmann::json::parse(again.out);
  CHECK(line["url"] == base + files[0].second);
  CHECK(line["new_version"] == false);
  CHECK(winnow_archive({"show", "--archive", db, base + files[0].second}).exit_code == 0);
}

TEST_CASE("list files that are directories or missing name the cause", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const std::string db = (dir.path() / "a.db").string();
  const fs::path folder = dir.path() / "folder";
  fs::create_directory(folder);
  for (const std::string option : {"--from", "-i"}) {
    INFO(option);
    CommandResult result = winnow_archive({"add", "--archive", db, option, folder.string()});
    CHECK(result.exit_code != 0);
    CHECK(result.err.find(folder.string()) != std::string::npos);
    CHECK(result.err.find("is a directory") != std::string::npos);
    result = winnow_archive({"add", "--archive", db, option, (dir.path() / "none.txt").string()});
    CHECK(result.exit_code != 0);
    CHECK(result.err.find("No such file or directory") != std::string::npos);
  }
  const CommandResult update = winnow_archive({"update", "--archive", db, "-i", folder.string()});
  CHECK(update.exit_code == 2);
  CHECK(update.err.find("is a directory") != std::string::npos);
  CHECK_FALSE(fs::exists(db));  // a list that cannot be read makes no archive

}

TEST_CASE("archive output to a full device names the cause", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const std::string page = (dir.path() / "p.html").string();
  write_file(page, article_page("T", "cats", 3, 1));
  const std::string db = (dir.path() / "a.db").string();
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/a", page}).exit_code == 0);
  const CommandResult full = winnow::test::run_command(
      {"/bin/sh", "-c", "exec \"$0\" archive list --archive \"$1\" > /dev/full", WINNOW_BIN, db});
  INFO(full.err);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("winnow: error: cannot write to standard output: No space left on device") != std::string::npos);
}

TEST_CASE("archive add whose report cannot be written fails, and still stores every page", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  std::vector<std::string> pages;
  for (int i = 0; i < 3; ++i) {
    pages.push_back((dir.path() / ("p" + std::to_string(i) + ".html")).string());
    write_file(pages.back(), article_page("T" + std::to_string(i), "cats", 3 + i, i));
  }
  const std::string db = (dir.path() / "a.db").string();
  const CommandResult full = winnow::test::run_command(
      {"/bin/sh", "-c", "exec \"$0\" archive add --archive \"$1\" \"$2\" \"$3\" \"$4\" > /dev/full", WINNOW_BIN, db,
       pages[0], pages[1], pages[2]});
  INFO(full.err);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("winnow: error: cannot write to standard output: No space left on device") != std::string::npos);
  const CommandResult list = winnow_archive({"list", "--archive", db, "--json"});
  REQUIRE(list.exit_code == 0);
  CHECK(nlohmann::json::parse(list.out).size() == 3);
}

TEST_CASE("archive add takes both spellings of an international URL, and dot segments, as one URL", "[e2e][archive][paths]") {
  winnow::test::TempDir dir;
  const std::string db = (dir.path() / "a.db").string();
  const std::vector<std::string> urls = {"https://bücher.example/neu/", "https://XN--BCHER-KVA.example/alt/../neu/",
                                         "https://xn--bcher-kva.example/neu/./"};
  for (std::size_t i = 0; i < urls.size(); ++i) {
    const std::string page = (dir.path() / ("p" + std::to_string(i) + ".html")).string();
    write_file(page, article_page("Neu", "books", 10 + static_cast<int>(i), static_cast<int>(i)));
    const CommandResult added = winnow_archive({"add", "--archive", db, "--url", urls[i], page});
    INFO(urls[i] << ": " << added.err);
    REQUIRE(added.exit_code == 0);
  }
  const CommandResult list = winnow_archive({"list", "--archive", db, "--json"});
  REQUIRE(list.exit_code == 0);
  const auto listed = nlohmann::json::parse(list.out);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["url"] == "https://xn--bcher-kva.example/neu/");
  CHECK(listed[0]["versions"] == 3);
  const CommandResult bad = winnow_archive({"add", "--archive", db, "--url", "https://b\xff.example/", "-"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("not a valid international domain name") != std::string::npos);
}
