// Entry point of the `winnow` binary: one CLI11 app, each subcommand registered from its own file.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "archive/command.h"
#include "clean/command.h"
#include "common/exit_codes.h"
#include "common/option_checks.h"
#include "common/version.h"
#include "fetch/command.h"
#include "serve/command.h"

namespace {

std::string usage_message(const CLI::App* /*app*/, const CLI::Error& error) {
  return "winnow: error: " + std::string(error.what()) + "\nRun with --help for more information.\n";
}

int run(int argc, char** argv) {
  CLI::App app{"winnow: keeps the article, throws away the rest.", "winnow"};
  app.require_subcommand(1);
  app.footer(winnow::cli::kExitCodesHelp);
  app.failure_message(usage_message);
  app.set_version_flag("--version", winnow::cli::version_text, "Print the version, the commit and the libraries' versions, and exit");

  int exit_code = winnow::cli::kExitOk;
  winnow::cli::register_clean_command(app, exit_code);
  winnow::cli::register_archive_command(app, exit_code);
  winnow::cli::register_fetch_command(app, exit_code);
  winnow::cli::register_serve_command(app, exit_code);
  winnow::cli::refuse_empty_values(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // app.exit() prints the help or the message; only --help and friends have code 0.
    return app.exit(error) == 0 ? winnow::cli::kExitOk : winnow::cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "winnow: error: out of memory\n";
  } catch (const std::exception& error) {
    std::cerr << "winnow: error: " << error.what() << '\n';
  }
  return winnow::cli::kExitFailure;
}
