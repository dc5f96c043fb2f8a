// The crawler options shared by `winnow fetch`, `archive add URL` and `archive update`, the URL list reader and the batch runner.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "common/stop_signals.h"
#include "winnow/fetch.h"
#include "winnow/result.h"

namespace winnow::cli {

// Registers --concurrency, --per-host, --delay, --ignore-robots,
// --max-crawl-delay, --timeout, --connect-timeout, --retries, --max-redirects,
// --max-size, --user-agent and --insecure on `command`, writing into
// `options` (which starts at fetch::Options' defaults).
void add_fetch_options(CLI::App* command, fetch::Options& options);

// Registers --warc FILE on `command`, writing the path into `warc_path`.
void add_warc_option(CLI::App* command, std::string& warc_path);

// The URLs of a list file (or "-" for stdin): one per line, blank lines and
// lines starting with '#' skipped, surrounding whitespace trimmed. Fails
// (kIo) when the file cannot be read.
Result<std::vector<std::string>> read_url_list(const std::string& path);

// Runs fetch::fetch_all as the fetching commands do: the terminal progress
// line (URLs done and failed; hosts waiting, active and done) and the notices (a capped Crawl-delay, as warnings naming the host)
// unless `quiet`, and a SIGINT/SIGTERM caught by `signals` stopping the batch.
// `on_response` is called as fetch_all calls it. With a `warc_path`, every
// exchange is also written there (WarcRecorder) before `on_response` sees it.
// Returns false, after printing the Error, when the batch cannot start
// ("cannot initialise libcurl") or the WARC file cannot be written.
bool fetch_batch(const std::vector<fetch::Request>& requests, const fetch::Options& options, bool quiet,
                 const StopOnSignals& signals, const std::function<void(fetch::Response&&)>& on_response,
                 const std::string& warc_path = {});

}  // namespace winnow::cli
