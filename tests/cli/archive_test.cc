// End-to-end tests of `winnow archive`: the subcommands on a real file, damage, read-only and full locations, SIGKILL mid-batch, four writers at once.
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include <atomic>

#include "support/archive_pages.h"
#include "support/fetch_servers.h"
#include "support/run_command.h"
#include "support/temp_dir.h"
#include "winnow/archive.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using winnow::test::article_page;
using winnow::test::CommandResult;
using winnow::test::read_file;
using winnow::test::run_command;
using winnow::test::write_file;

CommandResult winnow_archive(const std::vector<std::string>& args) {
  std::vector<std::string> argv{WINNOW_BIN, "archive"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

// A started `winnow archive ...` whose stdout goes to a file, so it can be killed at any moment.
struct Child {
  pid_t pid = -1;
  fs::path out;
  fs::path err;
};

// Options for starting a child differently from run_command.
struct SpawnOptions {
  rlim_t file_size_limit = RLIM_INFINITY;  // RLIMIT_FSIZE, with SIGXFSZ ignored
  uid_t uid = 0;                           // run as this user when non-zero (needs root)
};

Child spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err,
            const SpawnOptions& options = {}) {
  Child child{-1, out, err};
  child.pid = ::fork();
  REQUIRE(child.pid >= 0);
  if (child.pid == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out_fd < 0 || err_fd < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(127);
    if (options.file_size_limit != RLIM_INFINITY) {
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{options.file_size_limit, options.file_size_limit};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    if (options.uid != 0 && (::setgid(options.uid) != 0 || ::setuid(options.uid) != 0)) ::_exit(126);
    std::vector<std::string> argv{WINNOW_BIN, "archive"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (std::string& arg : argv) raw.push_back(arg.data());
    raw.push_back(nullptr);
    ::execv(raw[0], raw.data());
    ::_exit(127);
  }
  return child;
}

int wait_for(const Child& child) {
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

// Returns once the child has written to its stdout or has exited (it is not
// reaped: wait_for still works), or after `limit`.
void wait_for_output(const Child& child, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code error;
    if (fs::file_size(child.out, error) > 0 && !error) return;
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == child.pid) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// A directory of generated pages: page i of story s is a distinct version.
struct Pages {
  winnow::test::TempDir dir;
  std::map<std::string, std::string> content;  // path -> bytes

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir.path() / name;
    write_file(path, bytes);
    content[path.string()] = bytes;
    return path.string();
  }
};

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a line cut by SIGKILL was never reported
    const json line = json::parse(text.substr(start, end - start), nullptr, false);
    if (!line.is_discarded()) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("archive add, list, log, show, diff, search, stats and verify work together", "[e2e][archive]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string v1 = pages.write("v1.html", article_page("Harbour budget", "the harbour", 6, 1));
  const std::string v2 = pages.write("v2.html", article_page("Harbour budget", "the harbour", 6, 2));
  const std::string v3 = pages.write("v3.html", article_page("Harbour budget", "the harbour", 6, 3, "The mayor declined to comment."));
  const std::string zoo = pages.write("zoo.html", article_page("Penguins arrive", "the zoo's penguins", 4, 1));

  std::vector<json> lines;
  int minute = 0;
  for (const std::string& file : {v1, v1, v2, v3}) {
    CommandResult added = winnow_archive({"add", "--archive", db, "--json", "--url", "HTTPS://Example.com/story#x", "--time",
                                          "2024-03-01T10:0" + std::to_string(minute++) + ":00Z", file});
    REQUIRE(added.exit_code == 0);
    for (const json& line : json_lines(added.out)) lines.push_back(line);
  }
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["url"] == "https://example.com/story");
  CHECK(lines[0]["version"] == 1);
  CHECK(lines[1]["new_version"] == false);
  CHECK(lines[2]["label"] == "unchanged");
  CHECK(lines[3]["label"] == "edited");
  CHECK(lines[3]["words_changed"] == 5);
  REQUIRE(winnow_archive({"add", "--archive", db, zoo}).exit_code == 0);

  CommandResult list = winnow_archive({"list", "--archive", db, "--json"});
  REQUIRE(list.exit_code == 0);
  const json urls = json::parse(list.out);
  REQUIRE(urls.size() == 2);
  CHECK(urls[0]["url"] == "file://" + fs::path(zoo).lexically_normal().string());
  CHECK(urls[1]["versions"] == 3);
  CHECK(urls[1]["captures"] == 4);

  CommandResult log = winnow_archive({"log", "--archive", db, "https://example.com/story"});
  REQUIRE(log.exit_code == 0);
  CHECK(log.out.find("edited, 5 words changed") != std::string::npos);
  CHECK(log.out.find("same as version 1") != std::string::npos);

  for (int v = 1; v <= 3; ++v) {
    CommandResult raw = winnow_archive({"show", "--archive", db, "https://example.com/story", "--version",
                                        std::to_string(v), "--raw"});
    REQUIRE(raw.exit_code == 0);
    CHECK(raw.out == pages.content[v == 1 ? v1 : v == 2 ? v2 : v3]);
  }
  CommandResult text = winnow_archive({"show", "--archive", db, "https://example.com/story"});
  CHECK(text.out.rfind("Harbour budget\n\n", 0) == 0);
  CHECK(text.out.find("The mayor declined to comment.") != std::string::npos);
  CommandResult as_json = winnow_archive({"show", "--archive", db, "https://example.com/story", "--at", "2024-03-01T10:03:00Z", "--json"});
  REQUIRE(as_json.exit_code == 0);
  CHECK(json::parse(as_json.out)["version"] == 3);
  CommandResult early = winnow_archive({"show", "--archive", db, "https://example.com/story", "--at", "2024-03-01T10:01:30Z", "--json"});
  REQUIRE(early.exit_code == 0);
  CHECK(json::parse(early.out)["version"] == 1);

  CommandResult diff = winnow_archive({"diff", "--archive", db, "https://example.com/story"});
  REQUIRE(diff.exit_code == 0);
  CHECK(diff.out.find("\n+The mayor declined to comment.\n") != std::string::npos);
  CHECK(winnow_archive({"diff", "--archive", db, "https://example.com/story", "1", "2"}).out.empty());

  CommandResult search = winnow_archive({"search", "--archive", db, "--json", "penguins"});
  REQUIRE(search.exit_code == 0);
  const json hits = json::parse(search.out);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["snippet"].get<std::string>().find("[penguins]") != std::string::npos);

  CommandResult stats = winnow_archive({"stats", "--archive", db, "--json"});
  REQUIRE(stats.exit_code == 0);
  const json figures = json::parse(stats.out);
  CHECK(figures["captures"] == 5);
  CHECK(figures["versions"] == 4);
  CHECK(figures["distinct_blobs"] == 4);
  CHECK(figures["stored_bytes"].get<long>() < figures["raw_bytes"].get<long>());

  CommandResult verify = winnow_archive({"verify", "--archive", db});
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.rfind("ok:", 0) == 0);
}

