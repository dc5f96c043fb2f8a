// End-to-end tests of `winnow clean`: runs the built binary on pages written to a temporary directory.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::CommandResult;
using winnow::test::run_command;

using winnow::test::read_file;
using winnow::test::TempDir;
using winnow::test::write_file;

// The first sentence of paragraph `i` of the article about `topic`: obvious article text.
std::string sentence(const std::string& topic, int i) {
  return "The " + topic + " survey number " + std::to_string(i) +
         " found that the northern valley had changed more than anyone expected";
}

// A page with navigation, a script and a footer around an <article> of four long paragraphs.
std::string article_page(const std::string& topic) {
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + topic +
                     " report</title><script>trackVisitor();</script></head><body>"
                     "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
                     "<li><a href=\"/login\">Sign in to your account</a></li></ul></nav>"
                     "<article><h1>" + topic + " report</h1>";
  for (int i = 0; i < 4; ++i) {
    html += "<p>" + sentence(topic, i) +
            ". Researchers walked the river banks for weeks, measured the water every morning, and "
            "wrote down what the farmers told them about floods, droughts and the slow return of the "
            "fish that had left the valley many years before.</p>";
  }
  html += "</article><footer><p>Copyright 2024 Example Media</p></footer></body></html>";
  return html;
}

std::string no_article_page() {
  return "<html><head><title>Menu</title></head><body><nav><a href=\"/a\">A</a> "
         "<a href=\"/b\">B</a></nav></body></html>";
}

CommandResult run_winnow(std::vector<std::string> arguments, std::string_view stdin_data = {}) {
  arguments.insert(arguments.begin(), WINNOW_BIN);
  return run_command(arguments, stdin_data);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> files_under(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) names.push_back(entry.path().lexically_relative(directory).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("clean prints the article of one input on stdout", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "river.html", article_page("River"));

  const CommandResult result = run_winnow({"clean", (dir.path() / "river.html").string()});

  CHECK(result.exit_code == 0);
  for (int i = 0; i < 4; ++i) CHECK(contains(result.out, sentence("River", i)));
  CHECK_FALSE(contains(result.out, "trackVisitor"));
  CHECK_FALSE(contains(result.out, "Sign in to your account"));
  CHECK_FALSE(contains(result.err, "winnow: error"));
}

TEST_CASE("clean reads standard input given as -", "[cli]") {
  TempDir dir;
  const CommandResult to_stdout = run_winnow({"clean", "-"}, article_page("Lake"));
  CHECK(to_stdout.exit_code == 0);
  CHECK(contains(to_stdout.out, sentence("Lake", 2)));

  const fs::path out = dir.path() / "out";
  const CommandResult to_dir = run_winnow({"clean", "-", "-o", out.string()}, article_page("Lake"));
  CHECK(to_dir.exit_code == 0);
  REQUIRE(files_under(out) == std::vector<std::string>{"stdin.txt"});
  CHECK(contains(read_file(out / "stdin.txt"), sentence("Lake", 0)));
}

TEST_CASE("clean -o names each output after its input with the format's extension", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "river.html", article_page("River"));
  write_file(dir.path() / "pages" / "sub" / "sea.htm", article_page("Sea"));
  write_file(dir.path() / "pages" / "notes.txt", "not a page");

  const std::vector<std::pair<std::string, std::string>> formats = {
      {"text", "txt"}, {"markdown", "md"}, {"md", "md"}, {"html", "html"}, {"json", "json"}};
  for (const auto& [format, extension] : formats) {
    SECTION("--format " + format) {
      const fs::path out = dir.path() / ("out-" + format);
      const CommandResult result = run_winnow({"clean", "--format", format, "-o", out.string(),
                                           (dir.path() / "river.html").string(),
                                           (dir.path() / "pages").string()});
      CHECK(result.exit_code == 0);
      CHECK(result.out.empty());
      // Exactly the expected names: no temporary files left, notes.txt not taken as a page.
      const std::vector<std::string> expected = {"river." + extension, "sub/sea." + extension};
      REQUIRE(files_under(out) == expected);

      const std::string river = read_file(out / ("river." + extension));
      const std::string sea = read_file(out / "sub" / ("sea." + extension));
      if (format == "json") {
        CHECK(contains(nlohmann::json::parse(river).at("text").get<std::string>(), sentence("River", 1)));
        CHECK(contains(nlohmann::json::parse(sea).at("text").get<std::string>(), sentence("Sea", 1)));
      } else {
        CHECK(contains(river, sentence("River", 1)));
        CHECK(contains(sea, sentence("Sea", 3)));
        CHECK_FALSE(contains(river, "trackVisitor"));
      }
    }
  }
}

