// End-to-end: `winnow fetch` and `winnow archive add URL` / `archive update` against a real server on 127.0.0.1.
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/fetch_servers.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

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

// A child process that runs on while the test watches it (run_command waits for the end).
class Child {
 public:
  // Starts argv with stdin from /dev/null and stdout, stderr into the files given.
  Child(const std::vector<std::string>& argv, const std::string& out, const std::string& err) {
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int in = open("/dev/null", O_RDONLY);
      const int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0) _exit(127);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  void signal(int number) const { kill(pid_, number); }
  // The exit code (128 + signal when killed), or -1 if still running after `seconds` (then it is killed).
  int wait(double seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > end) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
};

// Waits until `predicate` holds, for at most `seconds`; returns whether it did.
template <typename Predicate>
bool wait_until(Predicate predicate, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// Runs argv with a terminal (a pty) as stdin, stdout and stderr; returns what it printed there.
std::string run_on_terminal(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execv(args[0], args.data());
    _exit(127);
  }
  std::string output;
  char buffer[4096];
  for (ssize_t got; (got = read(master, buffer, sizeof buffer)) > 0;) output.append(buffer, static_cast<std::size_t>(got));
  close(master);
  waitpid(pid, nullptr, 0);
  return output;
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
  const auto log_dir = run_command({WINNOW_BIN, "fetch", "--log", dir.path().string(), "http://127.0.0.1:1/a"});
  CHECK(log_dir.exit_code == 2);
  CHECK(log_dir.err.find("cannot write log file " + dir.path().string() + " (Is a directory)") != std::string::npos);
}

TEST_CASE("archive add URL stores the page, archive update records a 304 as an unchanged capture", "[cli][fetch][archive]") {
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

TEST_CASE("winnow fetch: a robots.txt that cannot be fetched says why, and the option to override", "[cli][fetch][robots]") {
  const std::string url = "http://127.0.0.1:" + std::to_string(winnow::test::closed_port()) + "/page";
  const auto result = run_command(command({"fetch", url}));
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("robots.txt could not be fetched (connection refused, 2 attempts): the host is treated as "
                        "disallowed (RFC 9309); --ignore-robots overrides") != std::string::npos);
  CHECK(result.err.find("disallows this URL") == std::string::npos);
}

TEST_CASE("winnow fetch --max-redirects: default 20, the cap is named when passed", "[cli][fetch]") {
  TestHttpServer server;
  CHECK(run_command(command({"fetch", server.url("/chain/20")})).exit_code == 0);
  const auto over = run_command(command({"fetch", server.url("/chain/21")}));
  CHECK(over.exit_code == 1);
  CHECK(over.err.find("more than 20 redirects (--max-redirects)") != std::string::npos);
  const auto two = run_command(command({"fetch", "--max-redirects", "2", server.url("/chain/3")}));
  CHECK(two.exit_code == 1);
  CHECK(two.err.find("more than 2 redirects (--max-redirects)") != std::string::npos);
  CHECK(run_command(command({"fetch", "--max-redirects", "2", server.url("/chain/2")})).exit_code == 0);
  CHECK(run_command(command({"fetch", "--max-redirects", "-1", server.url("/chain/2")})).exit_code == 2);
  const auto help = run_command({WINNOW_BIN, "fetch", "--help"});
  CHECK(help.out.find("--max-redirects") != std::string::npos);
  CHECK(help.out.find("--max-crawl-delay") != std::string::npos);
}

TEST_CASE("winnow fetch --max-crawl-delay: a hostile Crawl-delay is capped, with one warning per host", "[cli][fetch][robots]") {
  TestHttpServer server("User-agent: *\nCrawl-delay: 100000\n");
  winnow::test::TempDir dir;
  const std::vector<std::string> urls = {server.url("/ok/a"), server.url("/ok/b"), server.url("/ok/c")};
  std::vector<std::string> args = {"fetch", "--max-crawl-delay", "0.2", "-o", (dir.path() / "out").string(),
                                   "--log", (dir.path() / "log").string()};
  args.insert(args.end(), urls.begin(), urls.end());
  const auto result = run_command(command(args), {}, 20);
  CHECK(result.exit_code == 0);
  const std::string warning =
      "winnow: warning: " + server.url("") + ": Crawl-delay 100000 s capped at 0.2 s (--max-crawl-delay)\n";
  const std::size_t at = result.err.find(warning);
  CHECK(at != std::string::npos);
  CHECK(result.err.find(warning, at + 1) == std::string::npos);  // once for the host, not per URL
  CHECK(json_lines(winnow::test::read_file(dir.path() / "log")).size() == 3);

  args.insert(args.begin() + 1, "-q");
  const auto quiet = run_command(command(args), {}, 20);
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.find("Crawl-delay") == std::string::npos);  // -q silences warnings, as everywhere
}

