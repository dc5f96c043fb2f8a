// Packs: full copies of blobs gathered, sorted by site, and compressed together as one zstd frame (texts and metadata first, pages after).
#pragma once

#include <cstdint>

#include "blobs/blob_store.h"
#include "db/db.h"

namespace winnow::archive {

// Which blobs pack_blobs() gathers.
enum class PackScope {
  kOpen,  // full copies stored since the last pack, each still its own frame (not format 1's: see first_open_blob)
  kAll,   // every full copy, packed or not (compact): the old packs are then deleted
};

// How packs are cut and compressed.
struct PackShape {
  std::int64_t pack_bytes = 12 << 20;  // a pack's members together, about (a read decodes one whole pack)
  int level = 17;                     // zstd level
};

// What pack_blobs() wrote.
struct PackTally {
  int packs = 0;
  std::int64_t blobs = 0;         // members packed
  std::int64_t raw_bytes = 0;     // their bytes
  std::int64_t stored_bytes = 0;  // the packs' compressed bytes
};

// The first blob id that may be open: blobs before it were written by format 1 (each its own frame,
// maybe with a dictionary) and stay so until compact; 0 for an archive made in this format.
std::int64_t first_open_blob(Db& db);

// The open blobs: how many and their bytes. Throws DbFailure.
struct OpenBlobs {
  std::int64_t count = 0;
  std::int64_t bytes = 0;
};
OpenBlobs open_blobs(Db& db);

// Gathers the blobs of `scope` into packs of about shape.pack_bytes each:
// sorted by site (each pack its texts and metadata first, then its pages), so pages of a site
// share one zstd window. Each member is read (and checked) through `blobs`,
// its row then points into its pack and its own frame is dropped. Runs in
// the caller's write transaction (begun under ForeignKeysOff, or each row
// rewritten scans the tables that refer to blobs); nothing changes unless it commits. Throws
// DbFailure (damage found while reading a member, or SQLite's failures).
PackTally pack_blobs(Db& db, BlobStore& blobs, PackScope scope, const PackShape& shape);

}  // namespace winnow::archive
