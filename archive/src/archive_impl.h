// Archive::Impl, shared by the files that implement the Archive's operations (open, store, reads, search, verify).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "blobs/blob_store.h"
#include "db/db.h"
#include "db/errors.h"
#include "winnow/archive.h"

namespace winnow::archive {

class Archive::Impl {
 public:
  Impl(const std::string& path, const OpenOptions& options, bool immutable = false);

  // Runs `body`, turning a DbFailure (or a zstd/OpenSSL runtime_error) into an
  // Error that names the archive file; forgets cached blobs after a failure.
  template <class T>
  Result<T> guard(const std::function<Result<T>()>& body);

  // The row id of a normalised URL; 0 when it is not in the archive.
  std::int64_t url_id(const std::string& url);
  // The URL id, or an Error saying the URL is not in the archive.
  Result<std::int64_t> require_url(const std::string& raw_url, std::string& normalized);
  // Records a capture without bytes (kCaptureNotModified or kCaptureGone) of
  // the version current at `time` (empty: now); see add_not_modified().
  Result<AddResult> add_status_capture(const std::string& url, const std::string& time, int status,
                                       const Headers& headers, int kind);
  // The version row id selected by `which`, or an Error saying why there is none.
  Result<std::int64_t> select_version(std::int64_t url_id, const std::string& url, const VersionSelector& which);

  // A version a caller asked for: its URL, normalised, and the row ids.
  struct PickedVersion {
    std::string url;
    std::int64_t url_id = 0;
    std::int64_t id = 0;
  };
  // The version of `raw_url` that `which` selects: require_url() then select_version().
  Result<PickedVersion> pick_version(const std::string& raw_url, const VersionSelector& which);

  // Seals the open blobs into packs (Archive::pack) in a write transaction of its own. Throws DbFailure.
  PackReport seal_open_blobs(bool force);

  // The SQL for a version's metadata JSON (`v` being its versions row), as the file's format keeps it.
  const char* metadata_sql() const {
    return format >= 2 ? "coalesce(winnow_text(v.metadata_blob_id), v.metadata)" : "v.metadata";
  }

  OpenOptions options;
  Db db;
  BlobStore blobs;
  int format = 0;  // the file's schema version (kSchemaVersion, or an older one opened read-only)
  std::int64_t stored_since_open_count = 0;  // bytes store() took in since it last counted the open blobs
};

// The normalised bounds of a since/until pair (parse_time, parse_time_at): "0000" and "9999" where one is empty.
// Fails with kInvalidInput for a malformed time.
struct TimeBounds {
  std::string since = "0000";
  std::string until = "9999";
};
Result<TimeBounds> parse_time_bounds(const std::string& since, const std::string& until);

template <class T>
Result<T> Archive::Impl::guard(const std::function<Result<T>()>& body) {
  try {
    return body();
  } catch (const DbFailure& failure) {
    blobs.forget();
    return archive_error(failure, db.path());
  } catch (const std::runtime_error& failure) {
    blobs.forget();
    return Error{ErrorKind::kInternal, "archive " + db.path() + ": " + failure.what()};
  }
}

// The bytes an archive takes on disk: the database file and its -wal file (0 for either that is missing).
std::int64_t archive_file_bytes(const std::string& path);

// Registers winnow_text(blob_id), the article text of a text blob, used by the search_content view.
void register_functions(Archive::Impl& impl);


}  // namespace winnow::archive
