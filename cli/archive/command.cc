// `winnow archive` and its subcommands: options, opening the archive, and printing what the library returns (text or --json).
#include "archive/command.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "archive/add.h"
#include "archive/fetch.h"
#include "common/exit_codes.h"
#include "fetch/options.h"
#include "terminal/messages.h"
#include "winnow/archive.h"
#include "winnow/control_chars.h"

namespace winnow::cli {
namespace {

using nlohmann::json;

// Options of the read subcommands, one struct for all of them.
struct ReadSettings {
  std::string archive;
  std::string url;
  std::vector<std::string> query;  // search's words, joined by spaces
  bool fts = false;                // search: the query is FTS5 syntax
  std::vector<std::string> unparsed;  // search: arguments that looked like unknown options
  std::optional<int> version;
  std::string at;
  std::vector<int> versions;  // diff A [B]
  bool raw = false;
  bool text = false;
  bool json = false;
  int limit = 20;
};

std::string dump(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace); }

// Text output carries page text, titles and URLs: no terminal controls (ESC, BEL, C1…) get through.
std::ostream& print_text(std::string_view text) { return std::cout << without_control_chars(text); }

// Opens an existing archive (never creates one) for the read subcommands.
Result<archive::Archive> open_existing(const std::string& path, bool read_only) {
  // Only a plain "does not exist" is said here; any other reason (a directory, permissions) is Archive::open's to name.
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && (!ec || ec == std::errc::no_such_file_or_directory)) {
    return Error{ErrorKind::kIo, "no archive at " + path +
                                     " (winnow archive add creates one; --archive PATH or WINNOW_ARCHIVE choose another)"};
  }
  archive::OpenOptions options;
  options.read_only = read_only;
  Result<archive::Archive> opened = archive::Archive::open(path, options);
  if (!opened && !read_only && opened.error().kind == ErrorKind::kIo) {
    options.read_only = true;  // verify still reads a file it cannot write
    return archive::Archive::open(path, options);
  }
  return opened;
}

int fail(const Error& error) {
  report_error("", error.message);
  return kExitFailure;
}

bool flush_stdout() {
  if (std::cout.flush()) return true;
  report_stdout_error(errno);
  return false;
}

int run_list(const ReadSettings& s) {
  Result<archive::Archive> opened = open_existing(s.archive, true);
  if (!opened) return fail(opened.error());
  Result<std::vector<archive::UrlSummary>> urls = opened.value().list();
  if (!urls) return fail(urls.error());
  if (s.json) {
    json array = json::array();
    for (const auto& u : urls.value()) {
      array.push_back({{"url", u.url}, {"versions", u.versions}, {"captures", u.captures},
                       {"last_capture", u.last_capture}, {"title", u.title}});
    }
    std::cout << dump(array) << '\n';
  } else {
    if (!urls.value().empty()) std::cout << "VERSIONS  CAPTURES  LAST CAPTURE          URL\n";
    for (const auto& u : urls.value()) {
      std::cout << std::left << std::setw(10) << u.versions << std::setw(10) << u.captures << std::setw(22)
                << u.last_capture;
      print_text(u.url) << '\n';
    }
  }
  return flush_stdout() ? kExitOk : kExitFailure;
}

int run_log(const ReadSettings& s) {
  Result<archive::Archive> opened = open_existing(s.archive, true);
  if (!opened) return fail(opened.error());
  Result<std::vector<archive::LogEntry>> entries = opened.value().log(s.url);
  if (!entries) return fail(entries.error());
  if (s.json) {
    json array = json::array();
    for (const auto& e : entries.value()) {
      array.push_back({{"time", e.time},
                       {"status", e.status},
                       {"version", e.version},
                       {"new_version", e.new_version},
                       {"not_modified", e.not_modified},
                       {"gone", e.gone},
                       {"size", e.size},
                       {"label", std::string(archive::label_name(e.label))},
                       {"words_changed", e.words_changed}});
    }
    std::cout << dump(array) << '\n';
  } else {
    std::cout << "TIME                  VERSION  STATUS  SIZE       CHANGE\n";
    for (const auto& e : entries.value()) {
      std::string change;
      if (e.gone) {
        change = "gone (" + std::to_string(e.status) + "), last content is version " + std::to_string(e.version);
      } else if (e.not_modified) {
        change = "not modified (304)";
      } else if (!e.new_version) {
        change = "same as version " + std::to_string(e.version);
      } else {
        change = std::string(archive::label_name(e.label));
        if (e.label != archive::ChangeLabel::kUnchanged) {
          change += ", " + std::to_string(e.words_changed) + (e.words_changed == 1 ? " word" : " words");
          change += e.label == archive::ChangeLabel::kNew && e.version == 1 ? "" : " changed";
        }
      }
      std::cout << std::left << std::setw(22) << e.time << std::setw(9) << e.version << std::setw(8)
                << (e.status == 0 ? std::string("-") : std::to_string(e.status)) << std::setw(11) << e.size << change
                << '\n';
    }
  }
  return flush_stdout() ? kExitOk : kExitFailure;
}

