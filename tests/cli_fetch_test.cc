// End-to-end: `winnow fetch` and `winnow archive add URL` / `archive update` against a real server on 127.0.0.1.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "fetch_servers.h"
#include "run_command.h"
#include "temp_dir.h"

namespace {

using winnow::test::run_command;
using winnow::test::TestHttpServer;

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

const std::vector<std::string> kQuick = {"--delay", "0", "--timeout", "2", "--retries", "1"};

std::vector<std::string> command(std::vector<std::string> head, const std::vector<std::string>& tail = {}) {
  head.insert(head.begin(), WINNOW_BIN);
  head.insert(head.end(), kQuick.begin(), kQuick.end());
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

TEST_CASE("winnow fetch: one URL to stdout, its JSON line to stderr", "[cli][fetch]") {
  TestHttpServer server;
  const auto result = run_command(command({"fetch", server.url("/ok/page")}));
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("<p>/ok/page</p>") != std::string::npos);
  const auto lines = json_lines(result.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["status"] == 200);
  CHECK(lines[0]["error"].is_null());
  CHECK(lines[0]["bytes"].get<std::size_t>() == result.out.size());
}

TEST_CASE("winnow fetch -i LIST -o DIR --log FILE: bodies saved, one JSON line per URL, failures reported", "[cli][fetch]") {
  TestHttpServer server;
  winnow::test::TempDir dir;
  const std::string list = "# pages\n" + server.url("/ok/a") + "\n\n  " + server.url("/hop") + "  \n" + server.url("/to-file") + "\n";
  const auto out = dir.path() / "out";
  const auto log = dir.path() / "log.jsonl";
  const auto result = run_command(command({"fetch", "-i", "-", "-o", out.string(), "--log", log.string()}), list);
  CHECK(result.exit_code == 1);  // one URL failed
  CHECK(result.err.find("file://") != std::string::npos);
  const auto lines = json_lines(winnow::test::read_file(log));
  REQUIRE(lines.size() == 3);
  int saved = 0;
  for (const auto& line : lines) {
    if (line["error"].is_null()) {
      ++saved;
      CHECK(winnow::test::read_file(line["file"].get<std::string>()).find("<html>") != std::string::npos);
      CHECK_FALSE(winnow::test::read_file(line["file"].get<std::string>()).empty());
    }
    if (line["url"] == server.url("/hop")) {
      CHECK(line["final_url"] == server.url("/ok/after-hop"));
      CHECK(line["redirects"].size() == 1);
    }
  }
  CHECK(saved == 2);
}

TEST_CASE("winnow fetch: bad invocations are usage errors", "[cli][fetch][bad-input]") {
  winnow::test::TempDir dir;
  CHECK(run_command({WINNOW_BIN, "fetch"}).exit_code == 2);
  const auto missing = run_command({WINNOW_BIN, "fetch", "-i", (dir.path() / "none.txt").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot read URL list") != std::string::npos);
  const auto several = run_command({WINNOW_BIN, "fetch", "http://127.0.0.1:1/a", "http://127.0.0.1:1/b"});
  CHECK(several.exit_code == 2);
  CHECK(several.err.find("-o DIR") != std::string::npos);
  CHECK(run_command({WINNOW_BIN, "fetch", "--delay", "-1", "http://127.0.0.1:1/a"}).exit_code == 2);
}

TEST_CASE("archive add URL stores the page; archive update records a 304 as an unchanged capture", "[cli][fetch][archive]") {
  TestHttpServer server;
  winnow::test::TempDir dir;
  const std::string db = (dir.path() / "a.db").string();
  const std::string url = server.url("/etag");
  const auto added = run_command(command({"archive", "add", "--archive", db, "--json", url}));
  REQUIRE(added.exit_code == 0);
  const auto add_lines = json_lines(added.out);
  REQUIRE(add_lines.size() == 1);
  CHECK(add_lines[0]["version"] == 1);
  CHECK(server.requests("/etag") == 1);

  const auto updated = run_command(command({"archive", "update", "--archive", db, "--json"}));
  REQUIRE(updated.exit_code == 0);
  const auto update_lines = json_lines(updated.out);
  REQUIRE(update_lines.size() == 1);
  CHECK(update_lines[0]["status"] == 304);
  CHECK(update_lines[0]["new_version"] == false);
  CHECK(server.requests("/etag") == 2);

  const auto raw = run_command({WINNOW_BIN, "archive", "show", "--archive", db, url, "--raw"});
  REQUIRE(raw.exit_code == 0);
  CHECK(raw.out.find("etag page with a few words") != std::string::npos);
  const auto log = run_command({WINNOW_BIN, "archive", "log", "--archive", db, url, "--json"});
  REQUIRE(log.exit_code == 0);
  CHECK(log.out.find("304") != std::string::npos);
  const auto verify = run_command({WINNOW_BIN, "archive", "verify", "--archive", db});
  CHECK(verify.exit_code == 0);

  const auto failed = run_command(command({"archive", "add", "--archive", db, server.url("/unavailable")}));
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("503") != std::string::npos);
  const auto mixed = run_command(command({"archive", "add", "--archive", db, url, "page.html"}));
  CHECK(mixed.exit_code == 2);
}
