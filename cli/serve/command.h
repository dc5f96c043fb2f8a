// `winnow serve`: registers the subcommand and its options.
#pragma once

#include <CLI/CLI.hpp>

namespace winnow::cli {

// Adds `serve` to `app`. When it runs (during app.parse(), until Ctrl-C), its
// exit code from exit_codes.h is stored in `exit_code`, which must outlive the parse.
void register_serve_command(CLI::App& app, int& exit_code);

}  // namespace winnow::cli