archive::VersionSelector selector(const ReadSettings& s) {
  archive::VersionSelector which;
  which.version = s.version;
  if (!s.at.empty()) which.at = s.at;
  return which;
}

int run_show(const ReadSettings& s) {
  if (s.version && *s.version == 0) {
    report_error("", "--version counts from 1 (negative numbers count back from the latest: -1 is the latest)");
    return kExitUsage;
  }
  Result<archive::Archive> opened = open_existing(s.archive, true);
  if (!opened) return fail(opened.error());
  if (s.raw) {
    Result<std::string> raw = opened.value().raw(s.url, selector(s));
    if (!raw) return fail(raw.error());
    std::cout.write(raw.value().data(), static_cast<std::streamsize>(raw.value().size()));
    return flush_stdout() ? kExitOk : kExitFailure;
  }
  Result<archive::Version> version = opened.value().show(s.url, selector(s));
  if (!version) return fail(version.error());
  const archive::Version& v = version.value();
  if (v.gone_status != 0) {
    report_warning(v.url, (s.at.empty() ? "its latest capture (" : "its capture current at " + s.at + " (") +
                              v.gone_time + ") answered " + std::to_string(v.gone_status) +
                              ": the page was gone; this is the last content seen, version " +
                              std::to_string(v.version) + " of " + v.first_capture);
  }
  if (s.json) {
    json headers = json::array();
    for (const auto& [name, value] : v.headers) headers.push_back({name, value});
    json metadata = json::parse(v.metadata_json, nullptr, false);
    std::cout << dump({{"url", v.url},
                       {"version", v.version},
                       {"versions", v.versions},
                       {"captured", v.first_capture},
                       {"status", v.status},
                       {"headers", headers},
                       {"label", std::string(archive::label_name(v.label))},
                       {"words_changed", v.words_changed},
                       {"size", v.raw_size},
                       {"sha256", v.raw_sha256_hex},
                       {"title", v.title},
                       {"metadata", metadata.is_discarded() ? json::object() : metadata},
                       {"text", v.text},
                       {"gone", v.gone_status == 0 ? json(nullptr)
                                                   : json{{"status", v.gone_status}, {"time", v.gone_time}}}})
              << '\n';
  } else {
    print_text(v.text);
    if (v.text.empty() || v.text.back() != '\n') std::cout << '\n';
  }
  return flush_stdout() ? kExitOk : kExitFailure;
}

int run_diff(const ReadSettings& s) {
  for (const int v : s.versions) {
    if (v == 0) {
      report_error("", "versions count from 1 (negative numbers count back from the latest)");
      return kExitUsage;
    }
  }
  Result<archive::Archive> opened = open_existing(s.archive, true);
  if (!opened) return fail(opened.error());
  std::optional<int> a, b;
  if (!s.versions.empty()) a = s.versions[0];
  if (s.versions.size() > 1) b = s.versions[1];
  Result<std::string> diff = opened.value().diff(s.url, a, b);
  if (!diff) return fail(diff.error());
  print_text(diff.value());
  return flush_stdout() ? kExitOk : kExitFailure;
}

int run_search(const ReadSettings& s) {
  if (!s.unparsed.empty()) {
    report_error("", "unknown option " + s.unparsed.front() +
                         "; a search word starting with - goes after --, as in: winnow archive search -- " +
                         s.unparsed.front());
    return kExitUsage;
  }
  if (s.query.empty()) {
    report_error("", "give the words to search for (winnow archive search --help)");
    return kExitUsage;
  }
  std::string query;
  for (const std::string& word : s.query) query += (query.empty() ? "" : " ") + word;
  const archive::QuerySyntax syntax = s.fts ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
  // A query that cannot run is a usage error, found before the archive is opened.
  if (Result<std::string> checked = archive::search_expression(query, syntax); !checked) {
    report_error("", checked.error().message +
                         (s.fts ? "; without --fts the query is read as plain words and \"phrases\"" : ""));
    return kExitUsage;
  }
  Result<archive::Archive> opened = open_existing(s.archive, true);
  if (!opened) return fail(opened.error());
  Result<std::vector<archive::SearchHit>> hits = opened.value().search(query, s.limit, syntax);
  if (!hits) return fail(hits.error());
  if (s.json) {
    json array = json::array();
    for (const auto& h : hits.value()) {
      array.push_back({{"url", h.url}, {"version", h.version}, {"title", h.title}, {"snippet", h.snippet},
                       {"score", h.score}});
    }
    std::cout << dump(array) << '\n';
  } else {
    for (const auto& h : hits.value()) {
      print_text(h.url + " (version " + std::to_string(h.version) + ")\n  " + h.title + "\n  " + h.snippet) << "\n";
    }
  }
  return flush_stdout() ? kExitOk : kExitFailure;
}

