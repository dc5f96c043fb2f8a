// End-to-end tests of what `winnow clean` takes in and where it writes: -o checks, --url, long names, compressed files, directories, UTF-16, terminal safety, progress.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::CommandResult;
using winnow::test::read_file;
using winnow::test::run_command;
using winnow::test::TempDir;
using winnow::test::write_file;

const std::string kProse =
    "The harbour board met on Tuesday and agreed, after a long debate, that the tide gauges would be replaced "
    "before the winter storms, and that the old records would be kept for the town archive.";

std::string page(const std::string& title) {
  return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><nav><a href=/>Home</a></nav>"
         "<article><h1>" + title + "</h1><p>" + kProse + "</p><p>" + kProse + "</p></article></body></html>";
}

CommandResult run_winnow(const std::vector<std::string>& arguments, std::string_view input = {}) {
  std::vector<std::string> argv = {WINNOW_BIN};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return run_command(argv, input);
}

CommandResult shell(const std::string& command) { return run_command({"/bin/sh", "-c", command}); }

std::size_t lines_of(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

bool has_terminal_controls(const std::string& text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("clean -o FILE says once, before any work, that FILE is not a directory", "[cli][inputs]") {
  TempDir dir;
  std::vector<std::string> arguments = {"clean", "-o", (dir.path() / "not-a-dir").string()};
  write_file(dir.path() / "not-a-dir", "x");
  for (int i = 0; i < 50; ++i) {
    write_file(dir.path() / ("p" + std::to_string(i) + ".html"), page("Page " + std::to_string(i)));
    arguments.push_back((dir.path() / ("p" + std::to_string(i) + ".html")).string());
  }
  const CommandResult result = run_winnow(arguments);
  CHECK(result.exit_code == 2);
  CHECK(lines_of(result.err) == 1);
  CHECK(result.err.find("not a directory") != std::string::npos);
  CHECK(read_file(dir.path() / "not-a-dir") == "x");
}

TEST_CASE("clean -o into a directory that cannot be written says so once", "[cli][inputs]") {
  if (geteuid() == 0) {
    // root writes anywhere: a path below a regular file cannot be created by anyone.
    TempDir dir;
    write_file(dir.path() / "file", "x");
    write_file(dir.path() / "a.html", page("A"));
    write_file(dir.path() / "b.html", page("B"));
    const CommandResult result = run_winnow({"clean", "-o", (dir.path() / "file" / "out").string(),
                                         (dir.path() / "a.html").string(), (dir.path() / "b.html").string()});
    CHECK(result.exit_code == 1);
    CHECK(lines_of(result.err) == 1);
    CHECK(result.err.find("cannot create this directory") != std::string::npos);
    return;
  }
  TempDir dir;
  fs::create_directory(dir.path() / "locked");
  fs::permissions(dir.path() / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  write_file(dir.path() / "a.html", page("A"));
  const CommandResult result = run_winnow({"clean", "-o", (dir.path() / "locked").string(), (dir.path() / "a.html").string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("cannot write into this directory") != std::string::npos);
}

TEST_CASE("clean --url must be an absolute address, never silently empty", "[cli][inputs]") {
  TempDir dir;
  write_file(dir.path() / "a.html", page("A"));
  const std::string input = (dir.path() / "a.html").string();
  for (const std::string url : {"", "  ", "/relative/path", "example.com/a", "javascript:alert(1)"}) {
    const CommandResult result = run_winnow({"clean", "--url", url, input});
    INFO(url);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("absolute address") != std::string::npos);
  }
  CHECK(run_winnow({"clean", "--url", "https://example.com/a", input}).exit_code == 0);
  CHECK(run_winnow({"clean", "--charset", "", input}).exit_code == 2);
  CHECK(run_winnow({"clean", "-o", "", input}).exit_code == 2);
}

TEST_CASE("clean -o writes outputs whose names are at the file system's limit", "[cli][inputs]") {
  TempDir dir;
  const std::string name = std::string(245, 'n') + ".html";  // 250 bytes; the output name is 249
  write_file(dir.path() / name, page("Long"));
  const CommandResult result = run_winnow({"clean", "-o", (dir.path() / "out").string(), (dir.path() / name).string()});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(read_file(dir.path() / "out" / (std::string(245, 'n') + ".txt")).find("harbour board") != std::string::npos);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path() / "out")) files += entry.is_regular_file();
  CHECK(files == 1);  // no temporary file left behind
}

TEST_CASE("gzip, zstd and bzip2 files are read transparently, and a bomb stops at the cap", "[cli][inputs]") {
  TempDir dir;
  const fs::path html = dir.path() / "page.html";
  write_file(html, page("Compressed"));
  REQUIRE(shell("cd '" + dir.path().string() +
                "' && gzip -k page.html && zstd -q page.html -o page.html.zst && bzip2 -k page.html && "
                "cat page.html.gz page.html.gz > twice.html.gz && gzip -c page.html > noext")
              .exit_code == 0);
  const std::string expected = run_winnow({"clean", html.string()}).out;
  REQUIRE(expected.find("harbour board") != std::string::npos);
  for (const std::string name : {"page.html.gz", "page.html.zst", "page.html.bz2", "noext"}) {
    const CommandResult result = run_winnow({"clean", (dir.path() / name).string()});
    INFO(name << ": " << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out == expected);
  }
  // Several gzip members are one stream; the article text appears twice.
  const CommandResult twice = run_winnow({"clean", "-f", "json", (dir.path() / "twice.html.gz").string()});
  CHECK(twice.exit_code == 0);
  // stdin too, and -o names drop both extensions.
  CHECK(run_winnow({"clean", "-"}, read_file(dir.path() / "page.html.zst")).out == expected);
  CHECK(run_winnow({"clean", "-o", (dir.path() / "out").string(), (dir.path() / "page.html.gz").string()}).exit_code == 0);
  CHECK(fs::exists(dir.path() / "out" / "page.txt"));

  // Damage and truncation are reported, not cleaned as garbage.
  const std::string gz = read_file(dir.path() / "page.html.gz");
  write_file(dir.path() / "cut.html.gz", gz.substr(0, gz.size() / 2));
  CommandResult cut = run_winnow({"clean", (dir.path() / "cut.html.gz").string()});
  CHECK(cut.exit_code == 1);
  CHECK(cut.err.find("gzip data is truncated") != std::string::npos);
  const std::string zst = read_file(dir.path() / "page.html.zst");
  write_file(dir.path() / "cut.html.zst", zst.substr(0, zst.size() - 8));
  cut = run_winnow({"clean", (dir.path() / "cut.html.zst").string()});
  CHECK(cut.exit_code == 1);
  CHECK(cut.err.find("zstd data is") != std::string::npos);

  // 200 MB of zeros in 200 KB of gzip: refused at the 64 MiB cap, quickly and without the memory.
  REQUIRE(shell("head -c 200000000 /dev/zero | gzip -1 > '" + (dir.path() / "bomb.gz").string() + "'").exit_code == 0);
  const CommandResult bomb = run_winnow({"clean", (dir.path() / "bomb.gz").string()});
  CHECK(bomb.exit_code == 1);
  CHECK(bomb.err.find("inflates to more than the 64 MiB limit") != std::string::npos);
}

TEST_CASE("directories give every file that opens like a page, whatever its name", "[cli][inputs]") {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  write_file(site / "index.php?id=3", page("Query"));
  write_file(site / "news" / "page", page("Plain"));
  write_file(site / "news" / "a.HTML", page("Upper"));
  write_file(site / "app.js", "var s = \"<body>\";\n");
  write_file(site / "style.css", "body { color: red }\n");
  write_file(site / "feed.xml", "<?xml version=\"1.0\"?><rss><channel><title>t</title></channel></rss>");
  write_file(site / "robots.txt", "User-agent: *\nDisallow:\n");
  write_file(site / "logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  REQUIRE(shell("gzip -c '" + (site / "news" / "page").string() + "' > '" + (site / "zipped").string() + "'").exit_code == 0);
  const CommandResult result = run_winnow({"clean", "--jsonl", site.string()});
  CHECK(result.exit_code == 0);
  CHECK(lines_of(result.out) == 4);
  for (const std::string name : {"index.php?id=3", "news/page", "news/a.HTML", "zipped"}) {
    CHECK(result.out.find("/site/" + name + "\"") != std::string::npos);
  }
  // -o keeps names whose "extension" is part of a URL.
  CHECK(run_winnow({"clean", "-o", (dir.path() / "out").string(), site.string()}).exit_code == 0);
  CHECK(fs::exists(dir.path() / "out" / "index.php?id=3.txt"));
  CHECK(fs::exists(dir.path() / "out" / "news" / "page.txt"));
  CHECK(run_winnow({"clean", "--help"}).out.find("index.php?id=3") != std::string::npos);
}

TEST_CASE("UTF-16 pages with a BOM are cleaned as HTML, from a file and from stdin", "[cli][inputs]") {
  TempDir dir;
  const std::string html = page("Sixteen");
  std::string utf16 = "\xFF\xFE";
  for (char c : html) {
    utf16 += c;
    utf16 += '\0';
  }
  write_file(dir.path() / "u16.html", utf16);
  const CommandResult file = run_winnow({"clean", (dir.path() / "u16.html").string()});
  CHECK(file.exit_code == 0);
  CHECK(file.out.find("<") == std::string::npos);
  CHECK(file.out.find("harbour board") != std::string::npos);
  CHECK(run_winnow({"clean", "-"}, utf16).out == file.out);
}

TEST_CASE("terminal controls in a page or its name never reach the terminal", "[cli][inputs]") {
  TempDir dir;
  const std::string hostile = "<html><head><title>&#27;]0;PWNED&#7;Title</title></head><body><article><p>" + kProse +
                              " &#27;[2J \x1b[31m red</p></article></body></html>";
  write_file(dir.path() / "a.html", hostile);
  for (const std::string format : {"text", "markdown", "html", "json"}) {
    const CommandResult result = run_winnow({"clean", "-f", format, (dir.path() / "a.html").string()});
    INFO(format);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("PWNED") != std::string::npos);
    CHECK_FALSE(has_terminal_controls(result.out));
  }
  // A file name with an escape sequence is echoed in messages without it.
  const fs::path named = dir.path() / "\x1b[2Jempty.html";
  write_file(named, "");
  const CommandResult result = run_winnow({"clean", named.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("[2Jempty.html") != std::string::npos);
  CHECK_FALSE(has_terminal_controls(result.err));
}

TEST_CASE("clean -o shows a progress line on a terminal, and none elsewhere", "[cli][inputs]") {
  TempDir dir;
  for (int i = 0; i < 20; ++i) write_file(dir.path() / "in" / ("p" + std::to_string(i) + ".html"), page("P"));
  // script(1) gives the command a terminal.
  const CommandResult tty = shell("script -qec '" + std::string(WINNOW_BIN) + " clean -o " +
                                  (dir.path() / "out").string() + " " + (dir.path() / "in").string() + "' /dev/null");
  CHECK(tty.exit_code == 0);
  CHECK(tty.out.find("20/20 done") != std::string::npos);
  const CommandResult piped = run_winnow({"clean", "-o", (dir.path() / "out2").string(), (dir.path() / "in").string()});
  CHECK(piped.exit_code == 0);
  CHECK(piped.err.empty());
  // -q silences it on a terminal too.
  const CommandResult quiet = shell("script -qec '" + std::string(WINNOW_BIN) + " clean -q -o " +
                                    (dir.path() / "out3").string() + " " + (dir.path() / "in").string() + "' /dev/null");
  CHECK(quiet.out.find("done") == std::string::npos);
}
