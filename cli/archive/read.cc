// The read subcommands of `winnow archive`: open the archive read-only (verify aside) and print text or JSON.
#include "archive/read.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/exit_codes.h"
#include "terminal/messages.h"
#include "winnow/archive.h"
#include "winnow/control_chars.h"

namespace winnow::cli {
namespace {

using nlohmann::json;

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

archive::VersionSelector selector(const ReadSettings& s) {
  archive::VersionSelector which;
  which.version = s.version;
  if (!s.at.empty()) which.at = s.at;
  return which;
}

}  // namespace

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

}  // namespace winnow::cli
