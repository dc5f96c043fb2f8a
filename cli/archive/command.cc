// `winnow archive` and its subcommands: their options and help; the work is in add.cc, fetch.cc, read.cc, import.cc, export.cc and merge.cc.
#include "archive/command.h"

#include <signal.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "archive/add.h"
#include "archive/compact.h"
#include "archive/export.h"
#include "archive/fetch.h"
#include "archive/import.h"
#include "archive/merge.h"
#include "archive/read.h"
#include "common/exit_codes.h"
#include "common/option_checks.h"
#include "fetch/options.h"
#include "terminal/messages.h"
#include "winnow/archive.h"

namespace winnow::cli {
namespace {

constexpr const char* kArchiveHelp =
    "The archive is one SQLite file: --archive PATH, else $WINNOW_ARCHIVE, else ./winnow.db.\n"
    "URLs are normalised as browsers do (scheme and host lower-cased, international\n"
    "hosts as xn--, default port, fragment and dot segments dropped, percent-encoded).\n\n";

void add_archive_option(CLI::App* sub, std::string& target) {
  sub->add_option("--archive", target, "The archive file (default $WINNOW_ARCHIVE, else ./winnow.db)")->type_name("PATH");
}

void add_json_flag(CLI::App* sub, bool& target) { sub->add_flag("--json", target, "Print JSON instead of text"); }

// `archive add`: saved files (run_archive_add) or http(s) URLs to fetch (run_archive_fetch).
void register_add(CLI::App* command, const std::string& archive_path, int& exit_code) {
  auto add = std::make_shared<AddSettings>();
  add->archive = archive_path;
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
  add_archive_option(add_cmd, add->archive);
  auto fetched = std::make_shared<ArchiveFetchSettings>();
  add_cmd->add_option("-i,--input", fetched->list, "Fetch and add the URLs listed in FILE, one per line (- for stdin)")
      ->type_name("FILE");
  add_fetch_options(add_cmd, fetched->options);
  add_warc_option(add_cmd, fetched->warc);
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

}

// `archive update`: re-fetch archived URLs with conditional GET.
void register_update(CLI::App* command, const std::string& archive_path, int& exit_code) {
  auto update = std::make_shared<ArchiveFetchSettings>();
  update->update = true;
  update->archive = archive_path;
  CLI::App* update_cmd = command->add_subcommand(
      "update",
      "Re-fetch URLs (default: every http(s) URL archived) with conditional GET; 304 = unchanged capture,\n"
      "404/410 = a gone capture (log shows it; show warns and prints the last content)");
  update_cmd->add_option("URL", update->urls, "URLs to re-fetch (default all)")->type_name("");
  update_cmd->add_option("-i,--input", update->list, "Re-fetch the URLs listed in FILE (- for stdin)")->type_name("FILE");
  update_cmd->add_flag("--json", update->json, "Print one JSON object per URL, one per line (keys as add --json)");
  update_cmd->add_flag("-q,--quiet", update->quiet, "No progress line and no warnings");
  add_fetch_options(update_cmd, update->options);
  add_warc_option(update_cmd, update->warc);
  add_archive_option(update_cmd, update->archive);
  update_cmd->callback([update, &exit_code] { exit_code = run_archive_fetch(*update); });

}

// Accepts "I/N" with N from 1 to 1,000,000 and I below N.
CLI::Validator partition_check() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        const std::size_t slash = value.find('/');
        const auto digits = [](std::string_view s) {
          return !s.empty() && s.size() <= 7 && s.find_first_not_of("0123456789") == std::string_view::npos;
        };
        if (slash == std::string::npos || !digits(std::string_view(value).substr(0, slash)) ||
            !digits(std::string_view(value).substr(slash + 1))) {
          return "expected I/N (e.g. 0/8), got '" + value + "'";
        }
        const unsigned long index = std::stoul(value.substr(0, slash));
        const unsigned long count = std::stoul(value.substr(slash + 1));
        if (count < 1 || count > 1000000) return "N in I/N must be 1 to 1000000";
        if (index >= count) return "I in I/N must be below N (partitions are 0 to N-1)";
        return {};
      },
      "I/N");
}

