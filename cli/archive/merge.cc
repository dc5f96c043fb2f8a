// `winnow archive merge`: checks the shards and the output, runs Archive::merge with a progress line, prints the summary.
#include "archive/merge.h"

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>

#include "archive/seal.h"
#include "common/exit_codes.h"
#include "terminal/messages.h"
#include "terminal/progress_line.h"
#include "winnow/archive.h"

namespace winnow::cli {
namespace {

std::string describe(const archive::MergeReport& report) {
  std::string text = std::to_string(report.shards) + (report.shards == 1 ? " shard, " : " shards, ") +
                     std::to_string(report.captures_read) + " captures: " + std::to_string(report.captures_stored) +
                     " stored (" + std::to_string(report.new_versions) + " new versions), " +
                     std::to_string(report.already_stored) + " already stored";
  if (report.cleaned_again > 0) text += ", " + std::to_string(report.cleaned_again) + " cleaned again";
  return text;
}

std::string summary_json(const std::string& output, const archive::MergeReport& report,
                         const std::optional<Error>& error) {
  nlohmann::ordered_json line;
  line["output"] = output;
  line["shards"] = report.shards;
  line["captures"] = report.captures_read;
  line["stored"] = report.captures_stored;
  line["already_stored"] = report.already_stored;
  line["new_versions"] = report.new_versions;
  line["cleaned_again"] = report.cleaned_again;
  line["error"] = error ? nlohmann::ordered_json(error->message) : nlohmann::ordered_json(nullptr);
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// Why the shards cannot be merged into settings.output, before anything is opened for writing: a shard that
// is the output file, or one that is not a readable archive. Returns the exit code, or nullopt when all is well.
std::optional<int> check_shards(const MergeSettings& settings) {
  for (const std::string& shard : settings.shards) {
    std::error_code error;
    if (std::filesystem::equivalent(shard, settings.output, error) && !error) {
      report_error(shard, "is the output archive (-o); merge into another file");
      return kExitUsage;
    }
    archive::OpenOptions read_only;
    read_only.read_only = true;
    Result<archive::Archive> opened = archive::Archive::open(shard, read_only);
    if (!opened) {
      report_error("", opened.error().message);
      return kExitFailure;
    }
  }
  return std::nullopt;
}

}  // namespace

int run_archive_merge(const MergeSettings& settings) {
  if (std::optional<int> refused = check_shards(settings)) return *refused;
  Result<archive::Archive> opened = archive::Archive::open(settings.output);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  BatchProgress progress(!settings.quiet);
  archive::MergeReport so_far;
  Result<archive::MergeReport> merged = opened.value().merge(settings.shards, [&](const archive::MergeReport& report) {
    so_far = report;
    progress.update(static_cast<std::size_t>(report.captures_read), static_cast<std::size_t>(report.captures_total), 0);
  });
  progress.finish();
  std::optional<Error> error;
  if (merged) {
    so_far = merged.value();
  } else {
    error = merged.error();
    report_error("", error->message);
  }
  if (settings.json) {
    std::cout << summary_json(settings.output, so_far, error) << '\n';
  } else if (!settings.quiet) {
    report_note(settings.output, describe(so_far));
  }
  if (!std::cout.flush()) {
    report_stdout_error(errno);
    return kExitFailure;
  }
  return error ? kExitFailure : seal_batch(opened.value(), kExitOk);
}

}  // namespace winnow::cli