TEST_CASE("clean -o never lets two inputs with the same name overwrite each other", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "a" / "page.html", article_page("River"));
  write_file(dir.path() / "b" / "page.html", article_page("Sea"));
  write_file(dir.path() / "c" / "page.html", article_page("Lake"));
  const fs::path out = dir.path() / "out";

  const CommandResult result =
      run_winnow({"clean", "-o", out.string(), (dir.path() / "a" / "page.html").string(),
              (dir.path() / "b" / "page.html").string(), (dir.path() / "c").string()});

  CHECK(result.exit_code == 0);
  REQUIRE(files_under(out) == std::vector<std::string>{"page-2.txt", "page-3.txt", "page.txt"});
  CHECK(contains(read_file(out / "page.txt"), sentence("River", 0)));
  CHECK(contains(read_file(out / "page-2.txt"), sentence("Sea", 0)));
  CHECK(contains(read_file(out / "page-3.txt"), sentence("Lake", 0)));
}

TEST_CASE("clean with several inputs and no -o prints each after a ==> header", "[cli]") {
  TempDir dir;
  const fs::path first = dir.path() / "first.html";
  const fs::path second = dir.path() / "second.html";
  write_file(first, article_page("River"));
  write_file(second, article_page("Sea"));

  const CommandResult result = run_winnow({"clean", first.string(), second.string()});

  CHECK(result.exit_code == 0);
  const auto first_header = result.out.find("==> " + first.string() + " <==\n");
  const auto second_header = result.out.find("==> " + second.string() + " <==\n");
  const auto first_text = result.out.find(sentence("River", 0));
  const auto second_text = result.out.find(sentence("Sea", 0));
  REQUIRE(first_header != std::string::npos);
  REQUIRE(second_header != std::string::npos);
  CHECK(first_header < first_text);
  CHECK(first_text < second_header);
  CHECK(second_header < second_text);
  CHECK(second_text != std::string::npos);
}

TEST_CASE("clean --jsonl prints one JSON object per input, errors included", "[cli]") {
  TempDir dir;
  const fs::path good = dir.path() / "good.html";
  const fs::path missing = dir.path() / "missing.html";
  write_file(good, article_page("River"));

  const CommandResult result = run_winnow({"clean", "--jsonl", good.string(), missing.string()});

  CHECK(result.exit_code == 1);
  std::istringstream lines(result.out);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  REQUIRE(objects.size() == 2);
  CHECK(objects[0].at("source") == good.string());
  CHECK(contains(objects[0].at("text").get<std::string>(), sentence("River", 3)));
  CHECK_FALSE(objects[0].contains("error"));
  CHECK(objects[1].at("source") == missing.string());
  CHECK_FALSE(objects[1].at("error").get<std::string>().empty());
  CHECK_FALSE(objects[1].contains("text"));
}

TEST_CASE("clean reports a missing file, still writes the other input and exits 1", "[cli]") {
  TempDir dir;
  const fs::path missing = dir.path() / "missing.html";
  write_file(dir.path() / "river.html", article_page("River"));
  const fs::path out = dir.path() / "out";

  const CommandResult result =
      run_winnow({"clean", "-o", out.string(), missing.string(), (dir.path() / "river.html").string()});

  CHECK(result.exit_code == 1);
  CHECK(contains(result.err, "winnow: error: " + missing.string() + ": "));
  REQUIRE(files_under(out) == std::vector<std::string>{"river.txt"});
  CHECK(contains(read_file(out / "river.txt"), sentence("River", 2)));
}