TEST_CASE("WINNOW_ARCHIVE chooses the archive when --archive is not given", "[e2e][archive]") {
  Pages pages;
  const std::string page = pages.write("p.html", article_page("T", "cats", 3, 1));
  const std::string db = (pages.dir.path() / "env.db").string();
  ::setenv("WINNOW_ARCHIVE", db.c_str(), 1);
  const CommandResult added = winnow_archive({"add", page});
  const CommandResult list = winnow_archive({"list"});
  ::unsetenv("WINNOW_ARCHIVE");
  REQUIRE(added.exit_code == 0);
  CHECK(fs::exists(db));
  CHECK(list.out.find("file://") != std::string::npos);
}

TEST_CASE("bad requests get a clear error and a non-zero exit", "[e2e][archive]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string page = pages.write("p.html", article_page("T", "cats", 3, 1));
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/a", page}).exit_code == 0);
  const std::vector<std::pair<std::vector<std::string>, int>> cases = {
      {{"add", "--archive", db, "--url", "example.com/a", page}, 2},
      {{"add", "--archive", db, "--time", "yesterday", page}, 2},
      {{"add", "--archive", db, (pages.dir.path() / "missing.html").string()}, 1},
      {{"add", "--archive", db, "--url", "https://example.com/a", "-"}, 1},
      {{"show", "--archive", db, "https://example.com/nope"}, 1},
      {{"show", "--archive", db, "https://example.com/a", "--version", "2"}, 1},
      {{"show", "--archive", db, "https://example.com/a", "--version", "0"}, 2},
      {{"show", "--archive", db, "https://example.com/a", "--raw", "--json"}, 2},
      {{"diff", "--archive", db, "https://example.com/a"}, 1},
      {{"search", "--archive", db, "--fts", "\"open"}, 2},
      {{"search", "--archive", db, "++"}, 2},
      {{"add", "--archive", db, "--url", "https://example.com/a", "--time", "2024-01-01", page, page}, 2},
      {{"list", "--archive", (pages.dir.path() / "none.db").string()}, 1},
  };
  for (const auto& [args, code] : cases) {
    const CommandResult result = winnow_archive(args);
    INFO(args[0] << " " << args.back() << ": " << result.err);
    CHECK(result.exit_code == code);
    CHECK(result.err.rfind("winnow: error: ", 0) == 0);
  }
}