// `archive import` and `archive export`: WARC files in and out (import.cc, export.cc).
void register_warc(CLI::App* command, const std::string& archive_path, int& exit_code) {
  auto import = std::make_shared<ImportSettings>();
  import->archive = archive_path;
  CLI::App* import_cmd = command->add_subcommand(
      "import",
      "Store the pages of WARC files (.warc, .warc.gz, .warc.zst) as captures: WARC-Date is the\n"
      "capture time, the HTTP response gives status and headers, revisits are resolved; a capture\n"
      "already stored is not stored again, so importing a file twice adds nothing");
  import_cmd->add_option("FILE", import->files, "WARC files, or - for standard input")->required()->type_name("");
  import_cmd->add_option("-j,--jobs", import->jobs, "Clean up to N pages at once while the main thread stores (default 1; 0 = one per core)")
      ->type_name("N")
      ->check(CLI::Range(0, 256));
  import_cmd->add_flag("--json", import->json,
                       "Print each file's summary as one JSON object per line: file, records, captures,\n"
                       "new_versions, already_stored, failed, skipped (by why), error");
  import_cmd->add_flag("-q,--quiet", import->quiet, "No progress line and no summary");
  import_cmd
      ->add_option_function<std::string>(
          "--partition",
          [import](const std::string& value) {
            const std::size_t slash = value.find('/');
            import->partition_index = std::stoul(value.substr(0, slash));
            import->partition_count = std::stoul(value.substr(slash + 1));
          },
          "Import only the sites of partition I of N (a stable hash of each URL's site), so N\n"
          "processes or machines can build N archive shards, each site whole in one, to merge later")
      ->type_name("I/N")
      ->check(partition_check());
  add_archive_option(import_cmd, import->archive);
  import_cmd->callback([import, &exit_code] { exit_code = run_archive_import(*import); });

  auto exported = std::make_shared<ExportSettings>();
  exported->archive = archive_path;
  CLI::App* export_cmd = command->add_subcommand(
      "export",
      "Write captures (default every one) as a WARC file any tool reads: fetched pages as responses\n"
      "with their status and headers, saved files as resources, repeated captures as revisits");
  export_cmd->add_option("URL", exported->urls, "Only the captures of these URLs")->type_name("");
  export_cmd->add_option("-o,--output", exported->output,
                         "FILE.warc.gz (a gzip member per record), FILE.warc.zst (zstd with a\n"
                         "dictionary trained from the records), FILE.warc, or - (gzip to stdout)")
      ->required()
      ->type_name("FILE")
      ->check(CLI::Validator(check_not_empty, ""));
  export_cmd->add_option("--since", exported->since, "Only captures at or after this ISO 8601 time")
      ->type_name("TIME")
      ->check(CLI::Validator(check_time, ""));
  export_cmd->add_option("--until", exported->until, "Only captures at or before this ISO 8601 time (a date: its end)")
      ->type_name("TIME")
      ->check(CLI::Validator(check_time, ""));
  export_cmd->add_option("--cdxj", exported->cdxj, "Also write a CDXJ index of the export (offsets into it), as pywb reads")
      ->type_name("FILE")
      ->check(CLI::Validator(check_not_empty, ""));
  export_cmd->add_flag("-q,--quiet", exported->quiet, "No summary line");
  add_archive_option(export_cmd, exported->archive);
  export_cmd->callback([exported, &exit_code] { exit_code = run_archive_export(*exported); });
}

// `archive merge`: shard archives into one (merge.cc).
void register_merge(CLI::App* command, int& exit_code) {
  auto merge = std::make_shared<MergeSettings>();
  CLI::App* merge_cmd = command->add_subcommand(
      "merge",
      "Combine archives (shards of a cluster run) into one, as if one process had added every\n"
      "capture in time order: identical bytes stored once, versions and labels worked out again\n"
      "where shards meet; a capture the output already holds is skipped, so merging twice adds nothing");
  merge_cmd->add_option("SHARD", merge->shards, "Archives to merge (opened read-only, never changed)")
      ->required()
      ->type_name("");
  merge_cmd->add_option("-o,--output", merge->output,
                        "The archive to merge into: created when missing, added to when it exists;\n"
                        "it cannot be one of the SHARDs")
      ->required()
      ->type_name("FILE")
      ->check(CLI::Validator(check_not_empty, ""));
  merge_cmd->add_flag("--json", merge->json,
                      "Print the summary as one JSON object: output, shards, captures, stored,\n"
                      "already_stored, new_versions, cleaned_again, error");
  merge_cmd->add_flag("-q,--quiet", merge->quiet, "No progress line and no summary");
  merge_cmd->callback([merge, &exit_code] { exit_code = run_archive_merge(*merge); });
}

// compact: the archive rewritten as tightly as it can hold (compact.cc).
void register_compact(CLI::App* command, const std::string& archive_path, int& exit_code) {
  auto compact = std::make_shared<CompactSettings>();
  compact->archive = archive_path;
  CLI::App* sub = command->add_subcommand(
      "compact",
      "Rewrite the archive as tightly as it can hold: every page, text and metadata repacked by site\n"
      "at a higher zstd level, the search index merged, free pages given back (VACUUM). Reads the\n"
      "same bytes afterwards; also brings an archive of an older winnow to the packed format.\n"
      "Needs free disk space about the archive's size; a crash leaves the archive as it was or compacted");
  add_archive_option(sub, compact->archive);
  sub->add_flag("--json", compact->json,
                "Print one JSON object: archive, packs, blobs, raw_bytes, packed_bytes,\n"
                "file_bytes_before, file_bytes_after");
  sub->add_flag("-q,--quiet", compact->quiet, "No summary");
  sub->callback([compact, &exit_code] { exit_code = run_archive_compact(*compact); });
}