TEST_CASE("clean fails on an empty file, an empty directory and an oversized file", "[cli]") {
  TempDir dir;
  SECTION("empty file") {
    write_file(dir.path() / "empty.html", "");
    const CommandResult result = run_winnow({"clean", (dir.path() / "empty.html").string()});
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "winnow: error: " + (dir.path() / "empty.html").string() + ": "));
  }
  SECTION("directory without HTML files") {
    fs::create_directories(dir.path() / "nothing");
    const CommandResult result = run_winnow({"clean", (dir.path() / "nothing").string()});
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "winnow: error: " + (dir.path() / "nothing").string() + ": "));
  }
  SECTION("file over the 64 MiB input limit") {
    const fs::path big = dir.path() / "big.html";
    write_file(big, "<p>");
    fs::resize_file(big, (64u << 20) + 1);  // sparse: costs no disk
    const CommandResult result = run_winnow({"clean", big.string()});
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "winnow: error: " + big.string() + ": "));
    CHECK(result.out.empty());
  }
}

TEST_CASE("clean warns about a page with no article but exits 0", "[cli]") {
  TempDir dir;
  const fs::path page = dir.path() / "menu.html";
  write_file(page, no_article_page());

  const CommandResult result = run_winnow({"clean", page.string()});
  CHECK(result.exit_code == 0);
  CHECK(contains(result.err, "winnow: warning: " + page.string() + ": "));

  const CommandResult quiet = run_winnow({"clean", "-q", page.string()});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("clean rejects usage errors with exit code 2", "[cli]") {
  TempDir dir;
  const std::string page = (dir.path() / "page.html").string();
  write_file(page, article_page("River"));
  const std::vector<std::vector<std::string>> bad_command_lines = {
      {},
      {"clean"},
      {"clean", "--no-such-option", page},
      {"clean", "--format", "pdf", page},
      {"clean", "--jsonl", "-o", (dir.path() / "out").string(), page},
      {"clean", "--url", "https://example.com/a", page, page},
      {"clean", "-", "-"},
  };
  for (const auto& arguments : bad_command_lines) {
    const CommandResult result = run_winnow(arguments);
    INFO("arguments: " << nlohmann::json(arguments).dump());
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "winnow: error: "));
    CHECK(result.out.empty());
  }
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("help lists the exit codes", "[cli]") {
  for (const auto& arguments : std::vector<std::vector<std::string>>{{"--help"}, {"clean", "--help"}}) {
    const CommandResult result = run_winnow(arguments);
    INFO("arguments: " << nlohmann::json(arguments).dump());
    CHECK(result.exit_code == 0);
    const auto section = result.out.find("Exit codes");
    REQUIRE(section != std::string::npos);
    for (const char* code : {"\n  0 ", "\n  1 ", "\n  2 "}) {
      CHECK(result.out.find(code, section) != std::string::npos);
    }
  }
}

TEST_CASE("clean reports page_type in JSON, and --page-type forces it or refuses an unknown type", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "river.html", article_page("River"));
  const std::string page = (dir.path() / "river.html").string();

  const CommandResult decided = run_winnow({"clean", "--format", "json", page});
  CHECK(decided.exit_code == 0);
  CHECK(contains(decided.out, "\"page_type\":\"article\""));

  const CommandResult forced = run_winnow({"clean", "--jsonl", "--page-type", "forum", page});
  CHECK(forced.exit_code == 0);
  CHECK(contains(forced.out, "\"page_type\":\"forum\""));
  CHECK(contains(forced.out, sentence("River", 3)));

  const CommandResult refused = run_winnow({"clean", "--page-type", "blog", page});
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.err, "--page-type"));
  CHECK(refused.out.empty());
}
