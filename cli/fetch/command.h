// `winnow fetch`: fetch URLs politely, save bodies, log one JSON line per URL.
#pragma once

#include <CLI/CLI.hpp>

namespace winnow::cli {

// Adds the `fetch` subcommand to `app`; its exit code goes to `exit_code`.
void register_fetch_command(CLI::App& app, int& exit_code);

}  // namespace winnow::cli