TEST_CASE("a non-archive, a truncated and a damaged archive are reported, never crash", "[e2e][archive]") {
  Pages pages;
  const std::string notes = pages.write("notes.txt", std::string(5000, 'x'));
  for (const char* command : {"list", "verify", "stats"}) {
    const CommandResult result = winnow_archive({command, "--archive", notes});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("not a winnow archive") != std::string::npos);
  }
  CommandResult add = winnow_archive({"add", "--archive", notes, pages.write("p.html", article_page("T", "cats", 3, 1))});
  CHECK(add.exit_code == 1);
  CHECK(read_file(notes) == std::string(5000, 'x'));  // untouched

  const std::string db = (pages.dir.path() / "a.db").string();
  std::vector<std::string> args{"add", "--archive", db, "--url", "https://example.com/a"};
  for (int i = 0; i < 6; ++i) args.push_back(pages.write("v" + std::to_string(i) + ".html", article_page("T", "cats", 20 + i, i)));
  REQUIRE(winnow_archive(args).exit_code == 0);
  const std::string whole = read_file(db);
  REQUIRE(whole.size() > 8192);

  SECTION("truncated") {
    write_file(db, whole.substr(0, whole.size() / 2));
    const CommandResult verify = winnow_archive({"verify", "--archive", db});
    CHECK(verify.exit_code == 1);
    CHECK(verify.err.rfind("winnow: error: ", 0) == 0);
    const CommandResult show = winnow_archive({"show", "--archive", db, "https://example.com/a", "--raw"});
    CHECK(show.exit_code != 0);
    CHECK(show.exit_code < 128);
  }
  SECTION("bytes overwritten in the middle") {
    std::string damaged = whole;
    for (std::size_t i = damaged.size() / 3; i < damaged.size() / 3 + 3000; ++i) damaged[i] = static_cast<char>(i * 31);
    write_file(db, damaged);
    const CommandResult verify = winnow_archive({"verify", "--archive", db});
    CHECK(verify.exit_code == 1);
    CHECK(verify.exit_code < 128);
    for (int v = 1; v <= 6; ++v) {
      const CommandResult show = winnow_archive({"show", "--archive", db, "https://example.com/a", "--version", std::to_string(v), "--raw"});
      CHECK(show.exit_code < 128);  // an error or the right bytes, never a crash
      if (show.exit_code == 0) CHECK(show.out == pages.content[args[static_cast<std::size_t>(4 + v)]]);
    }
  }
}

TEST_CASE("a full disk (file size limit) fails the add clearly and keeps what was stored", "[e2e][archive]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string first = pages.write("first.html", article_page("First", "cats", 5, 1));
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/first", first}).exit_code == 0);
  // Pages of random words do not compress: they need room the limit does not leave.
  std::mt19937 random(7);
  std::vector<std::string> args{"add", "--archive", db};
  for (int i = 0; i < 4; ++i) {
    std::string words;
    for (int w = 0; w < 40000; ++w) words += std::to_string(random()) + " ";
    args.push_back(pages.write("big" + std::to_string(i) + ".html", "<html><body><article><p>" + words + "</p></article></body></html>"));
  }
  SpawnOptions options;
  options.file_size_limit = static_cast<rlim_t>(fs::file_size(db) + 200 * 1024);
  const Child child = spawn(args, pages.dir.path() / "out", pages.dir.path() / "err", options);
  const int code = wait_for(child);
  const std::string err = read_file(child.err);
  INFO(err);
  CHECK(code == 1);
  CHECK(err.find("no space left") != std::string::npos);
  CHECK(winnow_archive({"verify", "--archive", db}).exit_code == 0);
  CHECK(winnow_archive({"show", "--archive", db, "https://example.com/first", "--raw"}).out == pages.content[first]);
}

