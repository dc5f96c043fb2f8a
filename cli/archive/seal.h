// The end of every command that stores captures: what it stored is sealed into packs (Archive::pack).
#pragma once

#include "winnow/archive.h"

namespace winnow::cli {

// Packs the archive's open blobs when they are enough for a pack (Archive::pack
// without force), after a batch has stored its captures. Returns `exit_code`,
// or kExitFailure after reporting the error when packing failed (the captures
// stay stored and readable, still unpacked).
int seal_batch(archive::Archive& archive, int exit_code);

}  // namespace winnow::cli
