// End-to-end: `winnow clean` on the seed pages (fixtures/seeds) keeps their article lines in order and drops their boilerplate lines.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/expect_check.h"
#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::check_output;
using winnow::test::ExpectLine;
using winnow::test::ExpectMark;

const fs::path kSeedDir = fs::path(WINNOW_FIXTURES) / "seeds";
constexpr std::size_t kSeedCount = 5;

std::vector<ExpectLine> lines_of(std::string_view content) {
  const auto file = winnow::test::parse_expect(content);
  REQUIRE(file.errors.empty());
  return file.lines;
}

std::size_t count_marked(const std::vector<ExpectLine>& lines, ExpectMark mark) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const ExpectLine& line) { return line.mark == mark; }));
}

}  // namespace

TEST_CASE("collapse_whitespace trims and joins runs of spaces, newlines and no-break spaces",
          "[expect]") {
  using winnow::test::collapse_whitespace;
  CHECK(collapse_whitespace("  a \t b\n\nc  ") == "a b c");
  CHECK(collapse_whitespace("Jan. 8,\xC2\xA0 said") == "Jan. 8, said");
  CHECK(collapse_whitespace("caf\xC3\xA9 ok") == "caf\xC3\xA9 ok");
  CHECK(collapse_whitespace(" \n ").empty());
}

TEST_CASE("parse_expect reads marks and reports malformed lines", "[expect]") {
  const auto file = winnow::test::parse_expect("+ Title\n\n-  Menu   item \n? caption\nstray\n");
  REQUIRE(file.lines.size() == 3);
  CHECK(file.lines[0].mark == ExpectMark::kKeep);
  CHECK(file.lines[1].mark == ExpectMark::kDrop);
  CHECK(file.lines[1].text == "Menu item");
  CHECK(file.lines[1].line_number == 3);
  CHECK(file.lines[2].mark == ExpectMark::kEither);
  CHECK(file.errors.size() == 1);
}

TEST_CASE("check_output finds kept lines in order, across line breaks", "[expect]") {
  const auto expect = lines_of("+ First kept line.\n+ Second kept line.\n");
  CHECK(check_output(expect, "Title\n\nFirst kept line. More.\n\nSecond kept\nline.\n").ok());

  const auto swapped = check_output(expect, "Second kept line.\n\nFirst kept line.\n");
  CHECK(swapped.missing.empty());
  CHECK(swapped.misordered.size() == 1);

  const auto cut = check_output(expect, "First kept line.\n\nSecond kept\n");
  CHECK(cut.missing.size() == 1);
}

TEST_CASE("check_output matches short dropped lines whole, long ones also inside a line",
          "[expect]") {
  const auto expect = lines_of(
      "+ Body.\n- Read more\n- Like Us on Facebook\n- We need your support to keep going today.\n");
  CHECK(check_output(expect, "Body.\n\nYou can read more here, or Read more below.\n").ok());
  CHECK(check_output(expect, "Body.\n\n  Read   more \n").leaked.size() == 1);
  CHECK(check_output(expect, "Body.\nLike Us on Facebook\n").leaked.size() == 1);
  CHECK(check_output(expect, "Body. We need your support to keep going today. Thanks\n")
            .leaked.size() == 1);
}

TEST_CASE("seed expect files are well formed and tell a perfect output from a naive one",
          "[expect][seeds]") {
  const auto pages = winnow::test::list_files(kSeedDir, ".html");
  REQUIRE(pages.size() == kSeedCount);
  for (const auto& page : pages) {
    INFO(page.filename().string());
    auto expect_path = page;
    expect_path.replace_extension(".expect");
    const auto expect = winnow::test::read_expect_file(expect_path);
    CHECK(expect.errors.empty());
    CHECK(count_marked(expect.lines, ExpectMark::kKeep) >= 5);
    CHECK(count_marked(expect.lines, ExpectMark::kDrop) >= 1);
    CHECK(winnow::test::self_contradictions(expect.lines).empty());

    CHECK(check_output(expect.lines, winnow::test::perfect_output(expect.lines)).ok());
    const auto naive = check_output(expect.lines, winnow::test::naive_output(expect.lines));
    CHECK(naive.missing.empty());
    CHECK(naive.misordered.empty());
    CHECK(naive.leaked.size() == count_marked(expect.lines, ExpectMark::kDrop));
  }
}

TEST_CASE("winnow clean keeps each seed page's article and drops its boilerplate",
          "[e2e][seeds]") {
  const auto pages = winnow::test::list_files(kSeedDir, ".html");
  REQUIRE(pages.size() == kSeedCount);
  for (const auto& page : pages) {
    auto expect_path = page;
    expect_path.replace_extension(".expect");
    const auto expect = winnow::test::read_expect_file(expect_path);
    const auto result = winnow::test::run_command({WINNOW_BIN, "clean", page.string()});
    const auto report = check_output(expect.lines, result.out);
    INFO(page.filename().string() << "\nstderr: " << result.err << "\n" << report.describe()
                                  << "output:\n" << result.out);
    CHECK(expect.errors.empty());
    CHECK(result.exit_code == 0);
    CHECK(report.ok());
  }
}
