// `winnow fetch`: reads URLs, runs fetch_all, writes bodies (stdout or -o DIR) and one JSON line per URL.
#include "fetch/command.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <iostream>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string_view>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/exit_codes.h"
#include "fetch/options.h"
#include "terminal/messages.h"
#include "io/output.h"
#include "common/stop_signals.h"
#include "winnow/fetch.h"
#include "winnow/ascii.h"

namespace winnow::cli {
namespace {

struct FetchSettings {
  std::vector<std::string> urls;
  std::string list;
  std::string output_dir;
  std::string log;
  bool quiet = false;
  fetch::Options options;
  std::string warc;  // --warc FILE
};

constexpr std::size_t kMaxNameLength = 120;

// A file name for a URL's body: host and path with anything but [A-Za-z0-9._-] as '_'.
std::string file_name_for(const std::string& url) {
  std::string_view rest = url;
  if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  if (const std::size_t fragment = rest.find('#'); fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string name;
  for (char c : rest) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    name += plain ? c : '_';
  }
  if (name.size() > kMaxNameLength) name.resize(kMaxNameLength);
  while (!name.empty() && name.front() == '.') name.erase(name.begin());
  if (name.empty()) name = "page";
  return name;
}

// Unique names in input order: a name already taken gets -2, -3...
std::vector<std::string> output_names(const std::vector<fetch::Request>& requests) {
  std::vector<std::string> names;
  names.reserve(requests.size());  // never reallocated: `taken` points into its strings
  std::unordered_set<std::string_view> taken;
  taken.reserve(requests.size());
  for (const fetch::Request& request : requests) {
    const std::string base = file_name_for(request.url);
    std::string name = base;
    for (int n = 2; taken.count(name); ++n) name = base + "-" + std::to_string(n);
    names.push_back(std::move(name));
    taken.insert(names.back());
  }
  return names;
}

std::string log_line(const fetch::Response& response, const std::string& file) {
  nlohmann::ordered_json line;
  line["url"] = response.url;
  line["final_url"] = response.final_url;
  line["redirects"] = nlohmann::ordered_json::array();
  for (const fetch::Hop& hop : response.redirects) line["redirects"].push_back({{"url", hop.url}, {"status", hop.status}});
  line["status"] = response.status;
  nlohmann::ordered_json headers = nlohmann::ordered_json::object();
  for (const auto& [name, value] : response.headers) {
    const std::string key = ascii::to_lower(name);
    headers[key] = headers.contains(key) ? headers[key].get<std::string>() + ", " + value : value;
  }
  line["headers"] = std::move(headers);
  line["bytes"] = response.body.size();
  line["seconds"] = std::round(response.seconds * 1000) / 1000;
  line["attempts"] = response.attempts;
  if (!file.empty()) line["file"] = file;
  line["error"] = response.error ? nlohmann::ordered_json(response.error->message) : nlohmann::ordered_json(nullptr);
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

// The URLs of the arguments and of -i FILE, checked against where their bodies
// go; nullopt (after saying why) when the batch cannot start.
std::optional<std::vector<std::string>> batch_urls(const FetchSettings& settings) {
  std::vector<std::string> urls = settings.urls;
  if (!settings.list.empty()) {
    Result<std::vector<std::string>> listed = read_url_list(settings.list);
    if (!listed) {
      report_error("", listed.error().message);
      return std::nullopt;
    }
    urls.insert(urls.end(), std::make_move_iterator(listed.value().begin()),
                std::make_move_iterator(listed.value().end()));
  }
  if (urls.empty()) {
    report_error("", "no URLs: give URL arguments or -i FILE");
    return std::nullopt;
  }
  if (settings.output_dir.empty() && urls.size() > 1) {
    report_error("", "several URLs need -o DIR to save their bodies");
    return std::nullopt;
  }
  return urls;
}

// Opens --log FILE; false (after saying why) when it cannot be written.
bool open_log(const FetchSettings& settings, std::unique_ptr<std::ofstream>& log_file) {
  if (settings.log.empty()) return true;
  errno = 0;
  log_file = std::make_unique<std::ofstream>(settings.log, std::ios::binary | std::ios::trunc);
  if (*log_file) return true;
  const std::string reason = errno != 0 ? std::string(" (") + std::strerror(errno) + ")" : "";
  report_error("", "cannot write log file " + settings.log + reason + ": give --log a file in a writable directory");
  return false;
}

// Writes a fetched body to stdout or, atomically, to its name under -o DIR;
// returns the file written ("" for stdout). A failed write becomes the response's error.
std::string save_body(fetch::Response& response, const FetchSettings& settings, const std::vector<std::string>& names) {
  if (settings.output_dir.empty()) {
    std::cout << response.body;
    return {};
  }
  const auto target = std::filesystem::path(settings.output_dir) / names[response.index];
  const Result<std::filesystem::path> written = write_file_atomically(target, response.body);
  if (written) return written.value().string();
  response.error = written.error();
  return {};
}

int run_fetch(FetchSettings& settings) {
  std::optional<std::vector<std::string>> urls = batch_urls(settings);
  if (!urls) return kExitUsage;
  const bool body_to_stdout = settings.output_dir.empty();
  // Said once before any request, not once per URL.
  if (!body_to_stdout) {
    if (const std::optional<Error> error = prepare_output_directory(settings.output_dir)) {
      report_error("", error->message);
      return error->kind == ErrorKind::kInvalidInput ? kExitUsage : kExitFailure;
    }
  }
  std::unique_ptr<std::ofstream> log_file;
  if (!open_log(settings, log_file)) return kExitUsage;
  // With the body on stdout, the JSON lines go to --log or else stderr.
  std::ostream& log = log_file ? *log_file : body_to_stdout ? std::cerr : std::cout;

  std::vector<fetch::Request> requests;
  requests.reserve(urls->size());
  for (std::string& url : *urls) requests.push_back({std::move(url), {}});
  urls.reset();  // its strings are moved out; its array goes too
  const std::vector<std::string> names = body_to_stdout ? std::vector<std::string>{} : output_names(requests);

  StopOnSignals signals;
  int exit_code = kExitOk;
  bool log_failed = false;
  const bool started = fetch_batch(
      requests, settings.options, settings.quiet, signals, [&](fetch::Response&& response) {
        const std::string file = response.ok() ? save_body(response, settings, names) : std::string();
        if (!response.ok()) {
          exit_code = kExitFailure;
          if (!settings.quiet) report_error(response.url, response.error->message);
        }
        // Each line whole and flushed as its URL ends: a stopped or killed run keeps valid JSON lines.
        if (!(log << log_line(response, file) << std::flush)) log_failed = true;
      },
      settings.warc);
  if (!started) return kExitFailure;
  if (!std::cout.flush() || log_failed) {
    report_error("", settings.log.empty() ? "cannot write the output" : "cannot write log file " + settings.log);
    return kExitFailure;
  }
  if (signals.signal() != 0) {
    report_error("", std::string("interrupted by ") + signals.name() + ": the URLs not finished are not in the log");
    return signals.exit_code();
  }
  return exit_code;
}

}  // namespace

void register_fetch_command(CLI::App& app, int& exit_code) {
  auto settings = std::make_shared<FetchSettings>();
  CLI::App* command = app.add_subcommand("fetch", "Fetch pages politely (robots.txt, per-host limits, retries)");
  command->footer(
      "Each URL's body is saved as it was meant (content-encoding undone): to\n"
      "stdout for a single URL without -o, else to DIR/<host_path> with -o DIR.\n"
      "One JSON line per URL (url, final_url, redirects, status, headers, bytes,\n"
      "seconds, attempts, file, error) goes to --log FILE, else stdout (stderr\n"
      "when the body is on stdout), each written as its URL finishes. A progress\n"
      "line is shown on a terminal. SIGINT or SIGTERM stops the batch: transfers\n"
      "in flight are dropped, the lines written stay whole, and the exit code is\n"
      "130 (SIGINT) or 143 (SIGTERM).\n\n" +
      std::string(kExitCodesHelp));
  command->add_option("URL", settings->urls, "http(s) URLs to fetch")->type_name("");
  command->add_option("-i,--input", settings->list, "Read URLs from FILE, one per line (- for stdin)")->type_name("FILE");
  command->add_option("-o,--output-dir", settings->output_dir, "Save bodies into DIR (created if needed)")->type_name("DIR");
  command->add_option("--log", settings->log, "Write the JSON lines to FILE instead of stdout")->type_name("FILE");
  command->add_flag("-q,--quiet", settings->quiet, "No progress line, no warnings and no per-URL error messages");
  add_fetch_options(command, settings->options);
  add_warc_option(command, settings->warc);
  command->callback([settings, &exit_code] { exit_code = run_fetch(*settings); });
}

}  // namespace winnow::cli
