// Archive::store and the status captures: dedup against the latest version, back-dated captures, labels, the search index.
#include "archive_impl.h"
#include "blobs/packer.h"
#include "blobs/sha256.h"
#include "db/row_format.h"
#include "db/schema.h"
#include "timeline.h"
#include "versions.h"

namespace winnow::archive {
namespace {

// The latest version of a URL, as store() needs it.
struct Latest {
  std::int64_t id = 0;
  int seq = 0;
  std::int64_t page_blob_id = 0;
  std::int64_t text_blob_id = 0;
  std::int64_t metadata_blob_id = 0;  // 0 for a format-1 row (metadata in the row)
  std::string page_sha;
  std::string text_sha;
  std::int64_t word_count = 0;
  ChangeLabel label = ChangeLabel::kNew;
  std::int64_t words_changed = 0;
};

std::optional<Latest> latest_version(Db& db, std::int64_t url_id) {
  Statement statement = db.prepare(
      "SELECT v.id, v.seq, v.page_blob_id, v.text_blob_id, p.sha256, t.sha256, v.word_count, v.label, "
      "v.words_changed, coalesce(v.metadata_blob_id, 0) FROM versions v JOIN blobs p ON p.id = v.page_blob_id JOIN blobs t ON t.id = v.text_blob_id "
      "WHERE v.url_id = ? ORDER BY v.seq DESC LIMIT 1");
  statement.bind(1, url_id);
  if (!statement.step()) return std::nullopt;
  return Latest{statement.integer(0),     static_cast<int>(statement.integer(1)),
                statement.integer(2),     statement.integer(3),
                statement.integer(9),     statement.blob(4),
                statement.blob(5),        statement.integer(6),
                label_from_code(statement.integer(7)), statement.integer(8)};
}

// The row id of a normalised URL, added with its site when new.
std::int64_t url_row(Archive::Impl& impl, const PreparedCapture& capture) {
  if (const std::int64_t id = impl.url_id(capture.url); id != 0) return id;
  Statement insert = impl.db.prepare("INSERT INTO urls(url, site) VALUES(?, ?)");
  insert.bind_text(1, capture.url).bind_text(2, capture.site);
  insert.run();
  return sqlite3_last_insert_rowid(impl.db.get());
}

// The time of the URL's latest capture; empty when it has none.
std::string latest_capture_time(Db& db, std::int64_t url_id) {
  Statement statement = db.prepare("SELECT max(time) FROM captures WHERE url_id = ?");
  statement.bind(1, url_id);
  return statement.step() ? statement.text(0) : std::string();
}

// Fills `result` with what the capture `capture_id` belongs to, as the timeline now stands.
void describe_capture(Db& db, std::int64_t capture_id, AddResult& result) {
  Statement statement = db.prepare(
      "SELECT v.seq, v.label, v.words_changed, c.id = (SELECT id FROM captures WHERE version_id = v.id "
      "ORDER BY time, id LIMIT 1) FROM captures c JOIN versions v ON v.id = c.version_id WHERE c.id = ?");
  statement.bind(1, capture_id);
  if (!statement.step()) throw_damaged("a capture just stored is missing");
  result.version = static_cast<int>(statement.integer(0));
  result.label = label_from_code(statement.integer(1));
  result.words_changed = static_cast<std::size_t>(statement.integer(2));
  result.new_version = statement.integer(3) != 0;
}

// The storing of one capture of `url_id`, in whichever of three ways its time and bytes call for.
class CaptureStore {
 public:
  CaptureStore(Archive::Impl& impl, const PreparedCapture& capture, std::int64_t url_id, AddResult& result)
      : impl_(impl), db_(impl.db), capture_(capture), url_id_(url_id), result_(result),
        latest_(latest_version(impl.db, url_id)) {}

  void store() {
    // A capture older than the URL's latest one (a back-dated import) goes into
    // the timeline where its time puts it, and the versions are re-derived.
    const std::string latest_time = latest_capture_time(db_, url_id_);
    if (!latest_time.empty() && result_.time < latest_time) return store_back_dated();
    if (latest_ && latest_->page_sha == capture_.raw_sha256) return store_same_bytes();
    store_new_version();
  }

