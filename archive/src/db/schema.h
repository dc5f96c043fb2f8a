// The archive's tables, how a file is recognised as an archive, and how a new one is laid out.
#pragma once

#include <cstdint>

#include "db/db.h"

namespace winnow::archive {

// PRAGMA application_id of every winnow archive ("Wnnw").
inline constexpr std::int32_t kApplicationId = 0x576E6E77;
// PRAGMA user_version: the schema version this winnow writes (and the newest it reads). Format 1 stored
// every blob as its own zstd frame; format 2 adds packs (full copies compressed together) and blob
// columns pointing into them. Opening a format-1 archive for writing upgrades it; read-only, it is read as it is.
inline constexpr int kSchemaVersion = 2;

// Blob kinds: the raw bytes of a page, the article text cleaned from it, its metadata.
inline constexpr int kPageBlob = 0;
inline constexpr int kTextBlob = 1;
// The article's metadata as JSON (format 2; format 1 kept it in versions.metadata).
inline constexpr int kMetadataBlob = 2;

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
// A blob whose content is `size` bytes at `pack_offset` of pack `pack_id`'s decompressed bytes.
inline constexpr int kCodecPacked = 3;

// The search index (format 2). detail=none: it keeps which versions hold a token, not where (a third
// of the size); phrases, NEAR and column filters are checked on each candidate's own text
// (search_plan.cc). A format-1 archive keeps its detail=full index until compact rebuilds it.
inline constexpr const char* kCreateSearchIndex =
    "CREATE VIRTUAL TABLE search_index USING fts5(title, text, content='search_content', content_rowid='id', "
    "detail=none, tokenize='unicode61 remove_diacritics 2')";

// Sets the connection up (WAL, busy timeout, foreign keys) and creates the
// tables in an empty file, or checks that a non-empty one is a winnow archive
// of a version this code reads. Throws DbFailure: SQLITE_NOTADB for a file
// that is not an archive (with a message saying what it is), SQLITE_CORRUPT
// for damage, SQLITE_CANTOPEN/READONLY/FULL/IOERR from the file system.
// Upgrades an older format when opened for writing. Returns the file's format
// (kSchemaVersion, or an older one opened read-only).
int prepare_schema(Db& db, bool read_only, bool sync_full);

}  // namespace winnow::archive