// The read subcommands: list, log, show, diff, search, stats, verify (read.cc).
void register_reads(CLI::App* command, const std::string& archive_path, int& exit_code) {
  auto read = std::make_shared<ReadSettings>();
  read->archive = archive_path;

  CLI::App* list = command->add_subcommand("list", "List URLs with their version count and last capture");
  list->add_option("--site", read->list_query.site, "Only URLs of this site (example.co.uk)")->type_name("SITE");
  list->add_option("--since", read->list_query.since, "Only URLs last captured at or after this ISO 8601 time")
      ->type_name("TIME")
      ->check(CLI::Validator(check_time, ""));
  list->add_option("--until", read->list_query.until, "Only URLs last captured at or before this time (a date: its end)")
      ->type_name("TIME")
      ->check(CLI::Validator(check_time, ""));
  list->add_option("--match", read->list_query.match, "Only URLs whose URL or latest title holds every word of TEXT")
      ->type_name("TEXT");
  list->add_option("--offset", read->list_query.offset, "Skip the first N URLs listed")->type_name("N");
  list->add_option("--limit", read->list_query.limit, "List at most N URLs (default: all)")->type_name("N")
      ->check(CLI::Range(1, 1 << 30));
  add_archive_option(list, read->archive);
  add_json_flag(list, read->json);
  list->callback([read, &exit_code] { exit_code = run_list(*read); });

  CLI::App* log = command->add_subcommand("log", "A URL's timeline: time, status, size, change label, words changed");
  log->add_option("URL", read->url, "The page's URL")->required()->type_name("");
  add_archive_option(log, read->archive);
  add_json_flag(log, read->json);
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
  add_archive_option(show, read->archive);
  show->callback([read, &exit_code] { exit_code = run_show(*read); });

  CLI::App* diff = command->add_subcommand("diff", "Unified diff of the article text of two versions (default the last two)");
  diff->add_option("URL", read->url, "The page's URL")->required()->type_name("");
  diff->add_option("VERSIONS", read->versions, "A [B]: compare version A with B (default: the latest)")
      ->expected(0, 2)
      ->type_name("");
  add_archive_option(diff, read->archive);
  diff->add_flag("--json", read->json, "Print {url, a, b, diff} as JSON (a and b null when not given)");
  diff->callback([read, &exit_code] { exit_code = run_diff(*read); });

  CLI::App* search = command->add_subcommand("search", "Full-text search of titles and articles: each URL's latest matching version, title matches first");
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
  add_archive_option(search, read->archive);
  add_json_flag(search, read->json);
  search->callback([read, search, &exit_code] {
    read->unparsed.clear();
    for (const std::string& argument : search->remaining()) {
      if (argument != "--") read->unparsed.push_back(argument);  // CLI11 keeps the separator among the extras
    }
    exit_code = run_search(*read);
  });

  CLI::App* stats = command->add_subcommand("stats", "Captures, versions, distinct blobs, raw and stored bytes, ratio");
  add_archive_option(stats, read->archive);
  add_json_flag(stats, read->json);
  stats->callback([read, &exit_code] { exit_code = run_stats(*read); });

  CLI::App* verify = command->add_subcommand("verify", "Decompress every blob and recheck every hash and index row");
  add_archive_option(verify, read->archive);
  add_json_flag(verify, read->json);
  verify->callback([read, &exit_code] { exit_code = run_verify(*read); });
}

}  // namespace

void register_archive_command(CLI::App& app, int& exit_code) {
  const std::string archive_path = archive::default_archive_path();
  CLI::App* command = app.add_subcommand("archive", "Keep every version of every page: add, list, log, show, diff, search");
  command->require_subcommand(1);
  command->footer(std::string(kArchiveHelp) + kExitCodesHelp);
  register_add(command, archive_path, exit_code);
  register_update(command, archive_path, exit_code);
  register_reads(command, archive_path, exit_code);
  register_warc(command, archive_path, exit_code);
  register_merge(command, exit_code);
  register_compact(command, archive_path, exit_code);
  // Writing past a file size limit must fail the write (and be reported), not kill the process.
  command->preparse_callback([](std::size_t) { ::signal(SIGXFSZ, SIG_IGN); });
}

}  // namespace winnow::cli
