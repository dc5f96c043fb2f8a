// CLI11 checks shared by the subcommands' options, so an empty or malformed value is refused the same way everywhere.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace winnow::cli {

// Each returns an empty string when the value is acceptable, else what is
// wrong and what to do; wrap them as CLI::Validator(check, "") so CLI11
// refuses the value (exit 2) before the subcommand runs.

// Refuses an empty or whitespace-only value: `--url ""` is a mistake, not "no URL".
std::string check_not_empty(const std::string& value);

// --url of a page: its own absolute http(s) or file:/// address; an empty or relative value is a mistake, not "no URL".
std::string check_page_url(const std::string& url);

// Makes every option of `app` and of its subcommands, recursively, that takes
// a value refuse an empty one (check_not_empty): `--url ""`, `--archive ""`,
// `--log ""` are mistakes, never "use the default". Positional arguments are
// left to their commands. Call once, after every subcommand is registered.
void refuse_empty_values(CLI::App& app);

}  // namespace winnow::cli