TEST_CASE("a read-only location gives a clear error, and reading still works", "[e2e][archive]") {
  Pages pages;
  const fs::path dir = pages.dir.path() / "ro";
  fs::create_directories(dir);
  const std::string db = (dir / "a.db").string();
  const std::string page = pages.write("p.html", article_page("T", "cats", 4, 1));
  const std::string page2 = pages.write("p2.html", article_page("T2", "dogs", 4, 1));
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/a", page}).exit_code == 0);
  // Root ignores permissions: run the commands as an unprivileged user instead.
  SpawnOptions options;
  if (::geteuid() == 0) {
    const passwd* nobody = ::getpwnam("nobody");
    REQUIRE(nobody != nullptr);
    options.uid = nobody->pw_uid;
  }
  fs::permissions(pages.dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                        fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(page2, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);

  const Child add = spawn({"add", "--archive", db, "--url", "https://example.com/b", page2}, pages.dir.path() / "out",
                          pages.dir.path() / "err", options);
  CHECK(wait_for(add) == 1);
  CHECK(read_file(pages.dir.path() / "err").find("winnow: error: cannot ") != std::string::npos);
  const Child create = spawn({"add", "--archive", (dir / "new.db").string(), page2}, pages.dir.path() / "out2",
                             pages.dir.path() / "err2", options);
  CHECK(wait_for(create) == 1);
  // The real cause, not SQLite's last errno ("No such file or directory").
  const std::string create_error = read_file(pages.dir.path() / "err2");
  INFO(create_error);
  CHECK(create_error.find("winnow: error: cannot create archive " + (dir / "new.db").string() + ": permission denied") !=
        std::string::npos);
  CHECK(create_error.find("No such file") == std::string::npos);
  const Child show = spawn({"show", "--archive", db, "https://example.com/a", "--raw"}, pages.dir.path() / "out3",
                           pages.dir.path() / "err3", options);
  CHECK(wait_for(show) == 0);
  CHECK(read_file(pages.dir.path() / "out3") == pages.content[page]);
  fs::permissions(dir, fs::perms::owner_all);
}

TEST_CASE("SIGKILL in the middle of a batch loses nothing reported and leaves a sound archive", "[e2e][archive][crash]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  std::vector<std::string> files;
  for (int i = 0; i < 30; ++i) {
    files.push_back(pages.write("p" + std::to_string(i) + ".html",
                                article_page("Story " + std::to_string(i % 5), "topic " + std::to_string(i % 5), 30 + i, i,
                                             "Update " + std::to_string(i))));
  }
  std::mt19937 random(12345);
  std::map<std::pair<std::string, int>, std::string> reported;  // (url, version) -> file
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> args{"add", "--archive", db, "--json", "--from", ""};
    // Each round adds the batch as captures of five URLs; later rounds make new versions of the same URLs.
    const fs::path list = pages.dir.path() / ("list" + std::to_string(round));
    std::string lines;
    for (std::size_t i = 0; i < files.size(); ++i) {
      lines += "https://example.com/story/" + std::to_string((i + static_cast<std::size_t>(round)) % 5) + " " + files[i] + "\n";
    }
    write_file(list, lines);
    args[5] = list.string();
    const Child child = spawn(args, pages.dir.path() / "out", pages.dir.path() / "err");
    // Every other round is killed only after its first report, so a loaded machine (where
    // 150 ms may pass before the first page is stored) still kills some batches midway.
    if (round % 2 == 1) wait_for_output(child, std::chrono::seconds(20));
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 150000));
    ::kill(child.pid, SIGKILL);
    wait_for(child);
    for (const json& line : json_lines(read_file(child.out))) {
      reported[{line["url"].get<std::string>(), line["version"].get<int>()}] = line["input"].get<std::string>();
    }
  }
  INFO(reported.size() << " captures reported");
  const CommandResult verify = winnow_archive({"verify", "--archive", db});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  for (const auto& [key, file] : reported) {
    const CommandResult raw = winnow_archive({"show", "--archive", db, key.first, "--version", std::to_string(key.second), "--raw"});
    INFO(key.first << " version " << key.second);
    CHECK(raw.exit_code == 0);
    CHECK(raw.out == pages.content[file]);
  }
  CHECK(reported.size() > 0);
}

TEST_CASE("SIGKILL in the middle of sealing packs or of compact leaves a sound archive with every byte", "[e2e][archive][crash]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  // Over 4 MB of pages: a batch's end seals them into packs.
  std::string lines;
  for (int i = 0; i < 48; ++i) {
    const std::string file = pages.write("p" + std::to_string(i) + ".html",
                                         article_page("Story " + std::to_string(i), "topic " + std::to_string(i % 7),
                                                      400 + i, i, "Update " + std::to_string(i)));
    lines += "https://site" + std::to_string(i % 4) + ".example/story/" + std::to_string(i) + " " + file + "\n";
  }
  const fs::path list = pages.dir.path() / "list";
  write_file(list, lines);
  std::mt19937 random(2468);
  // The batch, killed while it stores or seals, then run again until it finishes.
  for (int round = 0; round < 6; ++round) {
    const Child child = spawn({"add", "--archive", db, "-q", "--from", list.string()}, pages.dir.path() / "out",
                              pages.dir.path() / "err");
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 1500));
    ::kill(child.pid, SIGKILL);
    wait_for(child);
    const CommandResult verify = winnow_archive({"verify", "--archive", db});
    INFO("add round " << round << ": " << verify.out << verify.err);
    CHECK(verify.exit_code == 0);
  }
  REQUIRE(winnow_archive({"add", "--archive", db, "-q", "--from", list.string()}).exit_code == 0);
  const CommandResult packed = winnow_archive({"stats", "--archive", db, "--json"});
  REQUIRE(packed.exit_code == 0);
  CHECK(json::parse(packed.out)["packs"].get<int>() >= 1);
  // compact, killed at random points: each time the archive reads every page as it was.
  for (int round = 0; round < 6; ++round) {
    const Child child = spawn({"compact", "--archive", db}, pages.dir.path() / "out", pages.dir.path() / "err");
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 2500));
    ::kill(child.pid, SIGKILL);
    wait_for(child);
    const CommandResult verify = winnow_archive({"verify", "--archive", db});
    INFO("compact round " << round << ": " << verify.out << verify.err);
    CHECK(verify.exit_code == 0);
  }
  REQUIRE(winnow_archive({"compact", "--archive", db, "-q"}).exit_code == 0);
  CHECK(winnow_archive({"verify", "--archive", db}).exit_code == 0);
  for (int i = 0; i < 48; ++i) {
    const CommandResult raw = winnow_archive(
        {"show", "--archive", db, "https://site" + std::to_string(i % 4) + ".example/story/" + std::to_string(i), "--raw"});
    INFO("story " << i);
    CHECK(raw.exit_code == 0);
    CHECK(raw.out == pages.content[(pages.dir.path() / ("p" + std::to_string(i) + ".html")).string()]);
  }
}

