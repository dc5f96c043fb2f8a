// `winnow clean`: HTML files, directories or stdin in; their articles out as text, markdown, html or json.
#pragma once

#include <CLI/CLI.hpp>

namespace winnow::cli {

// Adds the `clean` subcommand to `app`. When the subcommand runs (during
// app.parse()), its exit code from exit_codes.h is stored in `exit_code`,
// which must outlive the parse.
void register_clean_command(CLI::App& app, int& exit_code);

}  // namespace winnow::cli