TEST_CASE("winnow fetch --log: lines are written as URLs finish, SIGTERM and SIGINT stop with 143 and 130", "[cli][fetch][signal]") {
  for (const int number : {SIGTERM, SIGINT}) {
    TestHttpServer server;
    winnow::test::TempDir dir;
    const std::string log = (dir.path() / "log.jsonl").string();
    Child child({WINNOW_BIN, "fetch", "--delay", "0", "--per-host", "1", "--timeout", "30", "-o",
                 (dir.path() / "out").string(), "--log", log, server.url("/ok/first"), server.url("/ok/second"),
                 server.url("/slow"), server.url("/slow?again")},
                (dir.path() / "stdout").string(), (dir.path() / "stderr").string());
    // The two quick pages are logged while the first slow one is in flight (it answers after 3 s).
    REQUIRE(wait_until([&] { return json_lines(winnow::test::read_file(log)).size() >= 2; }, 10));
    const auto signalled = std::chrono::steady_clock::now();
    child.signal(number);
    CHECK(child.wait(10) == 128 + number);
    CHECK(std::chrono::steady_clock::now() - signalled < std::chrono::milliseconds(2500));  // not after the slow answers
    const std::string text = winnow::test::read_file(log);
    CHECK(text.back() == '\n');
    const auto lines = json_lines(text);  // every line parses
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["url"] == server.url("/ok/first"));
    CHECK(lines[1]["url"] == server.url("/ok/second"));
    CHECK(winnow::test::read_file(dir.path() / "stderr").find(number == SIGTERM ? "interrupted by SIGTERM"
                                                                                  : "interrupted by SIGINT") !=
          std::string::npos);
  }
}

TEST_CASE("archive add URL: SIGTERM stops the batch and the pages stored so far stay stored", "[cli][fetch][archive][signal]") {
  TestHttpServer server;
  winnow::test::TempDir dir;
  const std::string db = (dir.path() / "a.db").string();
  const std::string out = (dir.path() / "stdout").string();
  Child child({WINNOW_BIN, "archive", "add", "--archive", db, "--delay", "0", "--per-host", "1", "--timeout", "30",
               server.url("/etag"), server.url("/slow"), server.url("/slow?again")},
              out, (dir.path() / "stderr").string());
  REQUIRE(wait_until([&] { return winnow::test::read_file(out).find("version 1") != std::string::npos; }, 10));
  child.signal(SIGTERM);
  CHECK(child.wait(10) == 143);
  CHECK(winnow::test::read_file(dir.path() / "stderr").find("interrupted by SIGTERM") != std::string::npos);
  const auto listed = run_command({WINNOW_BIN, "archive", "list", "--archive", db});
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find(server.url("/etag")) != std::string::npos);
  CHECK(listed.out.find("/slow") == std::string::npos);
  CHECK(run_command({WINNOW_BIN, "archive", "verify", "--archive", db}).exit_code == 0);
}

TEST_CASE("winnow fetch on a terminal: an error message erases the progress line instead of breaking it", "[cli][fetch]") {
  TestHttpServer server;
  winnow::test::TempDir dir;
  const std::string output = run_on_terminal({WINNOW_BIN, "fetch", "--delay", "0", "--per-host", "1", "--retries", "0",
                                              "-o", (dir.path() / "out").string(), "--log",
                                              (dir.path() / "log").string(), server.url("/ok/a"),
                                              server.url("/unavailable")});
  CHECK(output.find(" done, ") != std::string::npos);
  const std::size_t error = output.find("winnow: error: " + server.url("/unavailable") + ": HTTP 503");
  REQUIRE(error != std::string::npos);
  REQUIRE(error >= 2);
  CHECK(output.substr(error - 2, 2) == " \r");  // "\r<blanks>\r": the line was erased, not ended
}

TEST_CASE("winnow fetch -o FILE: said once, before any request", "[cli][fetch][bad-input]") {
  TestHttpServer server;
  winnow::test::TempDir dir;
  const auto file = dir.path() / "not-a-dir";
  winnow::test::write_file(file, "x");
  const auto result = run_command(command({"fetch", "-o", file.string(), server.url("/ok/a"), server.url("/ok/b"),
                                           server.url("/ok/c")}));
  CHECK(result.exit_code == 2);
  std::size_t errors = 0;
  for (std::size_t at = result.err.find("winnow: error:"); at != std::string::npos; at = result.err.find("winnow: error:", at + 1)) {
    ++errors;
  }
  CHECK(errors == 1);
  CHECK(result.err.find("not-a-dir") != std::string::npos);
  CHECK(server.requests("/ok/a") + server.requests("/ok/b") + server.requests("/ok/c") == 0);
  CHECK(winnow::test::read_file(file) == "x");
}
