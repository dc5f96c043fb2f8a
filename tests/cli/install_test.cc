// What an installed winnow offers besides the libraries: --version, the man page and the bash completion made from --help.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace {

using winnow::test::CommandResult;
using winnow::test::run_command;

// What the generated completion offers for the words typed so far (the last one being completed).
std::string complete(const std::vector<std::string>& words) {
  std::string script = std::string("source '") + WINNOW_COMPLETION + "'; COMP_WORDS=(";
  for (const std::string& word : words) script += "'" + word + "' ";
  script += "); COMP_CWORD=" + std::to_string(words.size() - 1) + "; _winnow; echo \"${COMPREPLY[*]}\"";
  const CommandResult result = run_command({"/bin/bash", "-c", script});
  REQUIRE(result.exit_code == 0);
  return result.out;
}

}  // namespace

TEST_CASE("winnow --version names winnow's version and commit and the versions of Gumbo, libcurl, zstd and SQLite", "[e2e][install]") {
  const CommandResult result = run_command({WINNOW_BIN, "--version"});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  // "winnow 0.1.0 (commit 1a2b3c4d5e6f)": a version of digits and dots, and a 12-digit hex commit (or "unknown").
  const std::string first = result.out.substr(0, result.out.find('\n'));
  REQUIRE(first.rfind("winnow ", 0) == 0);
  const std::size_t open = first.find(" (commit ");
  REQUIRE(open != std::string::npos);
  const std::string version = first.substr(7, open - 7);
  CHECK(std::count(version.begin(), version.end(), '.') == 2);
  CHECK(std::all_of(version.begin(), version.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; }));
  std::string commit = first.substr(open + 9);
  REQUIRE(commit.ends_with(")"));
  commit.pop_back();
  if (commit.ends_with("-dirty")) commit.resize(commit.size() - 6);
  CHECK((commit == "unknown" ||
         (commit.size() == 12 && std::all_of(commit.begin(), commit.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))));
  for (const char* library : {"\nGumbo ", " (built against), libcurl ", ", zstd ", ", SQLite 3."}) {
    INFO(library);
    CHECK(result.out.find(library) != std::string::npos);
  }
}

TEST_CASE("the man page has the help of every subcommand", "[e2e][install]") {
  const std::string page = winnow::test::read_file(WINNOW_MAN_PAGE);
  CHECK(page.rfind(".TH WINNOW 1", 0) == 0);
  for (const char* section : {".SH WINNOW CLEAN", ".SH WINNOW ARCHIVE ADD", ".SH WINNOW ARCHIVE VERIFY", ".SH WINNOW FETCH"}) {
    INFO(section);
    CHECK(page.find(section) != std::string::npos);
  }
  // The options are there as --help words them (roff escapes the hyphens).
  const CommandResult help = run_command({WINNOW_BIN, "clean", "--help"});
  REQUIRE(help.exit_code == 0);
  CHECK(help.out.find("--jsonl") != std::string::npos);
  CHECK(page.find("\\-\\-jsonl") != std::string::npos);
}

TEST_CASE("the bash completion completes subcommands and each subcommand's options", "[e2e][install]") {
  CHECK(complete({"winnow", "ar"}) == "archive\n");
  CHECK(complete({"winnow", "archive", "ver"}) == "verify\n");
  CHECK(complete({"winnow", "clean", "--json"}).find("--jsonl") != std::string::npos);
  CHECK(complete({"winnow", "archive", "add", "--fr"}) == "--from\n");
  CHECK(complete({"winnow", "fetch", "--per"}) == "--per-host\n");
}
