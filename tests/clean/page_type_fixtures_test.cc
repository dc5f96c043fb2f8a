// End-to-end: `winnow clean` on each page-type fixture (fixtures/page_types: documentation, product, collection, listing, service and forum pages) keeps its main content and drops the chrome.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "support/expect_check.h"
#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;

const fs::path kPageTypeDir = fs::path(WINNOW_FIXTURES) / "page_types";
// The pages that pass today; fewer means one went missing.
constexpr std::size_t kMinPages = 8;

}  // namespace

TEST_CASE("winnow clean keeps the main content of each page type and drops its chrome", "[e2e][page_type]") {
  const auto pages = winnow::test::list_files(kPageTypeDir, ".html");
  REQUIRE(pages.size() >= kMinPages);
  for (const auto& page : pages) {
    auto expect_path = page;
    expect_path.replace_extension(".expect");
    const auto expect = winnow::test::read_expect_file(expect_path);
    const auto result = winnow::test::run_command({WINNOW_BIN, "clean", page.string()});
    const auto report = winnow::test::check_output(expect.lines, result.out);
    INFO(page.filename().string() << "\nstderr: " << result.err << "\n" << report.describe() << "output:\n"
                                  << result.out);
    CHECK(expect.errors.empty());
    CHECK(result.exit_code == 0);
    CHECK(report.ok());
    // A perfect output passes and a naive one (every line) leaks every dropped line: the file can tell them apart.
    CHECK(winnow::test::check_output(expect.lines, winnow::test::perfect_output(expect.lines)).ok());
    CHECK_FALSE(winnow::test::check_output(expect.lines, winnow::test::naive_output(expect.lines)).leaked.empty());
  }
}
