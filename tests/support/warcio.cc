// Finds node with warcio installed and runs tests/warc/js/check.mjs.
#include "support/warcio.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/run_command.h"

namespace winnow::test {
namespace {

const std::filesystem::path kJs = std::filesystem::path(WINNOW_SOURCE_DIR) / "tests/warc/js";

}  // namespace

std::string node_with_warcio() {
  const CommandResult which = run_command({"/bin/sh", "-c", "command -v node"});
  std::string node = which.out.substr(0, which.out.find('\n'));
  if (which.exit_code != 0 || node.empty()) {
    WARN("SKIPPED: node is not installed (scripts/install-deps installs it)");
    return {};
  }
  if (!std::filesystem::exists(kJs / "node_modules/warcio")) {
    WARN("SKIPPED: tests/warc/js/node_modules is missing: run scripts/install-js");
    return {};
  }
  return node;
}

nlohmann::json warcio_report(const std::string& node, const std::string& path) {
  const CommandResult run = run_command({node, (kJs / "check.mjs").string(), path}, "", 120);
  INFO(run.err);
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  return nlohmann::json::parse(run.out);
}

}  // namespace winnow::test