TEST_CASE("processes creating the same new archive at once all succeed", "[e2e][archive][concurrency]") {
  Pages pages;
  const std::string page = pages.write("p.html", article_page("Created", "new archives", 20, 1));
  for (int round = 0; round < 8; ++round) {
    const std::string db = (pages.dir.path() / ("new" + std::to_string(round) + ".db")).string();
    std::vector<Child> children;
    for (int p = 0; p < 6; ++p) {
      children.push_back(spawn({"add", "--archive", db, "--url", "https://example.com/" + std::to_string(p), page},
                               pages.dir.path() / ("out" + std::to_string(p)), pages.dir.path() / ("err" + std::to_string(p))));
    }
    for (const Child& child : children) {
      const int code = wait_for(child);
      const std::string err = read_file(child.err);
      INFO("round " << round << ": " << err);
      CHECK(code == 0);
      CHECK(err.empty());
    }
    CHECK(json::parse(winnow_archive({"stats", "--archive", db, "--json"}).out)["urls"] == 6);
  }
}

TEST_CASE("four processes adding at once lose nothing and never report a locked database", "[e2e][archive][concurrency]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  std::vector<Child> children;
  for (int p = 0; p < 4; ++p) {
    std::vector<std::string> args{"add", "--archive", db, "--json", "--url", "https://example.com/shared"};
    for (int i = 0; i < 8; ++i) {
      args.push_back(pages.write("w" + std::to_string(p) + "-" + std::to_string(i) + ".html",
                                 article_page("Writer " + std::to_string(p), "topic " + std::to_string(p), 20 + i, p * 100 + i)));
    }
    children.push_back(spawn(args, pages.dir.path() / ("out" + std::to_string(p)), pages.dir.path() / ("err" + std::to_string(p))));
  }
  std::size_t lines = 0;
  for (const Child& child : children) {
    const int code = wait_for(child);
    const std::string err = read_file(child.err);
    INFO(err);
    CHECK(code == 0);
    CHECK(err.find("locked") == std::string::npos);
    CHECK(err.find("busy") == std::string::npos);
    lines += json_lines(read_file(child.out)).size();
  }
  CHECK(lines == 32);
  const json stats = json::parse(winnow_archive({"stats", "--archive", db, "--json"}).out);
  CHECK(stats["captures"] == 32);
  CHECK(stats["versions"] == 32);
  CHECK(winnow_archive({"verify", "--archive", db}).exit_code == 0);
  // Every page reads back from some version of the shared URL.
  std::set<std::string> stored;
  for (int v = 1; v <= 32; ++v) {
    stored.insert(winnow_archive({"show", "--archive", db, "https://example.com/shared", "--version", std::to_string(v), "--raw"}).out);
  }
  for (const auto& [path, bytes] : pages.content) CHECK(stored.count(bytes) == 1);
}

