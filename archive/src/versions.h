// The rows of `versions` and `captures` as store() and the timeline write them, and the search-index entries that follow a version.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "db/db.h"
#include "winnow/archive.h"

namespace winnow::archive {

// What a row of `versions` holds besides its URL and its number.
struct VersionFields {
  std::int64_t page_blob_id = 0;
  std::int64_t text_blob_id = 0;
  std::string title;
  std::string metadata;     // the article's metadata as JSON, when metadata_blob_id is 0 (format 1 rows)
  std::int64_t word_count = 0;
  std::int64_t label = 0;   // label_code(); -1 on a provisional row whose label is still to be worked out
  std::int64_t words_changed = 0;
  bool indexed = false;     // its text is in the search index
  std::int64_t metadata_blob_id = 0;  // the blob holding the metadata (kMetadataBlob); 0 on format-1 rows
};

// Inserts version number `seq` of `url_id` and returns its row id. Throws DbFailure.
std::int64_t insert_version(Db& db, std::int64_t url_id, std::int64_t seq, const VersionFields& fields);

// The number after the highest version of `url_id` (1 when it has none). Throws DbFailure.
std::int64_t next_version_seq(Db& db, std::int64_t url_id);

// Inserts a capture of `url_id` at `time` belonging to `version_id`, of `kind`
// (kCaptureContent, kCaptureNotModified or kCaptureGone), and returns its row
// id. Throws DbFailure.
std::int64_t insert_capture(Db& db, std::int64_t url_id, std::int64_t version_id, const std::string& time, int status,
                            const Headers& headers, int kind);

// Adds version `version_id`'s title and text to the search index, or removes
// them (FTS5 needs the indexed values back to delete them). Throws DbFailure.
void index_version(Db& db, std::int64_t version_id, std::string_view title, std::string_view text);
void unindex_version(Db& db, std::int64_t version_id, std::string_view title, std::string_view text);

}  // namespace winnow::archive
