// `winnow archive compact`: the archive rewritten as tightly as it can hold (Archive::compact).
#pragma once

#include <string>

namespace winnow::cli {

struct CompactSettings {
  std::string archive;
  bool json = false;
  bool quiet = false;
};

// Compacts the archive at settings.archive (never creating one) and reports
// the file's size before and after, as text or one JSON object. Returns the
// exit code; errors are reported on stderr.
int run_archive_compact(const CompactSettings& settings);

}  // namespace winnow::cli
