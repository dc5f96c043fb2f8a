// Archive::store and the status captures: dedup against the latest version, back-dated captures, labels, the search index.
#include "archive_impl.h"
#include "schema.h"
#include "sha256.h"

namespace winnow::archive {
namespace {

// The latest version of a URL, as store() needs it.
struct Latest {
  std::int64_t id = 0;
  int seq = 0;
  std::int64_t page_blob_id = 0;
  std::int64_t text_blob_id = 0;
  std::string page_sha;
  std::string text_sha;
  std::int64_t word_count = 0;
  std::int64_t raw_size = 0;
  ChangeLabel label = ChangeLabel::kNew;
  std::int64_t words_changed = 0;
};

std::optional<Latest> latest_version(Db& db, std::int64_t url_id) {
  Statement statement = db.prepare(
      "SELECT v.id, v.seq, v.page_blob_id, v.text_blob_id, p.sha256, t.sha256, v.word_count, p.size, v.label, "
      "v.words_changed FROM versions v JOIN blobs p ON p.id = v.page_blob_id JOIN blobs t ON t.id = v.text_blob_id "
      "WHERE v.url_id = ? ORDER BY v.seq DESC LIMIT 1");
  statement.bind(1, url_id);
  if (!statement.step()) return std::nullopt;
  Latest latest;
  latest.id = statement.integer(0);
  latest.seq = static_cast<int>(statement.integer(1));
  latest.page_blob_id = statement.integer(2);
  latest.text_blob_id = statement.integer(3);
  latest.page_sha = statement.blob(4);
  latest.text_sha = statement.blob(5);
  latest.word_count = statement.integer(6);
  latest.raw_size = statement.integer(7);
  latest.label = label_from_code(statement.integer(8));
  latest.words_changed = statement.integer(9);
  return latest;
}

std::int64_t insert_capture(Db& db, std::int64_t url_id, std::int64_t version_id, const std::string& time, int status,
                            const Headers& headers, int kind) {
  Statement insert = db.prepare(
      "INSERT INTO captures(url_id, version_id, time, status, headers, not_modified) VALUES(?, ?, ?, ?, ?, ?)");
  insert.bind(1, url_id).bind(2, version_id).bind_text(3, time).bind(4, status).bind_text(5, headers_json(headers));
  insert.bind(6, kind);
  insert.run();
  return sqlite3_last_insert_rowid(db.get());
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

// Stores a capture older than the URL's latest one where its time puts it, then re-derives the URL's versions.
Result<AddResult> store_back_dated(Archive::Impl& impl, const PreparedCapture& capture, std::int64_t url_id,
                                   const std::optional<Latest>& latest, WriteTransaction& transaction,
                                   AddResult& result) {
  Db& db = impl.db;
  BlobStore& blobs = impl.blobs;
  // The blobs follow the URL's latest ones as usual: the delta chain is storage order, not time order.
  const StoredBlob page =
      blobs.put(kPageBlob, capture.site, capture.input.raw, capture.raw_sha256, latest ? latest->page_blob_id : 0);
  const StoredBlob text =
      blobs.put(kTextBlob, capture.site, capture.text, capture.text_sha256, latest ? latest->text_blob_id : 0);
  result.blob_existed = page.existed;
  result.stored_size = page.stored_size + text.stored_size;
  // A provisional version (label -1: to be worked out) that resequence_versions merges or numbers.
  Statement insert = db.prepare(
      "INSERT INTO versions(url_id, seq, page_blob_id, text_blob_id, title, metadata, word_count, label, "
      "words_changed, indexed) VALUES(?, (SELECT coalesce(max(seq), 0) + 1 FROM versions WHERE url_id = ?), "
      "?, ?, ?, ?, ?, -1, 0, 0)");
  insert.bind(1, url_id).bind(2, url_id).bind(3, page.id).bind(4, text.id);
  insert.bind_text(5, capture.title).bind_text(6, capture.metadata_json);
  insert.bind(7, static_cast<std::int64_t>(capture.word_count));
  insert.run();
  const std::int64_t version_id = sqlite3_last_insert_rowid(db.get());
  result.capture_id = insert_capture(db, url_id, version_id, result.time, capture.input.status,
                                     capture.input.headers, kCaptureContent);
  resequence_versions(impl, url_id);
  describe_capture(db, result.capture_id, result);
  if (!page.existed) blobs.maybe_train(capture.site);
  transaction.commit();
  return result;
}

}  // namespace

Result<AddResult> Archive::add_capture(CaptureInput input) {
  Result<PreparedCapture> prepared = prepare_capture(std::move(input));
  if (!prepared) return prepared.error();
  return store(prepared.value());
}

Result<AddResult> Archive::store(const PreparedCapture& capture) {
  if (impl_->options.read_only) return Error{ErrorKind::kInvalidInput, "the archive was opened read-only"};
  return impl_->guard<AddResult>([&]() -> Result<AddResult> {
    Db& db = impl_->db;
    BlobStore& blobs = impl_->blobs;
    WriteTransaction transaction(db);
    AddResult result;
    result.url = capture.url;
    result.raw_size = capture.input.raw.size();
    result.warning = capture.warning;

    std::int64_t url_id = impl_->url_id(capture.url);
    if (url_id == 0) {
      Statement insert = db.prepare("INSERT INTO urls(url, site) VALUES(?, ?)");
      insert.bind_text(1, capture.url).bind_text(2, capture.site);
      insert.run();
      url_id = sqlite3_last_insert_rowid(db.get());
    }
    // "Now" is read once the write lock is held, not when the page was cleaned: pages cleaned
    // ahead on other threads, or by other processes, get times in the order they are stored.
    result.time = capture.input.time.empty() ? now_utc() : capture.time;
    const std::optional<Latest> latest = latest_version(db, url_id);
    // A capture older than the URL's latest one (a back-dated import) goes into
    // the timeline where its time puts it, and the versions are re-derived.
    const std::string latest_time = latest_capture_time(db, url_id);
    if (!latest_time.empty() && result.time < latest_time) {
      return store_back_dated(*impl_, capture, url_id, latest, transaction, result);
    }
    if (latest && latest->page_sha == capture.raw_sha256) {
      result.capture_id = insert_capture(db, url_id, latest->id, result.time, capture.input.status,
                                         capture.input.headers, kCaptureContent);
      transaction.commit();
      result.version = latest->seq;
      result.blob_existed = true;
      result.label = latest->label;
      result.words_changed = static_cast<std::size_t>(latest->words_changed);
      return result;
    }

    const StoredBlob page =
        blobs.put(kPageBlob, capture.site, capture.input.raw, capture.raw_sha256, latest ? latest->page_blob_id : 0);
    result.blob_existed = page.existed;
    result.stored_size = page.stored_size;
    std::int64_t text_blob_id = 0;
    if (latest && latest->text_sha == capture.text_sha256) {
      text_blob_id = latest->text_blob_id;
      result.label = ChangeLabel::kUnchanged;
    } else {
      const StoredBlob text =
          blobs.put(kTextBlob, capture.site, capture.text, capture.text_sha256, latest ? latest->text_blob_id : 0);
      text_blob_id = text.id;
      result.stored_size += text.stored_size;
      if (latest) {
        const std::shared_ptr<const std::string> before = blobs.get(latest->text_blob_id);
        result.label = change_label(*before, static_cast<std::size_t>(latest->word_count), capture.text,
                                    capture.word_count, result.words_changed);
      } else {
        result.words_changed = capture.word_count;
        result.label = ChangeLabel::kNew;
      }
    }
    result.version = latest ? latest->seq + 1 : 1;
    result.new_version = true;
    const bool indexed = result.label != ChangeLabel::kUnchanged;
    Statement insert = db.prepare(
        "INSERT INTO versions(url_id, seq, page_blob_id, text_blob_id, title, metadata, word_count, label, "
        "words_changed, indexed) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, url_id).bind(2, result.version).bind(3, page.id).bind(4, text_blob_id);
    insert.bind_text(5, capture.title).bind_text(6, capture.metadata_json);
    insert.bind(7, static_cast<std::int64_t>(capture.word_count)).bind(8, label_code(result.label));
    insert.bind(9, static_cast<std::int64_t>(result.words_changed)).bind(10, indexed ? 1 : 0);
    insert.run();
    const std::int64_t version_id = sqlite3_last_insert_rowid(db.get());
    if (indexed) {
      Statement index = db.prepare("INSERT INTO search_index(rowid, title, text) VALUES(?, ?, ?)");
      index.bind(1, version_id).bind_text(2, capture.title).bind_text(3, capture.text);
      index.run();
    }
    result.capture_id = insert_capture(db, url_id, version_id, result.time, capture.input.status,
                                       capture.input.headers, kCaptureContent);
    if (!page.existed) blobs.maybe_train(capture.site);
    transaction.commit();
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
