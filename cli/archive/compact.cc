// `winnow archive compact`: repacks every blob by site at the compact level, tightens the search index, VACUUMs.
#include "archive/compact.h"

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "common/exit_codes.h"
#include "terminal/messages.h"
#include "winnow/archive.h"

namespace winnow::cli {

int run_archive_compact(const CompactSettings& settings) {
  std::error_code ec;
  if (!std::filesystem::exists(settings.archive, ec) && (!ec || ec == std::errc::no_such_file_or_directory)) {
    report_error("", "no archive at " + settings.archive + " (--archive PATH or WINNOW_ARCHIVE choose another)");
    return kExitFailure;
  }
  archive::OpenOptions options;
  options.create = false;
  Result<archive::Archive> opened = archive::Archive::open(settings.archive, options);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  Result<archive::PackReport> compacted = opened.value().compact();
  if (!compacted) {
    report_error("", compacted.error().message);
    return kExitFailure;
  }
  const archive::PackReport& r = compacted.value();
  if (settings.json) {
    nlohmann::json line = {{"archive", settings.archive},     {"packs", r.packs},
                           {"blobs", r.blobs},                {"raw_bytes", r.raw_bytes},
                           {"packed_bytes", r.stored_bytes},  {"file_bytes_before", r.file_bytes_before},
                           {"file_bytes_after", r.file_bytes_after}};
    std::cout << line.dump() << '\n';
  } else if (!settings.quiet) {
    report_note(settings.archive, std::to_string(r.file_bytes_before) + " bytes before, " +
                                      std::to_string(r.file_bytes_after) + " after (" + std::to_string(r.blobs) +
                                      " blobs in " + std::to_string(r.packs) + " packs)");
  }
  if (!std::cout.flush()) {
    report_stdout_error(errno);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace winnow::cli