namespace {

// An HTTP server on 127.0.0.1 with one page, /page, whose status and body the test changes between requests.
class PageServer {
 public:
  PageServer() {
    server_.Get("/page", [this](const httplib::Request&, httplib::Response& response) {
      std::lock_guard lock(mutex_);
      response.status = status_;
      response.set_content(body_, "text/html; charset=utf-8");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~PageServer() {
    server_.stop();
    thread_.join();
  }
  void serve(int status, const std::string& body) {
    std::lock_guard lock(mutex_);
    status_ = status;
    body_ = body;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/page"; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::mutex mutex_;
  int status_ = 200;
  std::string body_;
  std::thread thread_;
};

const std::vector<std::string> kQuickFetch = {"--delay", "0", "--timeout", "5", "--retries", "0"};

std::vector<std::string> with_quick_fetch(std::vector<std::string> args) {
  args.insert(args.end(), kQuickFetch.begin(), kQuickFetch.end());
  return args;
}

bool has_terminal_controls(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) return true;
  }
  return text.find("\xC2\x9B") != std::string::npos;  // C1 CSI
}

CommandResult shell(const std::string& command) { return run_command({"/bin/sh", "-c", command}); }

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

}  // namespace

TEST_CASE("archive search takes ordinary words as written, FTS5 syntax with --fts", "[e2e][archive][search]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string page = pages.write(
      "p.html", article_page("Plant-based diets", "plant-based food in the U.S. that don't cost 50% more, in C++", 4, 1));
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/plants", page}).exit_code == 0);
  const std::vector<std::vector<std::string>> queries = {
      {"don't"}, {"U.S."}, {"C++"}, {"50%"}, {"plant-based"}, {"--", "-plant"}, {"plant", "based", "diets"},
      {"\"don't cost\""}, {"--fts", "plant AND diets"}, {"--fts", "\"plant-based\" OR giraffes"}};
  for (const auto& query : queries) {
    std::vector<std::string> args{"search", "--archive", db, "--json"};
    args.insert(args.end(), query.begin(), query.end());
    const CommandResult result = winnow_archive(args);
    INFO(query.back() << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    const json hits = json::parse(result.out);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]["url"] == "https://example.com/plants");
  }
  CHECK(json::parse(winnow_archive({"search", "--archive", db, "--json", "giraffes"}).out).empty());
  const CommandResult bad = winnow_archive({"search", "--archive", db, "--fts", "don't"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("FTS5") != std::string::npos);
  CHECK(bad.err.find("syntax error") != std::string::npos);
  CHECK(bad.err.find("without --fts") != std::string::npos);
  const CommandResult help = winnow_archive({"search", "--help"});
  CHECK(help.out.find("--fts") != std::string::npos);
  CHECK(help.out.find("-- -") != std::string::npos);
  const CommandResult dash = winnow_archive({"search", "--archive", db, "-plant"});
  CHECK(dash.exit_code == 2);
  CHECK(dash.err.find("search -- -plant") != std::string::npos);
  CHECK(winnow_archive({"search", "--archive", db}).exit_code == 2);
}

TEST_CASE("verify while another process adds reads one snapshot and never calls the archive damaged", "[e2e][archive][concurrency]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", "https://example.com/seed",
                          pages.write("seed.html", article_page("Seed", "seeds", 10, 1))})
              .exit_code == 0);
  std::vector<std::string> args{"add", "--archive", db};
  for (int i = 0; i < 150; ++i) {
    args.push_back(pages.write("f" + std::to_string(i) + ".html",
                               article_page("Story " + std::to_string(i), "topic " + std::to_string(i), 30, i)));
  }
  const Child child = spawn(args, pages.dir.path() / "out", pages.dir.path() / "err");
  int verifies = 0;
  int status = 0;
  bool running = true;
  while (running || verifies < 3) {
    const CommandResult verify = winnow_archive({"verify", "--archive", db});
    ++verifies;
    INFO("verify " << verifies << ": " << verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    CHECK(verify.out.find("damaged") == std::string::npos);
    CHECK(verify.err.find("locked") == std::string::npos);
    if (running && ::waitpid(child.pid, &status, WNOHANG) == child.pid) running = false;
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(verifies >= 3);
  CHECK(json::parse(winnow_archive({"stats", "--archive", db, "--json"}).out)["captures"] == 151);
}

TEST_CASE("archive add --json has one schema for saved files and fetched pages", "[e2e][archive][fetch]") {
  Pages pages;
  winnow::test::TestHttpServer server;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string page = pages.write("p.html", article_page("Saved", "saved pages", 3, 1));
  const CommandResult file = winnow_archive({"add", "--archive", db, "--json", page});
  REQUIRE(file.exit_code == 0);
  const CommandResult fetched = winnow_archive(with_quick_fetch({"add", "--archive", db, "--json", server.url("/ok/page")}));
  INFO(fetched.err);
  REQUIRE(fetched.exit_code == 0);
  const std::vector<json> file_lines = json_lines(file.out);
  const std::vector<json> fetched_lines = json_lines(fetched.out);
  REQUIRE(file_lines.size() == 1);
  REQUIRE(fetched_lines.size() == 1);
  const std::set<std::string> expected = {"input", "url", "final_url", "time", "status", "bytes", "stored_bytes",
                                          "capture", "version", "new_version", "label", "words_changed",
                                          "deduplicated", "gone", "error"};
  CHECK(keys_of(file_lines[0]) == expected);
  CHECK(keys_of(fetched_lines[0]) == expected);
  CHECK(file_lines[0]["bytes"] == pages.content[page].size());
  CHECK(file_lines[0]["input"] == page);
  CHECK(file_lines[0]["status"].is_null());
  CHECK(fetched_lines[0]["bytes"].get<long>() > 0);
  CHECK(fetched_lines[0]["status"] == 200);
  CHECK(fetched_lines[0]["input"] == server.url("/ok/page"));
  CHECK(fetched_lines[0]["error"].is_null());
  CHECK(fetched_lines[0]["time"].is_string());
  // A failure has the same keys, with what was stored left null.
  const CommandResult missing = winnow_archive({"add", "--archive", db, "--json", (pages.dir.path() / "no.html").string()});
  CHECK(missing.exit_code == 1);
  const std::vector<json> missing_lines = json_lines(missing.out);
  REQUIRE(missing_lines.size() == 1);
  CHECK(keys_of(missing_lines[0]) == expected);
  CHECK(missing_lines[0]["error"].is_string());
  CHECK(missing_lines[0]["version"].is_null());
  CHECK(winnow_archive({"add", "--help"}).out.find("final_url") != std::string::npos);
}

TEST_CASE("back-dated captures: log, show and show --at now follow capture time, not the order of adding", "[e2e][archive][time]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string url = "https://example.com/story";
  const std::string fresh = pages.write("new.html", article_page("New", "the story", 6, 1, "Added in 2024."));
  const std::string old = pages.write("old.html", article_page("Old", "the story", 6, 1));
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", url, "--time", "2024-05-01T10:00Z", fresh}).exit_code == 0);
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", url, "--time", "1900-01-01", old}).exit_code == 0);
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", url, "--time", "1950-01-01", fresh}).exit_code == 0);
  const CommandResult log = winnow_archive({"log", "--archive", db, url});
  REQUIRE(log.exit_code == 0);
  const std::size_t first = log.out.find("1900-01-01T00:00:00Z  1 ");
  const std::size_t second = log.out.find("1950-01-01T00:00:00Z  2 ");
  const std::size_t third = log.out.find("2024-05-01T10:00:00Z  2 ");
  INFO(log.out);
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(third != std::string::npos);
  CHECK(first < second);
  CHECK(second < third);
  CHECK(log.out.find("same as version 2") != std::string::npos);
  CHECK(log.out.find("same as version 1") == std::string::npos);
  const CommandResult latest = winnow_archive({"show", "--archive", db, url, "--json"});
  const CommandResult now = winnow_archive({"show", "--archive", db, url, "--json", "--at", winnow::archive::now_utc()});
  REQUIRE(latest.exit_code == 0);
  REQUIRE(now.exit_code == 0);
  CHECK(json::parse(latest.out)["version"] == 2);
  CHECK(json::parse(latest.out)["title"] == "New");
  CHECK(json::parse(now.out)["version"] == json::parse(latest.out)["version"]);
  CHECK(json::parse(winnow_archive({"list", "--archive", db, "--json"}).out)[0]["last_capture"] == "2024-05-01T10:00:00Z");
  CHECK(winnow_archive({"diff", "--archive", db, url}).out.find("+Added in 2024.") != std::string::npos);
  CHECK(winnow_archive({"verify", "--archive", db}).exit_code == 0);
}

TEST_CASE("one --time for several files is refused, and --time mtime takes each file's modification time", "[e2e][archive][time]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string a = pages.write("a.html", article_page("A", "first", 3, 1));
  const std::string b = pages.write("b.html", article_page("B", "second", 3, 2));
  const CommandResult refused = winnow_archive({"add", "--archive", db, "--url", "https://example.com/x", "--time",
                                                "2024-01-01", a, b});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--time mtime") != std::string::npos);
  CHECK_FALSE(fs::exists(db));
  const auto set_mtime = [](const std::string& path, std::time_t when) {
    fs::last_write_time(path, fs::file_time_type::clock::now() +
                                  std::chrono::seconds(when - std::time(nullptr)));
  };
  set_mtime(a, 1704067200);  // 2024-01-01T00:00:00Z
  set_mtime(b, 1706745600);  // 2024-02-01T00:00:00Z
  const CommandResult added = winnow_archive({"add", "--archive", db, "--url", "https://example.com/x", "--time", "mtime", b, a});
  REQUIRE(added.exit_code == 0);
  const json log = json::parse(winnow_archive({"log", "--archive", db, "https://example.com/x", "--json"}).out);
  REQUIRE(log.size() == 2);
  CHECK(log[0]["time"] == "2024-01-01T00:00:00Z");
  CHECK(log[0]["version"] == 1);
  CHECK(log[1]["time"] == "2024-02-01T00:00:00Z");
  CHECK(winnow_archive({"add", "--archive", db, "--url", "https://example.com/x", "--time", "mtime", "-"}).exit_code == 1);
}

TEST_CASE("archive update records a 404 as a gone capture, and log and show say so", "[e2e][archive][fetch]") {
  Pages pages;
  PageServer server;
  const std::string db = (pages.dir.path() / "a.db").string();
  server.serve(200, article_page("Here today", "the vanishing page", 4, 1));
  REQUIRE(winnow_archive(with_quick_fetch({"add", "--archive", db, server.url()})).exit_code == 0);
  server.serve(404, "<html><body><p>Not found</p></body></html>");
  const CommandResult updated = winnow_archive(with_quick_fetch({"update", "--archive", db, "--json"}));
  INFO(updated.err);
  CHECK(updated.exit_code == 0);
  const std::vector<json> lines = json_lines(updated.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["status"] == 404);
  CHECK(lines[0]["gone"] == true);
  CHECK(lines[0]["new_version"] == false);
  CHECK(lines[0]["error"].is_null());
  const CommandResult log = winnow_archive({"log", "--archive", db, server.url()});
  CHECK(log.out.find("gone (404)") != std::string::npos);
  const CommandResult show = winnow_archive({"show", "--archive", db, server.url()});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("Here today") != std::string::npos);
  CHECK(show.err.find("answered 404") != std::string::npos);
  const json shown = json::parse(winnow_archive({"show", "--archive", db, server.url(), "--json"}).out);
  CHECK(shown["gone"]["status"] == 404);
  const json versions = json::parse(winnow_archive({"stats", "--archive", db, "--json"}).out);
  CHECK(versions["versions"] == 1);
  CHECK(versions["captures"] == 2);
  // The page comes back: fetched whole (no validators from the 404), recorded against the last version.
  server.serve(200, article_page("Here today", "the vanishing page", 4, 1));
  REQUIRE(winnow_archive(with_quick_fetch({"update", "--archive", db})).exit_code == 0);
  CHECK(winnow_archive({"show", "--archive", db, server.url()}).err.empty());
  // A URL never archived that answers 404 is still a failure.
  server.serve(404, "<html><body><p>Not found</p></body></html>");
  CHECK(winnow_archive(with_quick_fetch({"add", "--archive", db, server.url() + "?never"})).exit_code == 1);
  CHECK(winnow_archive({"verify", "--archive", db}).exit_code == 0);
}

