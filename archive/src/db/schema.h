// The archive's tables, how a file is recognised as an archive, and how a new one is laid out.
#pragma once

#include <cstdint>

#include "db/db.h"

namespace winnow::archive {

// PRAGMA application_id of every winnow archive ("Wnnw").
inline constexpr std::int32_t kApplicationId = 0x576E6E77;
// PRAGMA user_version: the schema version this winnow writes and reads.
inline constexpr int kSchemaVersion = 1;

// Blob kinds: the raw bytes of a page, or the article text cleaned from it.
inline constexpr int kPageBlob = 0;
inline constexpr int kTextBlob = 1;

// Capture kinds (captures.not_modified): bytes received, a 304 Not Modified,
// or a 404/410 saying the page is gone. The last two carry no content: their
// version is the one current before them in time.
inline constexpr int kCaptureContent = 0;
inline constexpr int kCaptureNotModified = 1;
inline constexpr int kCaptureGone = 2;

// Blob codecs: a zstd frame alone, with the dictionary `dict_id`, or against the content of blob `base_id`.
inline constexpr int kCodecZstd = 0;
inline constexpr int kCodecZstdDictionary = 1;
inline constexpr int kCodecZstdDelta = 2;

// Sets the connection up (WAL, busy timeout, foreign keys) and creates the
// tables in an empty file, or checks that a non-empty one is a winnow archive
// of a version this code reads. Throws DbFailure: SQLITE_NOTADB for a file
// that is not an archive (with a message saying what it is), SQLITE_CORRUPT
// for damage, SQLITE_CANTOPEN/READONLY/FULL/IOERR from the file system.
void prepare_schema(Db& db, bool read_only, bool sync_full);

}  // namespace winnow::archive
