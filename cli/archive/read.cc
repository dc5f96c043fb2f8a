// The read subcommands of `winnow archive`: open the archive read-only (verify aside) and print text or JSON.
#include "archive/read.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "archive/json_views.h"
#include "common/exit_codes.h"
#include "terminal/messages.h"
#include "winnow/archive.h"
#include "winnow/control_chars.h"

namespace winnow::cli {
namespace {

// Text output carries page text, titles and URLs: no terminal controls (ESC, BEL, C1…) get through.
std::ostream& print_text(std::string_view text) { return std::cout << without_control_chars(text); }

int fail(const Error& error) {
  report_error("", error.message);
  return kExitFailure;
}

bool flush_stdout() {
  if (std::cout.flush()) return true;
  report_stdout_error(errno);
  return false;
}

archive::VersionSelector selector(const ReadSettings& s) {
  archive::VersionSelector which;
  which.version = s.version;
  if (!s.at.empty()) which.at = s.at;
  return which;
}

// Opens the archive, runs `query` on it and hands what it returns to `print`
// (which writes to stdout). An error from either step is said once; returns
// the exit code, kExitFailure too when stdout cannot be written.
template <class Query, class Print>
int query_and_print(const ReadSettings& s, bool read_only, Query query, Print print) {
  Result<archive::Archive> opened = open_existing(s.archive, read_only);
  if (!opened) return fail(opened.error());
  auto result = query(opened.value());
  if (!result) return fail(result.error());
  print(result.value());
  return flush_stdout() ? kExitOk : kExitFailure;
}

void print_list(const std::vector<archive::UrlSummary>& urls, bool as_json) {
  if (as_json) {
    std::cout << dump_json(list_json(urls)) << '\n';
    return;
  }
  if (!urls.empty()) std::cout << "VERSIONS  CAPTURES  LAST CAPTURE          URL\n";
  for (const auto& u : urls) {
    std::cout << std::left << std::setw(10) << u.versions << std::setw(10) << u.captures << std::setw(22)
              << u.last_capture;
    print_text(u.url) << '\n';
  }
}

// The CHANGE column of `archive log`.
std::string change_text(const archive::LogEntry& e) {
  if (e.gone) return "gone (" + std::to_string(e.status) + "), last content is version " + std::to_string(e.version);
  if (e.not_modified) return "not modified (304)";
  if (!e.new_version) return "same as version " + std::to_string(e.version);
  std::string change(archive::label_name(e.label));
  if (e.label != archive::ChangeLabel::kUnchanged) {
    change += ", " + std::to_string(e.words_changed) + (e.words_changed == 1 ? " word" : " words");
    change += e.label == archive::ChangeLabel::kNew && e.version == 1 ? "" : " changed";
  }
  return change;
}

void print_log(const std::vector<archive::LogEntry>& entries, bool as_json) {
  if (as_json) {
    std::cout << dump_json(log_json(entries)) << '\n';
    return;
  }
  std::cout << "TIME                  VERSION  STATUS  SIZE       CHANGE\n";
  for (const auto& e : entries) {
    std::cout << std::left << std::setw(22) << e.time << std::setw(9) << e.version << std::setw(8)
              << (e.status == 0 ? std::string("-") : std::to_string(e.status)) << std::setw(11) << e.size
              << change_text(e) << '\n';
  }
}

void print_version(const archive::Version& v, bool as_json) {
  if (!as_json) {
    print_text(v.text);
    if (v.text.empty() || v.text.back() != '\n') std::cout << '\n';
    return;
  }
  std::cout << dump_json(version_json(v)) << '\n';
}

// A shown version whose choosing capture was a 404 or 410 is the last content seen: a warning says so.
void warn_if_gone(const archive::Version& v, const std::string& at) {
  if (v.gone_status == 0) return;
  report_warning(v.url, (at.empty() ? "its latest capture (" : "its capture current at " + at + " (") + v.gone_time +
                            ") answered " + std::to_string(v.gone_status) +
                            ": the page was gone; this is the last content seen, version " +
                            std::to_string(v.version) + " of " + v.first_capture);
}

void print_hits(const std::vector<archive::SearchHit>& hits, bool as_json) {
  if (as_json) {
    std::cout << dump_json(hits_json(hits)) << '\n';
    return;
  }
  for (const auto& h : hits) {
    print_text(h.url + " (version " + std::to_string(h.version) + ")\n  " + h.title + "\n  " + h.snippet) << "\n";
  }
}

void print_stats(const archive::Stats& t, bool as_json) {
  const double ratio = t.stored_bytes > 0 ? static_cast<double>(t.captured_bytes) / static_cast<double>(t.stored_bytes) : 0;
  if (!as_json) {
    std::cout << "urls             " << t.urls << "\ncaptures         " << t.captures << "\nversions         "
              << t.versions << "\ndistinct blobs   " << t.page_blobs << " pages, " << t.text_blobs
              << " article texts\nraw bytes        " << t.raw_bytes << " (distinct pages; " << t.captured_bytes
              << " over all captures)\nstored bytes     " << t.stored_bytes << " (pages " << t.page_stored_bytes
              << ", texts " << t.text_stored_bytes << ", metadata " << t.metadata_stored_bytes << ", "
              << t.dictionaries << " dictionaries " << t.dictionary_bytes << ")\npacks            " << t.packs
              << " (" << t.open_blobs << " blobs not packed yet)\nfile bytes       " << t.file_bytes
              << " (content " << t.file_content_bytes << ", search index " << t.file_index_bytes << ", tables "
              << t.file_table_bytes << ", free " << t.file_free_bytes << ")\nratio            " << std::fixed
              << std::setprecision(1) << ratio << ":1 (captured bytes / stored bytes)\n";
    return;
  }
  std::cout << dump_json(stats_json(t)) << '\n';
}

void print_verify_report(const archive::VerifyReport& r, bool as_json) {
  if (as_json) {
    std::cout << dump_json(verify_json(r)) << '\n';
    return;
  }
  for (const std::string& problem : r.problems) std::cout << "problem: " << problem << '\n';
  std::cout << (r.problems.empty() ? "ok: " : "damaged: ") << r.blobs_checked << " blobs, " << r.versions_checked
            << " versions, " << r.captures_checked << " captures checked";
  if (!r.problems.empty()) std::cout << ", " << r.problems.size() << " problem(s)";
  std::cout << '\n';
}

// The words of `archive search` as one query, or a usage error said here (before the archive is opened).
std::optional<std::string> search_query(const ReadSettings& s) {
  if (!s.unparsed.empty()) {
    report_error("", "unknown option " + s.unparsed.front() +
                         "; a search word starting with - goes after --, as in: winnow archive search -- " +
                         s.unparsed.front());
    return std::nullopt;
  }
  if (s.query.empty()) {
    report_error("", "give the words to search for (winnow archive search --help)");
    return std::nullopt;
  }
  std::string query;
  for (const std::string& word : s.query) query += (query.empty() ? "" : " ") + word;
  const archive::QuerySyntax syntax = s.fts ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
  if (Result<std::string> checked = archive::search_expression(query, syntax); !checked) {
    report_error("", checked.error().message +
                         (s.fts ? "; without --fts the query is read as plain words and \"phrases\"" : ""));
    return std::nullopt;
  }
  return query;
}

}  // namespace

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


int run_list(const ReadSettings& s) {
  return query_and_print(
      s, true, [&](archive::Archive& a) { return a.list(s.list_query); },
      [&](const archive::UrlList& list) { print_list(list.urls, s.json); });
}

int run_log(const ReadSettings& s) {
  return query_and_print(
      s, true, [&](archive::Archive& a) { return a.log(s.url); },
      [&](const std::vector<archive::LogEntry>& entries) { print_log(entries, s.json); });
}

int run_show(const ReadSettings& s) {
  if (s.version && *s.version == 0) {
    report_error("", "--version counts from 1 (negative numbers count back from the latest: -1 is the latest)");
    return kExitUsage;
  }
  if (s.raw) {
    return query_and_print(
        s, true, [&](archive::Archive& a) { return a.raw(s.url, selector(s)); },
        [](const std::string& raw) { std::cout.write(raw.data(), static_cast<std::streamsize>(raw.size())); });
  }
  return query_and_print(
      s, true, [&](archive::Archive& a) { return a.show(s.url, selector(s)); },
      [&](const archive::Version& v) {
        warn_if_gone(v, s.at);
        print_version(v, s.json);
      });
}

int run_diff(const ReadSettings& s) {
  for (const int v : s.versions) {
    if (v == 0) {
      report_error("", "versions count from 1 (negative numbers count back from the latest)");
      return kExitUsage;
    }
  }
  std::optional<int> a, b;
  if (!s.versions.empty()) a = s.versions[0];
  if (s.versions.size() > 1) b = s.versions[1];
  return query_and_print(
      s, true, [&](archive::Archive& archive) { return archive.diff(s.url, a, b); },
      [&](const std::string& diff) {
        if (s.json) {
          std::cout << dump_json(diff_json(s.url, a, b, diff)) << '\n';
        } else {
          print_text(diff);
        }
      });
}

int run_search(const ReadSettings& s) {
  const std::optional<std::string> query = search_query(s);
  if (!query) return kExitUsage;
  const archive::QuerySyntax syntax = s.fts ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
  return query_and_print(
      s, true, [&](archive::Archive& a) { return a.search(*query, s.limit, syntax); },
      [&](const std::vector<archive::SearchHit>& hits) { print_hits(hits, s.json); });
}

int run_stats(const ReadSettings& s) {
  return query_and_print(
      s, true, [](archive::Archive& a) { return a.stats(); },
      [&](const archive::Stats& stats) { print_stats(stats, s.json); });
}

int run_verify(const ReadSettings& s) {
  std::size_t problems = 0;
  const int code = query_and_print(
      s, false, [](archive::Archive& a) { return a.verify(); },
      [&](const archive::VerifyReport& report) {
        problems = report.problems.size();
        print_verify_report(report, s.json);
      });
  if (code != kExitOk) return code;
  if (problems != 0) {
    report_error("", s.archive + " failed verification: " + std::to_string(problems) + " problem(s)");
    return kExitFailure;
  }
  return kExitOk;
}

std::string check_time(const std::string& text) {
  Result<std::string> time = archive::parse_time(text);
  return time ? std::string() : time.error().message;
}

}  // namespace winnow::cli
