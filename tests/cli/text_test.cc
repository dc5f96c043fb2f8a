// End-to-end: `winnow clean --input text` on the seed texts, on bad input, and its --explain and format output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/expect_check.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::run_command;

const fs::path kSeedTexts = fs::path(WINNOW_FIXTURES) / "seeds-text";

std::size_t count_lines(const std::string& text, std::string_view prefix) {
  std::size_t count = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.compare(start, prefix.size(), prefix) == 0) ++count;
    start = end + 1;
  }
  return count;
}

}  // namespace

TEST_CASE("every seed text keeps its + lines in order and drops its - lines", "[cli][text][seeds]") {
  const auto texts = winnow::test::list_files(kSeedTexts, ".txt");
  REQUIRE(texts.size() == 5);
  for (const fs::path& text : texts) {
    const auto expect = winnow::test::read_expect_file(fs::path(text).replace_extension(".expect"));
    REQUIRE(expect.errors.empty());
    REQUIRE(expect.lines.size() >= 10);
    const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", text.string()});
    INFO(text.filename().string() << "\n" << result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = winnow::test::check_output(expect.lines, result.out);
    INFO(report.describe());
    CHECK(report.ok());
    // And the naive input itself fails the same check: the test can fail.
    CHECK_FALSE(winnow::test::check_output(expect.lines, winnow::test::read_file(text)).ok());
  }
}

TEST_CASE("text output is the kept lines unchanged, and auto-detection reads text as text", "[cli][text]") {
  const fs::path text = winnow::test::list_files(kSeedTexts, ".txt").front();
  const std::string input = winnow::test::read_file(text);
  const auto forced = run_command({WINNOW_BIN, "clean", "--input", "text", text.string()});
  const auto sniffed = run_command({WINNOW_BIN, "clean", text.string()});
  REQUIRE(forced.exit_code == 0);
  CHECK(sniffed.out == forced.out);
  // Every output line is a whole line of the input.
  std::size_t start = 0;
  while (start < forced.out.size()) {
    const std::size_t end = forced.out.find('\n', start);
    const std::string line = forced.out.substr(start, end - start);
    if (!line.empty()) CHECK(input.find(line + "\n") != std::string::npos);
    start = end + 1;
  }
}

TEST_CASE("json output of text input carries the title and the kept text", "[cli][text]") {
  const fs::path text = winnow::test::list_files(kSeedTexts, ".txt").front();
  const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "-f", "json", text.string()});
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK_FALSE(json["title"].get<std::string>().empty());
  CHECK(json["word_count"].get<int>() > 100);
  CHECK(json["text"].get<std::string>().find("Like Us on Facebook") == std::string::npos);
}

TEST_CASE("explaining lists every block with keep or drop, its score and reasons", "[cli][text]") {
  const fs::path text = winnow::test::list_files(kSeedTexts, ".txt").front();
  const auto expect = winnow::test::read_expect_file(fs::path(text).replace_extension(".expect"));
  const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "--explain", text.string()});
  REQUIRE(result.exit_code == 0);
  CHECK(count_lines(result.out, "keep") + count_lines(result.out, "drop") == expect.lines.size());
  CHECK(count_lines(result.out, "drop") >= 3);
  CHECK(result.out.find("context ") != std::string::npos);

  const auto json = run_command({WINNOW_BIN, "clean", "--input", "text", "--explain", "-f", "json", text.string()});
  REQUIRE(json.exit_code == 0);
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["blocks"].size() == expect.lines.size());
  CHECK(parsed["blocks"][0].contains("reasons"));

  const fs::path html = fs::path(WINNOW_FIXTURES) / "seeds" / text.filename().replace_extension(".html");
  const auto on_html = run_command({WINNOW_BIN, "clean", "--explain", html.string()});
  CHECK(on_html.exit_code == 1);
  CHECK(on_html.err.find("--explain") != std::string::npos);
}

TEST_CASE("bad text input gets a clear error or clean handling", "[cli][text][bad-input]") {
  SECTION("empty and blank input") {
    for (const std::string input : {"", "\n\n  \r\n"}) {
      const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "-"}, input);
      CHECK(result.exit_code == 1);
      CHECK(result.err.find("input is empty") != std::string::npos);
    }
  }
  SECTION("binary data") {
    std::string bytes(4096, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7919) % 256);
    const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "-"}, bytes);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("binary") != std::string::npos);
  }
  SECTION("invalid UTF-8 comes out as valid UTF-8") {
    const std::string prose =
        "The council voted on Tuesday to keep the library open on Sundays, after a long debate \xff\xfe about costs.\n";
    std::string input;
    for (int i = 0; i < 8; ++i) input += prose;
    const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "-f", "json", "-"}, input);
    REQUIRE(result.exit_code == 0);
    CHECK_NOTHROW(nlohmann::json::parse(result.out));  // nlohmann rejects invalid UTF-8
    CHECK(result.out.find("\xff") == std::string::npos);
  }
  SECTION("Windows line endings: blocks are lines, output has no carriage returns") {
    const std::string input = winnow::test::read_file(winnow::test::list_files(kSeedTexts, ".txt").front());
    std::string crlf;
    for (char c : input) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    const auto unix_result = run_command({WINNOW_BIN, "clean", "--input", "text", "-"}, input);
    const auto windows_result = run_command({WINNOW_BIN, "clean", "--input", "text", "-"}, crlf);
    REQUIRE(windows_result.exit_code == 0);
    CHECK(windows_result.out.find('\r') == std::string::npos);
    CHECK(windows_result.out == unix_result.out);
  }
  SECTION("a single 10 MB line is handled quickly") {
    std::string line;
    while (line.size() < 10'000'000) line += "word and another word, then a sentence ends. ";
    const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "-f", "json", "-"}, line + "\n", 30);
    CHECK(result.exit_code == 0);
    CHECK(result.exit_code != 128 + 9);
  }
}

TEST_CASE("a directory with --input text reads its .txt files", "[cli][text]") {
  winnow::test::TempDir dir;
  const auto out = dir.path() / "out";
  const auto result = run_command({WINNOW_BIN, "clean", "--input", "text", "-q", "-o", out.string(), kSeedTexts.string()});
  REQUIRE(result.exit_code == 0);
  CHECK(winnow::test::list_files(out, ".txt").size() == 5);
}
