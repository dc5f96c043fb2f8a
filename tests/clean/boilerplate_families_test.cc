// End-to-end: `winnow clean` on every boilerplate family page (fixtures/boilerplate, three markups each) keeps the article and drops that family.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/expect_check.h"
#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;
using winnow::test::check_output;
using winnow::test::ExpectLine;
using winnow::test::ExpectMark;

const fs::path kFamilyDir = fs::path(WINNOW_FIXTURES) / "boilerplate";
// One page per family named in the fixture brief; fewer means a page went missing.
constexpr std::size_t kMinFamilies = 15;
// Each family in at least this many markups: <family>.html plus <family>--<markup>.html.
constexpr std::size_t kMinMarkups = 3;
// A title plus the 4-6 paragraphs of the article.
constexpr std::size_t kMinKeptLines = 5;

std::size_t count_marked(const std::vector<ExpectLine>& lines, ExpectMark mark) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const ExpectLine& line) { return line.mark == mark; }));
}

fs::path expect_path_for(const fs::path& page) {
  auto path = page;
  path.replace_extension(".expect");
  return path;
}

}  // namespace

TEST_CASE("boilerplate family expect files are well formed and tell a perfect output from a naive one",
          "[expect][boilerplate]") {
  const auto pages = winnow::test::list_files(kFamilyDir, ".html");
  REQUIRE(pages.size() >= kMinFamilies);
  for (const auto& page : pages) {
    INFO(page.filename().string());
    const auto expect = winnow::test::read_expect_file(expect_path_for(page));
    CHECK(expect.errors.empty());
    CHECK(count_marked(expect.lines, ExpectMark::kKeep) >= kMinKeptLines);
    CHECK(count_marked(expect.lines, ExpectMark::kDrop) >= 1);
    CHECK(winnow::test::self_contradictions(expect.lines).empty());

    CHECK(check_output(expect.lines, winnow::test::perfect_output(expect.lines)).ok());
    const auto naive = check_output(expect.lines, winnow::test::naive_output(expect.lines));
    CHECK(naive.missing.empty());
    CHECK(naive.leaked.size() == count_marked(expect.lines, ExpectMark::kDrop));
  }
}

TEST_CASE("every boilerplate family comes in at least three markups", "[expect][boilerplate]") {
  std::map<std::string, std::set<std::string>> markups;  // family -> markup suffixes
  for (const auto& page : winnow::test::list_files(kFamilyDir, ".html")) {
    std::string stem = page.stem().string();
    std::size_t cut = stem.find("--");
    std::string family = stem.substr(0, cut);
    markups[family].insert(cut == std::string::npos ? "original" : stem.substr(cut + 2));
  }
  CHECK(markups.size() >= kMinFamilies);
  for (const auto& [family, kinds] : markups) {
    INFO(family);
    CHECK(kinds.size() >= kMinMarkups);
  }
}

TEST_CASE("winnow clean keeps the article and drops each boilerplate family",
          "[e2e][boilerplate]") {
  const auto pages = winnow::test::list_files(kFamilyDir, ".html");
  REQUIRE(pages.size() >= kMinFamilies);
  for (const auto& page : pages) {
    const auto expect = winnow::test::read_expect_file(expect_path_for(page));
    const auto result = winnow::test::run_command({WINNOW_BIN, "clean", page.string()});
    const auto report = check_output(expect.lines, result.out);
    INFO(page.filename().string() << "\nstderr: " << result.err << "\n" << report.describe()
                                  << "output:\n" << result.out);
    CHECK(expect.errors.empty());
    CHECK(result.exit_code == 0);
    CHECK(report.ok());
  }
}
