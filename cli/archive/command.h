// `winnow archive`: add pages to the archive and read them back (list, log, show, diff, search, stats, verify).
#pragma once

#include <CLI/CLI.hpp>

namespace winnow::cli {

// Adds the `archive` subcommand and its subcommands to `app`. When one runs
// (during app.parse()), its exit code from exit_codes.h is stored in
// `exit_code`, which must outlive the parse.
void register_archive_command(CLI::App& app, int& exit_code);

}  // namespace winnow::cli
