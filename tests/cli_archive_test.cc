// End-to-end tests of `winnow archive`: the subcommands on a real file, damage, read-only and full locations, SIGKILL mid-batch, four writers at once.
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "archive_pages.h"
#include "run_command.h"
#include "temp_dir.h"

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

  CommandResult added = winnow_archive({"add", "--archive", db, "--json", "--url", "HTTPS://Example.com/story#x", "--time",
                                        "2024-03-01T10:00:00Z", v1, v1, v2, v3});
  REQUIRE(added.exit_code == 0);
  const std::vector<json> lines = json_lines(added.out);
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
  CommandResult as_json = winnow_archive({"show", "--archive", db, "https://example.com/story", "--at", "2024-03-01T10:00:00Z", "--json"});
  REQUIRE(as_json.exit_code == 0);
  CHECK(json::parse(as_json.out)["version"] == 3);  // all captures share the time: the latest wins

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
      {{"search", "--archive", db, "\"open"}, 1},
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
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 150000));
    ::kill(child.pid, SIGKILL);
    wait_for(child);
    for (const json& line : json_lines(read_file(child.out))) {
      reported[{line["url"].get<std::string>(), line["version"].get<int>()}] = line["file"].get<std::string>();
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
    CHECK(wait_for(child) == 0);
    const std::string err = read_file(child.err);
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
