// `winnow archive import`: opens the archive, runs WarcImporter over each file, prints summaries and errors.
#include "archive/import.h"

#include <algorithm>
#include <cerrno>
#include <iostream>

#include "archive/warc_import.h"
#include "archive/seal.h"
#include "common/exit_codes.h"
#include "common/parallel.h"
#include "terminal/messages.h"
#include "terminal/progress_line.h"
#include "winnow/archive.h"

namespace winnow::cli {

int run_archive_import(const ImportSettings& settings) {
  if (std::count(settings.files.begin(), settings.files.end(), "-") > 1) {
    report_error("", "standard input (-) can be given only once");
    return kExitUsage;
  }
  Result<archive::Archive> opened = archive::Archive::open(settings.archive);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  std::size_t failed = 0;
  WarcImporter importer(opened.value(), worker_count(settings.jobs), [&failed](const std::string& label, const Error& error) {
    report_error(label, error.message);
    ++failed;
  });
  importer.set_partition(settings.partition_index, settings.partition_count);
  BatchProgress progress(!settings.quiet);
  std::size_t records_done = 0;
  int exit_code = kExitOk;
  for (const std::string& file : settings.files) {
    ImportTally tally;
    const bool archive_ok =
        importer.import_file(file, tally, [&] { progress.update_count(++records_done, "records", failed); });
    const std::string label = file == "-" ? "standard input" : file;
    if (tally.error) report_error(label, tally.error->message);
    if (settings.json) {
      erase_progress_line();
      std::cout << summary_json(file, tally) << '\n';
    } else if (!settings.quiet) {
      report_note(label, describe(tally));
    }
    if (tally.error || tally.failed > 0) exit_code = kExitFailure;
    if (!archive_ok) break;
  }
  progress.finish();
  exit_code = seal_batch(opened.value(), exit_code);
  if (!std::cout.flush()) {
    report_stdout_error(errno);
    return kExitFailure;
  }
  return exit_code;
}

}  // namespace winnow::cli