 private:
  // The blobs follow the URL's latest ones: the delta chain is storage order, not time order.
  StoredBlob put_page() {
    return impl_.blobs.put(kPageBlob, capture_.site, capture_.input.raw, capture_.raw_sha256,
                           latest_ ? latest_->page_blob_id : 0);
  }
  StoredBlob put_text() {
    return impl_.blobs.put(kTextBlob, capture_.site, capture_.text, capture_.text_sha256,
                           latest_ ? latest_->text_blob_id : 0);
  }

  // The metadata is a blob too: stored once however many versions share it, a delta when it changes.
  VersionFields fields(std::int64_t page_blob_id, std::int64_t text_blob_id) const {
    VersionFields fields{page_blob_id, text_blob_id, capture_.title, "",
                         static_cast<std::int64_t>(capture_.word_count), 0, 0, false};
    fields.metadata_blob_id = impl_.blobs
                                  .put(kMetadataBlob, capture_.site, capture_.metadata_json,
                                       sha256(capture_.metadata_json), latest_ ? latest_->metadata_blob_id : 0)
                                  .id;
    return fields;
  }

  std::int64_t add_capture(std::int64_t version_id) {
    return insert_capture(db_, url_id_, version_id, result_.time, capture_.input.status, capture_.input.headers,
                          kCaptureContent);
  }

  // The same bytes as the latest version: one more capture of it.
  void store_same_bytes() {
    result_.capture_id = add_capture(latest_->id);
    result_.version = latest_->seq;
    result_.blob_existed = true;
    result_.label = latest_->label;
    result_.words_changed = static_cast<std::size_t>(latest_->words_changed);
  }

  void store_new_version() {
    const StoredBlob page = put_page();
    result_.blob_existed = page.existed;
    result_.stored_size = page.stored_size;
    VersionFields version = fields(page.id, 0);
    if (latest_ && latest_->text_sha == capture_.text_sha256) {
      version.text_blob_id = latest_->text_blob_id;
      result_.label = ChangeLabel::kUnchanged;
    } else {
      const StoredBlob text = put_text();
      version.text_blob_id = text.id;
      result_.stored_size += text.stored_size;
      label_against_latest();
    }
    result_.version = latest_ ? latest_->seq + 1 : 1;
    result_.new_version = true;
    version.label = label_code(result_.label);
    version.words_changed = static_cast<std::int64_t>(result_.words_changed);
    version.indexed = result_.label != ChangeLabel::kUnchanged;
    const std::int64_t version_id = insert_version(db_, url_id_, result_.version, version);
    if (version.indexed) index_version(db_, version_id, capture_.title, capture_.text);
    result_.capture_id = add_capture(version_id);
  }

  void label_against_latest() {
    if (!latest_) {
      result_.words_changed = capture_.word_count;
      result_.label = ChangeLabel::kNew;
      return;
    }
    const std::shared_ptr<const std::string> before = impl_.blobs.get(latest_->text_blob_id);
    result_.label = change_label(*before, static_cast<std::size_t>(latest_->word_count), capture_.text,
                                 capture_.word_count, result_.words_changed);
  }

  // Stores the capture where its time puts it, then re-derives the URL's versions.
  void store_back_dated() {
    const StoredBlob page = put_page();
    const StoredBlob text = put_text();
    result_.blob_existed = page.existed;
    result_.stored_size = page.stored_size + text.stored_size;
    // A provisional version (label -1: to be worked out) that resequence_versions merges or numbers.
    VersionFields version = fields(page.id, text.id);
    version.label = -1;
    const std::int64_t version_id = insert_version(db_, url_id_, next_version_seq(db_, url_id_), version);
    result_.capture_id = add_capture(version_id);
    resequence_versions(impl_, url_id_);
    describe_capture(db_, result_.capture_id, result_);
  }