int run_stats(const ReadSettings& s) {
  Result<archive::Archive> opened = open_existing(s.archive, true);
  if (!opened) return fail(opened.error());
  Result<archive::Stats> stats = opened.value().stats();
  if (!stats) return fail(stats.error());
  const archive::Stats& t = stats.value();
  const double ratio = t.stored_bytes > 0 ? static_cast<double>(t.captured_bytes) / static_cast<double>(t.stored_bytes) : 0;
  if (s.json) {
    std::cout << dump({{"urls", t.urls},
                       {"captures", t.captures},
                       {"versions", t.versions},
                       {"distinct_blobs", t.page_blobs},
                       {"raw_bytes", t.raw_bytes},
                       {"captured_bytes", t.captured_bytes},
                       {"page_stored_bytes", t.page_stored_bytes},
                       {"text_blobs", t.text_blobs},
                       {"text_bytes", t.text_bytes},
                       {"text_stored_bytes", t.text_stored_bytes},
                       {"dictionaries", t.dictionaries},
                       {"dictionary_bytes", t.dictionary_bytes},
                       {"stored_bytes", t.stored_bytes},
                       {"file_bytes", t.file_bytes},
                       {"ratio", ratio}})
              << '\n';
  } else {
    std::cout << "urls             " << t.urls << "\ncaptures         " << t.captures << "\nversions         "
              << t.versions << "\ndistinct blobs   " << t.page_blobs << " pages, " << t.text_blobs
              << " article texts\nraw bytes        " << t.raw_bytes << " (distinct pages; " << t.captured_bytes
              << " over all captures)\nstored bytes     " << t.stored_bytes << " (pages " << t.page_stored_bytes
              << ", texts " << t.text_stored_bytes << ", " << t.dictionaries << " dictionaries "
              << t.dictionary_bytes << ")\nfile bytes       " << t.file_bytes << "\nratio            "
              << std::fixed << std::setprecision(1) << ratio << ":1 (captured bytes / stored bytes)\n";
  }
  return flush_stdout() ? kExitOk : kExitFailure;
}

int run_verify(const ReadSettings& s) {
  Result<archive::Archive> opened = open_existing(s.archive, false);
  if (!opened) return fail(opened.error());
  Result<archive::VerifyReport> report = opened.value().verify();
  if (!report) return fail(report.error());
  const archive::VerifyReport& r = report.value();
  if (s.json) {
    std::cout << dump({{"ok", r.problems.empty()},
                       {"blobs", r.blobs_checked},
                       {"versions", r.versions_checked},
                       {"captures", r.captures_checked},
                       {"problems", r.problems}})
              << '\n';
  } else {
    for (const std::string& problem : r.problems) std::cout << "problem: " << problem << '\n';
    std::cout << (r.problems.empty() ? "ok: " : "damaged: ") << r.blobs_checked << " blobs, " << r.versions_checked
              << " versions, " << r.captures_checked << " captures checked";
    if (!r.problems.empty()) std::cout << ", " << r.problems.size() << " problem(s)";
    std::cout << '\n';
  }
  if (!flush_stdout()) return kExitFailure;
  if (!r.problems.empty()) {
    report_error("", s.archive + " failed verification: " + std::to_string(r.problems.size()) + " problem(s)");
    return kExitFailure;
  }
  return kExitOk;
}

std::string check_time(const std::string& text) {
  Result<std::string> time = archive::parse_time(text);
  return time ? std::string() : time.error().message;
}

constexpr const char* kArchiveHelp =
    "The archive is one SQLite file: --archive PATH, else $WINNOW_ARCHIVE, else ./winnow.db.\n"
    "URLs are normalised as browsers do (scheme and host lower-cased, international\n"
    "hosts as xn--, default port, fragment and dot segments dropped, percent-encoded).\n\n";

}  // namespace