TEST_CASE("terminal controls in pages never reach the archive commands' text output", "[e2e][archive][security]") {
  Pages pages;
  PageServer server;
  const std::string db = (pages.dir.path() / "a.db").string();
  const std::string hostile = "<!DOCTYPE html><html><head><title>Hi&#27;]0;PWNED&#7; there</title></head><body><article>"
                              "<h1>Hi&#27;]0;PWNED&#7; there</h1><p>Clear&#27;[2J the screen, then ring&#7; the bell "
                              "and &#x9b;31m colour it; ordinary words follow here.</p><p>A second paragraph with "
                              "more ordinary words about screens.</p></article></body></html>";
  server.serve(200, hostile);
  REQUIRE(winnow_archive(with_quick_fetch({"add", "--archive", db, server.url()})).exit_code == 0);
  const std::string edited = pages.write("e\x1b[2Jvil.html", hostile + "<p>x</p>");
  REQUIRE(winnow_archive({"add", "--archive", db, "--url", server.url(), edited}).exit_code == 0);
  // Cleaning scrubs new pages; an archive written before that keeps controls in its titles.
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  const int rc = sqlite3_exec(raw, "UPDATE versions SET title = title || char(27) || ']0;PWNED' || char(7) || char(155)",
                              nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  REQUIRE(rc == SQLITE_OK);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"list"}, {"log", server.url()}, {"show", server.url()}, {"show", server.url(), "--version", "1"},
           {"diff", server.url()}, {"search", "screen"}, {"search", "PWNED"}, {"search", "ordinary"}}) {
    std::vector<std::string> full{args[0], "--archive", db};
    full.insert(full.end(), args.begin() + 1, args.end());
    const CommandResult result = winnow_archive(full);
    INFO(args[0] << ": " << result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK_FALSE(has_terminal_controls(result.out));
    CHECK_FALSE(has_terminal_controls(result.err));
  }
}

