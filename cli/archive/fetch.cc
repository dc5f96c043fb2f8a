// Fetch-and-store for `archive add URL` and `archive update`: fetch_all's responses become captures as they arrive.
#include "archive/fetch.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>

#include "archive/add.h"
#include "archive/seal.h"
#include "common/exit_codes.h"
#include "fetch/options.h"
#include "terminal/messages.h"
#include "common/stop_signals.h"
#include "winnow/archive.h"
#include "winnow/control_chars.h"
#include "winnow/ascii.h"

namespace winnow::cli {
namespace {

// The URLs to fetch: arguments and list. Read before the archive is opened, so a bad -i FILE creates no archive.
Result<std::vector<std::string>> given_urls(const ArchiveFetchSettings& settings) {
  std::vector<std::string> urls = settings.urls;
  if (!settings.list.empty()) {
    Result<std::vector<std::string>> listed = read_url_list(settings.list);
    if (!listed) return listed.error();
    urls.insert(urls.end(), listed.value().begin(), listed.value().end());
  }
  return urls;
}

// The given URLs, or for a bare update every http(s) URL in the archive.
Result<std::vector<std::string>> collect_urls(const ArchiveFetchSettings& settings, std::vector<std::string> urls,
                                              archive::Archive& store) {
  if (urls.empty() && settings.update) {
    Result<std::vector<archive::UrlSummary>> known = store.list();
    if (!known) return known.error();
    for (const archive::UrlSummary& summary : known.value()) {
      if (is_http_url(summary.url)) urls.push_back(summary.url);
    }
  }
  return urls;
}

void print(const fetch::Response& response, const archive::AddResult* added, bool json) {
  if (json) {
    AddReport report;
    report.input = response.url;
    report.url = added ? added->url : response.url;
    report.final_url = response.final_url;
    report.status = static_cast<int>(response.status);
    report.bytes = added ? added->raw_size : 0;
    report.added = added;
    report.error = added || !response.error ? std::string() : response.error->message;
    std::cout << add_json_line(report) << '\n';
  } else if (added) {
    std::cout << without_control_chars(added->url + ": " + describe_added(*added, static_cast<int>(response.status)) +
                                       " (HTTP " + std::to_string(response.status) + ")")
              << '\n';
  }
  std::cout.flush();  // a printed line means the capture is committed
}

// A page that now answers 404 or 410 and is already archived: its disappearance is recorded.
bool is_gone(const fetch::Response& response) { return response.status == 404 || response.status == 410; }

// One request per URL; for update, with the validators of its latest capture
// (If-None-Match, If-Modified-Since) so an unchanged page answers 304.
std::vector<fetch::Request> conditional_requests(const std::vector<std::string>& urls, archive::Archive& store,
                                                 bool update) {
  std::vector<fetch::Request> requests;
  for (const std::string& url : urls) {
    fetch::Request request{url, {}};
    if (update) {
      Result<std::optional<archive::Validators>> validators = store.validators(url);
      if (validators && validators.value()) {
        if (!validators.value()->etag.empty()) request.headers.emplace_back("If-None-Match", validators.value()->etag);
        if (!validators.value()->last_modified.empty()) {
          request.headers.emplace_back("If-Modified-Since", validators.value()->last_modified);
        }
      }
    }
    requests.push_back(std::move(request));
  }
  return requests;
}

// Stores one response: a gone capture for a 404/410 of an archived page, a
// not-modified capture for a 304, else the page itself (its body is moved out).
Result<archive::AddResult> store_response(archive::Archive& store, fetch::Response& response, bool archived_gone) {
  if (archived_gone) return store.add_gone(response.url, "", static_cast<int>(response.status), response.headers);
  if (response.status == 304) return store.add_not_modified(response.url, "", response.headers);
  archive::CaptureInput capture;
  capture.url = response.url;
  capture.status = static_cast<int>(response.status);
  capture.headers = response.headers;
  capture.raw = std::move(response.body);
  return store.add_capture(std::move(capture));
}

}  // namespace

bool is_http_url(const std::string& argument) {
  const std::string start = ascii::to_lower(argument.substr(0, 8));
  return start.starts_with("http://") || start.starts_with("https://");
}

int run_archive_fetch(const ArchiveFetchSettings& settings) {
  Result<std::vector<std::string>> given = given_urls(settings);
  if (!given) {
    report_error("", given.error().message);
    return kExitUsage;  // as for winnow fetch -i
  }
  if (given.value().empty() && !settings.update) {
    report_error("", "no URLs: give URL arguments or -i FILE");
    return kExitUsage;
  }
  archive::OpenOptions open_options;
  open_options.create = !settings.update;  // a mistyped --archive must not "update" a new, empty archive
  Result<archive::Archive> opened = archive::Archive::open(settings.archive, open_options);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  archive::Archive& store = opened.value();
  Result<std::vector<std::string>> urls = collect_urls(settings, std::move(given.value()), store);
  if (!urls) {
    report_error("", urls.error().message);
    return kExitFailure;
  }
  if (urls.value().empty()) {
    if (!settings.quiet) report_warning("", "no http(s) URLs in the archive to update");
    return kExitOk;
  }
  const std::vector<fetch::Request> requests = conditional_requests(urls.value(), store, settings.update);

  StopOnSignals signals;
  int exit_code = kExitOk;
  bool stopped = false;
  std::size_t skipped = 0;
  const auto fail = [&](const fetch::Response& response, const Error& error) {
    exit_code = kExitFailure;
    report_error(response.url, error.message);
    if (settings.json) {
      fetch::Response copy;
      copy.url = response.url;
      copy.final_url = response.final_url;
      copy.status = response.status;
      copy.error = error;
      print(copy, nullptr, true);
    }
  };
  const bool started = fetch_batch(
      requests, settings.options, settings.quiet, signals, [&](fetch::Response&& response) {
        if (stopped) {
          ++skipped;
          return;
        }
        // validators() is nullopt exactly when the URL is not archived yet: then a 404 is just a failure.
        bool archived_gone = false;
        if (is_gone(response)) {
          Result<std::optional<archive::Validators>> validators = store.validators(response.url);
          archived_gone = validators && validators.value();
        }
        if (!response.ok() && !archived_gone) return fail(response, *response.error);
        Result<archive::AddResult> added = store_response(store, response, archived_gone);
        if (!added) {
          fail(response, added.error());
          // Cleaning errors (an empty or binary page) and a page with no version to attach a 304 or a 404 to are
          // the page's; others are the archive's and would repeat.
          const ErrorKind kind = added.error().kind;
          if (kind != ErrorKind::kInvalidInput && kind != ErrorKind::kTooLarge && kind != ErrorKind::kNotFound) stopped = true;
          return;
        }
        if (!settings.quiet && !added.value().warning.empty()) report_warning(response.url, added.value().warning);
        print(response, &added.value(), settings.json);
      },
      settings.warc);
  if (!started) return kExitFailure;
  if (skipped > 0) report_error("", "stopped; " + std::to_string(skipped) + " more page(s) fetched but not stored");
  if (signals.signal() != 0) {
    // Every capture printed is committed; the rest were never stored.
    report_error("", std::string("interrupted by ") + signals.name() + ": the pages printed above are stored, the others not");
    return signals.exit_code();
  }
  return seal_batch(store, exit_code);
}

}  // namespace winnow::cli
