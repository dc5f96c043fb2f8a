// add_fetch_options(), read_url_list() and fetch_batch().
#include "fetch/options.h"

#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <string_view>
#include <type_traits>

#include "common/option_checks.h"
#include "fetch/warc_recorder.h"
#include "terminal/messages.h"
#include "terminal/progress_line.h"
#include "io/read_input.h"

namespace winnow::cli {
namespace {

// Adds option `name` writing into `value`, refusing values outside [low, high]; `type` names the value in --help.
template <class T>
void add_ranged(CLI::App* command, const std::string& name, T& value, const std::string& help,
                std::type_identity_t<T> low, std::type_identity_t<T> high, const std::string& type) {
  command->add_option(name, value, help)->check(CLI::Range(low, high))->type_name(type);
}

}  // namespace

void add_fetch_options(CLI::App* command, fetch::Options& options) {
  add_ranged(command, "--concurrency", options.concurrency, "Transfers at once in total (default 16)", 1, 1024, "N");
  add_ranged(command, "--per-host", options.per_host, "Transfers at once to one host (default 2)", 1, 256, "N");
  add_ranged(command, "--delay", options.delay,
             "Seconds between requests to one host (default 1; 0 allowed); grows\n"
             "when the host answers 429/503 or slows down, and to its Crawl-delay",
             0.0, 3600.0, "SECONDS");
  command->add_flag("--ignore-robots", [&options](std::int64_t) { options.robots = false; },
                    "Do not fetch or obey robots.txt (one that cannot be fetched,\n"
                    "after retries, disallows its host, as RFC 9309 asks)");
  add_ranged(command, "--max-crawl-delay", options.max_crawl_delay,
             "A robots.txt Crawl-delay above this is capped at it, with a\n"
             "warning once per host (default 30)",
             0.0, 86400.0, "SECONDS");
  add_ranged(command, "--timeout", options.timeout, "Seconds for one whole transfer (default 60)", 0.1, 86400.0,
             "SECONDS");
  add_ranged(command, "--connect-timeout", options.connect_timeout, "Seconds to connect (default 10)", 0.1, 3600.0,
             "SECONDS");
  add_ranged(command, "--retries", options.retries,
             "Further attempts after timeouts, resets, 5xx and 429, with\n"
             "exponential backoff and jitter; Retry-After is honoured (default 3)",
             0, 20, "N");
  add_ranged(command, "--max-redirects", options.max_redirects,
             "Redirects followed per URL (default 20); one more fails the URL", 0, 1000, "N");
  add_ranged(command, "--max-size", options.max_body_bytes,
             "Largest body in decoded bytes (default 20971520); larger ones fail", std::size_t{1}, std::size_t{1} << 34,
             "BYTES");
  command->add_option("--user-agent", options.user_agent, "User-Agent header (default names winnow and its URL)")
      ->type_name("TEXT");
  command->add_flag("--insecure", options.insecure, "Do not verify TLS certificates");
}

void add_warc_option(CLI::App* command, std::string& warc_path) {
  command->add_option("--warc", warc_path,
                      "Also write what was fetched to FILE (.warc.gz, .warc.zst or .warc) as\n"
                      "request and response records with the bytes as they came over the\n"
                      "wire, as wget --warc-file does")
      ->type_name("FILE")
      ->check(CLI::Validator(check_not_empty, ""));
}

Result<std::vector<std::string>> read_url_list(const std::string& path) {
  std::string content;
  if (path == "-") {
    std::stringstream in;
    in << std::cin.rdbuf();
    content = std::move(in).str();
  } else {
    Input input;
    input.path = path;
    Result<std::string> bytes = read_input(input, kMaxListBytes);
    if (!bytes) return Error{ErrorKind::kIo, "cannot read URL list " + path + ": " + bytes.error().message};
    content = std::move(bytes).value();
  }
  // Lines are cut out of the text in place: a list of a million URLs is not copied line by line first.
  std::vector<std::string> urls;
  const std::string_view text = content;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos || line[begin] == '#') continue;
    const std::size_t last = line.find_last_not_of(" \t\r");
    urls.emplace_back(line.substr(begin, last - begin + 1));
  }
  return urls;
}

bool fetch_batch(const std::vector<fetch::Request>& requests, const fetch::Options& options, bool quiet,
                 const StopOnSignals& signals, const std::function<void(fetch::Response&&)>& on_response,
                 const std::string& warc_path) {
  std::optional<WarcRecorder> recorder;
  if (!warc_path.empty()) {
    Result<WarcRecorder> opened = WarcRecorder::open(warc_path);
    if (!opened) {
      report_error(warc_path, opened.error().message);
      return false;
    }
    recorder.emplace(std::move(opened).value());
  }
  std::optional<Error> warc_error;
  BatchProgress progress(!quiet);
  fetch::Options stoppable = options;
  stoppable.stop = &signals.flag();
  stoppable.keep_wire = recorder.has_value();
  const Result<fetch::Progress> finished = fetch::fetch_all(
      requests, stoppable,
      [&](fetch::Response&& response) {
        if (recorder && !warc_error) {
          Result<bool> recorded = recorder->record(response);
          if (!recorded) warc_error = recorded.error();
        }
        on_response(std::move(response));
      },
      [&](const fetch::Progress& p) {
        // Counts the batch keeps as it goes: as cheap at 100,000 hosts as at one.
        char hosts[96];
        std::snprintf(hosts, sizeof hosts, "hosts: %zu waiting, %zu active, %zu done", p.hosts - p.hosts_active - p.hosts_done,
                      p.hosts_active, p.hosts_done);
        progress.update(p.done, p.total, p.failed, hosts);
      },
      [&](const fetch::Notice& notice) {
        if (!quiet) report_warning(notice.origin, notice.message);
      });
  progress.finish();
  if (!finished) report_error("", finished.error().message);
  if (recorder && !warc_error) {
    Result<bool> closed = recorder->finish();
    if (!closed) warc_error = closed.error();
  }
  if (warc_error) report_error(warc_path, warc_error->message);
  return finished.ok() && !warc_error;
}

}  // namespace winnow::cli
