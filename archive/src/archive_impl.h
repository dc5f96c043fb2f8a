// Archive::Impl, shared by the files that implement the Archive's operations (open, store, reads, search, verify).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "blob_store.h"
#include "db.h"
#include "winnow/archive.h"

namespace winnow::archive {

// The Error for a DbFailure on the archive at `path`: what happened, in words a person can act on.
Error archive_error(const DbFailure& failure, const std::string& path);

// Why `path` cannot be an archive, checked before SQLite touches it (so it
// never makes a -journal beside a device): it exists but is not a regular
// file (directory, device, FIFO, socket, a /proc or /sys pseudo-file), it
// cannot be read, or it does not exist and its directory is missing or not
// writable (or `must_exist`: then a missing file is itself the problem).
// nullopt when SQLite may open it.
std::optional<Error> location_problem(const std::string& path, bool must_exist);

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

  OpenOptions options;
  Db db;
  BlobStore blobs;
};

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

// Registers winnow_text(blob_id), the article text of a text blob, used by the search_content view.
void register_functions(Archive::Impl& impl);

// The label of a version with article `after` (`after_words` words) that
// follows one with article `before`; sets words_changed. Texts equal: unchanged.
ChangeLabel change_label(const std::string& before, std::size_t before_words, const std::string& after,
                         std::size_t after_words, std::size_t& words_changed);

// Re-derives the versions of `url_id` from its captures in time order, after a
// capture was stored out of order: a version is a run of captures with the same
// bytes (304 and gone captures join the run before them), numbered 1, 2, ... in
// time order, each labelled against the one before it, the search index kept in
// step. Runs inside the caller's write transaction. Throws DbFailure.
void resequence_versions(Archive::Impl& impl, std::int64_t url_id);

// A capture's headers as the JSON array captures.headers holds ([[name, value], ...]), and back
// (a malformed value reads as no headers).
std::string headers_json(const Headers& headers);
Headers parse_headers(const std::string& json);

// The label as stored in versions.label, and back.
int label_code(ChangeLabel label);
ChangeLabel label_from_code(std::int64_t code);

}  // namespace winnow::archive
