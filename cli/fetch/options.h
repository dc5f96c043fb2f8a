// The crawler options shared by `winnow fetch`, `archive add URL` and `archive update`, and the URL list reader.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "winnow/fetch.h"
#include "winnow/result.h"

namespace winnow::cli {

// Registers --concurrency, --per-host, --delay, --ignore-robots,
// --max-crawl-delay, --timeout, --connect-timeout, --retries, --max-redirects,
// --max-size, --user-agent and --insecure on `command`, writing into
// `options` (which starts at fetch::Options' defaults).
void add_fetch_options(CLI::App* command, fetch::Options& options);

// The URLs of a list file (or "-" for stdin): one per line, blank lines and
// lines starting with '#' skipped, surrounding whitespace trimmed. Fails
// (kIo) when the file cannot be read.
Result<std::vector<std::string>> read_url_list(const std::string& path);

// Prints a fetch Notice (e.g. a capped Crawl-delay) as a warning naming its host.
void report_notice(const fetch::Notice& notice);

}  // namespace winnow::cli
