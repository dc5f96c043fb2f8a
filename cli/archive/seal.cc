// Sealing a batch's blobs into packs when the command that stored them ends.
#include "archive/seal.h"

#include "common/exit_codes.h"
#include "terminal/messages.h"

namespace winnow::cli {

int seal_batch(archive::Archive& archive, int exit_code) {
  Result<archive::PackReport> packed = archive.pack();
  if (packed) return exit_code;
  report_error("", packed.error().message + " (the captures are stored, not yet packed)");
  return kExitFailure;
}

}  // namespace winnow::cli