TEST_CASE("archive add of many files draws a progress line on a terminal only", "[e2e][archive]") {
  Pages pages;
  const std::string db = (pages.dir.path() / "a.db").string();
  std::string files;
  for (int i = 0; i < 6; ++i) {
    files += " " + pages.write("p" + std::to_string(i) + ".html", article_page("P" + std::to_string(i), "progress", 3, i));
  }
  const CommandResult tty = shell("script -qec '" + std::string(WINNOW_BIN) + " archive add --archive " + db + files +
                                  "' /dev/null");
  CHECK(tty.exit_code == 0);
  CHECK(tty.out.find("6/6 done") != std::string::npos);
  const CommandResult piped = shell(std::string(WINNOW_BIN) + " archive add --archive " + db + files);
  CHECK(piped.exit_code == 0);
  CHECK(piped.err.empty());
  CHECK(piped.out.find("same as version 1") != std::string::npos);
  const CommandResult quiet = shell("script -qec '" + std::string(WINNOW_BIN) + " archive add -q --archive " + db +
                                    files + "' /dev/null");
  CHECK(quiet.out.find("done") == std::string::npos);
}

TEST_CASE("the README's archive example works as written", "[e2e][archive][readme]") {
  Pages pages;
  std::ifstream readme(std::string(WINNOW_FIXTURES) + "/../README.md");
  REQUIRE(readme);
  std::vector<std::string> commands;
  for (std::string line; std::getline(readme, line);) {
    const bool add = line.find("winnow archive add --url https://example.com/a --time") != std::string::npos;
    const bool show_at = line.find("winnow archive show https://example.com/a --at") != std::string::npos;
    if (!add && !show_at) continue;
    line = line.substr(line.find("winnow"));
    if (const std::size_t comment = line.find("  #"); comment != std::string::npos) line.resize(comment);
    commands.push_back(line);
  }
  REQUIRE(commands.size() >= 2);
  pages.write("old.html", article_page("Old story", "the harbour", 5, 1));
  pages.write("new.html", article_page("New story", "the harbour", 5, 2, "A paragraph added later."));
  CommandResult last;
  for (const std::string& command : commands) {
    last = shell("cd '" + pages.dir.path().string() + "' && WINNOW_ARCHIVE=readme.db " + WINNOW_BIN +
                 command.substr(std::string("winnow").size()));
    INFO(command << ": " << last.err);
    REQUIRE(last.exit_code == 0);
  }
  // The last command is the show --at: it prints the capture current on that day.
  const json shown = json::parse(last.out);
  CHECK(shown["title"] == "Old story");
  CHECK(shown["version"] == 1);
}