  Archive::Impl& impl_;
  Db& db_;
  const PreparedCapture& capture_;
  std::int64_t url_id_;
  AddResult& result_;
  std::optional<Latest> latest_;
};

}  // namespace

Result<AddResult> Archive::add_capture(CaptureInput input) {
  Result<PreparedCapture> prepared = prepare_capture(std::move(input));
  if (!prepared) return prepared.error();
  return store(prepared.value());
}

Result<AddResult> Archive::store(const PreparedCapture& capture) {
  if (impl_->options.read_only) return Error{ErrorKind::kInvalidInput, "the archive was opened read-only"};
  return impl_->guard<AddResult>([&]() -> Result<AddResult> {
    WriteTransaction transaction(impl_->db);
    AddResult result;
    result.url = capture.url;
    result.raw_size = capture.input.raw.size();
    result.warning = capture.warning;
    const std::int64_t url_id = url_row(*impl_, capture);
    // "Now" is read once the write lock is held, not when the page was cleaned: pages cleaned
    // ahead on other threads, or by other processes, get times in the order they are stored.
    result.time = capture.input.time.empty() ? now_utc() : capture.time;
    CaptureStore(*impl_, capture, url_id, result).store();
    transaction.commit();
    // A long batch seals its open blobs as it goes, so they never pile up unpacked. Counting them reads every
    // open blob's row, so it is done each time this connection has stored a quarter of the limit since
    // (another writer's blobs are found at the next count).
    impl_->stored_since_open_count += static_cast<std::int64_t>(capture.input.raw.size() + capture.text.size() +
                                                                 capture.metadata_json.size());
    if (impl_->stored_since_open_count >= impl_->options.pack_auto_bytes / 4) {
      impl_->stored_since_open_count = 0;
      if (open_blobs(impl_->db).bytes >= impl_->options.pack_auto_bytes) impl_->seal_open_blobs(true);
    }
    return result;
  });
}

Result<AddResult> Archive::Impl::add_status_capture(const std::string& url, const std::string& time, int status,
                                                   const Headers& headers, int kind) {
  if (options.read_only) return Error{ErrorKind::kInvalidInput, "the archive was opened read-only"};
  Result<std::string> when = time.empty() ? Result<std::string>(now_utc()) : parse_time(time);
  if (!when) return when.error();
  return guard<AddResult>([&]() -> Result<AddResult> {
    WriteTransaction transaction(db);
    std::string normalized;
    Result<std::int64_t> url_id = require_url(url, normalized);
    if (!url_id) return url_id.error();
    const std::string what = kind == kCaptureGone ? "gone" : "unchanged";
    // Such a capture has no bytes: it belongs to the version current at its time.
    Statement current = db.prepare(
        "SELECT version_id FROM captures WHERE url_id = ? AND time <= ? ORDER BY time DESC, id DESC LIMIT 1");
    current.bind(1, url_id.value()).bind_text(2, when.value());
    if (!current.step()) {
      return Error{ErrorKind::kNotFound, normalized + " has no version at " + when.value() + " to be " + what +
                                                 " from (its first capture is later)"};
    }
    const std::int64_t version_id = current.integer(0);
    AddResult result;
    result.url = normalized;
    result.time = when.value();
    result.blob_existed = true;
    result.capture_id = insert_capture(db, url_id.value(), version_id, when.value(), status, headers, kind);
    describe_capture(db, result.capture_id, result);
    result.new_version = false;
    transaction.commit();
    return result;
  });
}

Result<AddResult> Archive::add_not_modified(const std::string& url, const std::string& time, const Headers& headers) {
  return impl_->add_status_capture(url, time, 304, headers, kCaptureNotModified);
}

Result<AddResult> Archive::add_gone(const std::string& url, const std::string& time, int status, const Headers& headers) {
  if (status != 404 && status != 410) {
    return Error{ErrorKind::kInvalidInput, "a gone capture records a 404 or 410, not " + std::to_string(status)};
  }
  return impl_->add_status_capture(url, time, status, headers, kCaptureGone);
}

}  // namespace winnow::archive