void register_archive_command(CLI::App& app, int& exit_code) {
  auto add = std::make_shared<AddSettings>();
  auto read = std::make_shared<ReadSettings>();
  add->archive = archive::default_archive_path();
  read->archive = add->archive;

  CLI::App* command = app.add_subcommand("archive", "Keep every version of every page: add, list, log, show, diff, search");
  command->require_subcommand(1);
  command->footer(std::string(kArchiveHelp) + kExitCodesHelp);
  const auto archive_option = [](CLI::App* sub, std::string& target) {
    sub->add_option("--archive", target, "The archive file (default $WINNOW_ARCHIVE, else ./winnow.db)")
        ->type_name("PATH");
  };
  const auto json_flag = [&](CLI::App* sub) { sub->add_flag("--json", read->json, "Print JSON instead of text"); };

  CLI::App* add_cmd = command->add_subcommand("add", "Add saved pages as captures (of --url URL, else of their file:// URL)");
  add_cmd->add_option("FILE", add->files, "HTML file, directory of HTML files, - for stdin (needs --url),\nor http(s) URLs to fetch and store")
      ->type_name("");
  add_cmd->add_option("--url", add->url,
                      "The URL every FILE is a capture of, in argument order;\n"
                      "without it each file is a capture of its own file:// URL")
      ->type_name("URL");
  add_cmd->add_option("--from", add->list, "Add the pages listed in LIST, one 'URL PATH' line each (# comments)")
      ->type_name("LIST");
  add_cmd->add_option("--time", add->time,
                      "Capture time of the one FILE, ISO 8601 (default now); several files\n"
                      "need one add each, or --time mtime: each file's modification time.\n"
                      "An earlier time than the URL's latest capture takes its place in the\n"
                      "timeline: versions are numbered and labelled in time order")
      ->type_name("TIME")
      ->check(CLI::Validator([](const std::string& text) { return text == "mtime" ? std::string() : check_time(text); }, ""));
  add_cmd->add_option("--charset", add->charset, "Read the pages in this charset instead of detecting it")
      ->type_name("NAME");
  add_cmd->add_option("-j,--jobs", add->jobs,
                      "Clean up to N pages at once while the main thread stores (default 1; 0 = one per core)")
      ->type_name("N")
      ->check(CLI::Range(0, 256));
  add_cmd->add_flag("--json", add->json,
                    "Print one JSON object per input, one per line, files and URLs alike:\n"
                    "input, url, final_url, time, status, bytes, stored_bytes, capture,\n"
                    "version, new_version, label, words_changed, deduplicated, gone, error\n"
                    "(null where they do not apply: final_url and status of a file;\n"
                    "all but input, url and error when nothing was stored)");
  add_cmd->add_flag("-q,--quiet", add->quiet, "No progress line and no warnings");
  archive_option(add_cmd, add->archive);
  auto fetched = std::make_shared<ArchiveFetchSettings>();
  add_cmd->add_option("-i,--input", fetched->list, "Fetch and add the URLs listed in FILE, one per line (- for stdin)")
      ->type_name("FILE");
  add_fetch_options(add_cmd, fetched->options);
  add_cmd->callback([add, fetched, &exit_code] {
    const bool any_url = std::any_of(add->files.begin(), add->files.end(), is_http_url);
    if (!any_url && fetched->list.empty()) {
      exit_code = run_archive_add(*add);
      return;
    }
    if (!std::all_of(add->files.begin(), add->files.end(), is_http_url) || !add->url.empty() || !add->list.empty() ||
        !add->time.empty()) {
      report_error("", "give either http(s) URLs to fetch (and -i FILE), or saved FILEs (with --url, --from, --time)");
      exit_code = kExitUsage;
      return;
    }
    fetched->archive = add->archive;
    fetched->urls = add->files;
    fetched->json = add->json;
    fetched->quiet = add->quiet;
    exit_code = run_archive_fetch(*fetched);
  });

  auto update = std::make_shared<ArchiveFetchSettings>();
  update->update = true;
  update->archive = add->archive;
  CLI::App* update_cmd = command->add_subcommand(
      "update",
      "Re-fetch URLs (default: every http(s) URL archived) with conditional GET; 304 = unchanged capture,\n"
      "404/410 = a gone capture (log shows it; show warns and prints the last content)");
  update_cmd->add_option("URL", update->urls, "URLs to re-fetch (default all)")->type_name("");
  update_cmd->add_option("-i,--input", update->list, "Re-fetch the URLs listed in FILE (- for stdin)")->type_name("FILE");
  update_cmd->add_flag("--json", update->json, "Print one JSON object per URL, one per line (keys as add --json)");
  update_cmd->add_flag("-q,--quiet", update->quiet, "No progress line and no warnings");
  add_fetch_options(update_cmd, update->options);
  archive_option(update_cmd, update->archive);
  update_cmd->callback([update, &exit_code] { exit_code = run_archive_fetch(*update); });

  CLI::App* list = command->add_subcommand("list", "List URLs with their version count and last capture");
  archive_option(list, read->archive);
  json_flag(list);
  list->callback([read, &exit_code] { exit_code = run_list(*read); });

  CLI::App* log = command->add_subcommand("log", "A URL's timeline: time, status, size, change label, words changed");
  log->add_option("URL", read->url, "The page's URL")->required()->type_name("");
  archive_option(log, read->archive);
  json_flag(log);
  log->callback([read, &exit_code] { exit_code = run_log(*read); });

  CLI::App* show = command->add_subcommand(
      "show",
      "Print a version's article (default the latest capture's), or its exact bytes; when that capture\n"
      "was a 404/410, a warning says so and the last content seen is printed");
  show->add_option("URL", read->url, "The page's URL")->required()->type_name("");
  CLI::Option* version = show->add_option("--version", read->version, "Version number (1 = first, -1 = latest)")
                             ->type_name("N");
  show->add_option("--at", read->at, "The version current at this ISO 8601 time; a date alone means\nthe end of that day (--at 2024-05-01 includes that day's captures)")
      ->type_name("TIME")
      ->check(CLI::Validator(check_time, ""))
      ->excludes(version);
  CLI::Option* raw = show->add_flag("--raw", read->raw, "Write the exact original bytes");
  CLI::Option* text = show->add_flag("--text", read->text, "Print the article text (the default)");
  CLI::Option* as_json = show->add_flag("--json", read->json, "Print the version, its metadata and text as JSON");
  raw->excludes(text)->excludes(as_json);
  text->excludes(as_json);
  archive_option(show, read->archive);
  show->callback([read, &exit_code] { exit_code = run_show(*read); });

  CLI::App* diff = command->add_subcommand("diff", "Unified diff of the article text of two versions (default the last two)");
  diff->add_option("URL", read->url, "The page's URL")->required()->type_name("");
  diff->add_option("VERSIONS", read->versions, "A [B]: compare version A with B (default: the latest)")
      ->expected(0, 2)
      ->type_name("");
  archive_option(diff, read->archive);
  diff->callback([read, &exit_code] { exit_code = run_diff(*read); });

  CLI::App* search = command->add_subcommand("search", "Full-text search of titles and articles, best first");
  search->add_option("QUERY", read->query,
                     "Plain words (all must occur) and \"exact phrases\", taken as written:\n"
                     "don't, C++, 50%, plant-based need no quoting; a QUERY starting with -\n"
                     "goes after --, as in: winnow archive search -- -fold")
      ->type_name("");
  // A word like -fold would otherwise be taken for options; run_search says what to do instead.
  search->allow_extras();
  search->add_flag("--fts", read->fts,
                   "Read QUERY as SQLite FTS5 syntax: AND, OR, NOT, NEAR(a b), prefix*,\n"
                   "title:word; quote words with punctuation (\"don't\")");
  search->add_option("-n,--limit", read->limit, "At most N hits (default 20)")->type_name("N")->check(CLI::Range(1, 100000));
  archive_option(search, read->archive);
  json_flag(search);
  search->callback([read, search, &exit_code] {
    read->unparsed.clear();
    for (const std::string& argument : search->remaining()) {
      if (argument != "--") read->unparsed.push_back(argument);  // CLI11 keeps the separator among the extras
    }
    exit_code = run_search(*read);
  });

  CLI::App* stats = command->add_subcommand("stats", "Captures, versions, distinct blobs, raw and stored bytes, ratio");
  archive_option(stats, read->archive);
  json_flag(stats);
  stats->callback([read, &exit_code] { exit_code = run_stats(*read); });

  CLI::App* verify = command->add_subcommand("verify", "Decompress every blob and recheck every hash and index row");
  archive_option(verify, read->archive);
  json_flag(verify);
  verify->callback([read, &exit_code] { exit_code = run_verify(*read); });

  // Writing past a file size limit must fail the write (and be reported), not kill the process.
  command->preparse_callback([](std::size_t) { ::signal(SIGXFSZ, SIG_IGN); });
}

}  // namespace winnow::cli
