// Archive: open, store a capture (dedup, version labels), and the read operations list, log, show, raw, diff and stats.
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "archive_impl.h"
#include "diff.h"
#include "schema.h"
#include "sha256.h"
#include "winnow/ascii.h"

namespace winnow::archive {
namespace {

int open_flags(bool read_only) {
  return (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
}

std::string headers_json(const Headers& headers) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& [name, value] : headers) array.push_back({name, value});
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Headers parse_headers(const std::string& json) {
  Headers headers;
  const nlohmann::json array = nlohmann::json::parse(json, nullptr, false);
  if (!array.is_array()) return headers;
  for (const nlohmann::json& pair : array) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
  }
  return headers;
}

std::int64_t file_size(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_size) : 0;
}

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

std::string_view label_name(ChangeLabel label) {
  switch (label) {
    case ChangeLabel::kNew:
      return "new";
    case ChangeLabel::kEdited:
      return "edited";
    case ChangeLabel::kUnchanged:
      return "unchanged";
  }
  return "new";
}

int label_code(ChangeLabel label) { return static_cast<int>(label); }

ChangeLabel label_from_code(std::int64_t code) {
  if (code == 1) return ChangeLabel::kEdited;
  if (code == 2) return ChangeLabel::kUnchanged;
  return ChangeLabel::kNew;
}

Archive::Impl::Impl(const std::string& path, const OpenOptions& open_options, bool immutable)
    : options(open_options),
      db(path, open_flags(open_options.read_only), immutable),
      blobs(db, open_options.compression_level, open_options.delta_level, std::max(1, open_options.full_every)) {
  register_functions(*this);
  prepare_schema(db, options.read_only, options.sync_full);
}

std::int64_t Archive::Impl::url_id(const std::string& url) {
  Statement statement = db.prepare("SELECT id FROM urls WHERE url = ?");
  statement.bind_text(1, url);
  return statement.step() ? statement.integer(0) : 0;
}

Result<std::int64_t> Archive::Impl::require_url(const std::string& raw_url, std::string& normalized) {
  Result<std::string> url = normalize_url(raw_url);
  if (!url) return url.error();
  normalized = url.value();
  const std::int64_t id = url_id(normalized);
  if (id == 0) {
    return Error{ErrorKind::kInvalidInput, normalized + " is not in the archive (winnow archive list shows what is)"};
  }
  return id;
}

Result<std::int64_t> Archive::Impl::select_version(std::int64_t url_id, const std::string& url,
                                                   const VersionSelector& which) {
  std::int64_t count = 0;
  {
    Statement statement = db.prepare("SELECT max(seq) FROM versions WHERE url_id = ?");
    statement.bind(1, url_id);
    if (statement.step()) count = statement.integer(0);
  }
  if (which.at) {
    Result<std::string> at = parse_time_at(*which.at);
    if (!at) return at.error();
    Statement statement = db.prepare(
        "SELECT version_id FROM captures WHERE url_id = ? AND time <= ? ORDER BY time DESC, id DESC LIMIT 1");
    statement.bind(1, url_id).bind_text(2, at.value());
    if (!statement.step()) {
      return Error{ErrorKind::kInvalidInput, url + " had not been captured yet at " + at.value()};
    }
    return statement.integer(0);
  }
  std::int64_t seq = count;
  if (which.version) {
    seq = *which.version < 0 ? count + 1 + *which.version : *which.version;
    if (seq < 1 || seq > count) {
      return Error{ErrorKind::kInvalidInput, url + " has no version " + std::to_string(*which.version) + " (it has " +
                                                 std::to_string(count) + (count == 1 ? " version)" : " versions)")};
    }
  }
  Statement statement = db.prepare("SELECT id FROM versions WHERE url_id = ? AND seq = ?");
  statement.bind(1, url_id).bind(2, seq);
  if (!statement.step()) throw_damaged("version " + std::to_string(seq) + " of " + url + " is missing");
  return statement.integer(0);
}

Result<Archive> Archive::open(const std::string& path, const OpenOptions& options) {
  if (path.empty()) return Error{ErrorKind::kInvalidInput, "the archive path is empty"};
  if (std::optional<Error> problem = location_problem(path, options.read_only || !options.create)) return *problem;
  try {
    return Archive(std::make_unique<Impl>(path, options));
  } catch (const DbFailure& failure) {
    const int code = failure.code() & 0xff;
    if (!options.read_only || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) || ::access(path.c_str(), R_OK) != 0) {
      return archive_error(failure, path);
    }
  }
  // A reader in a read-only location cannot create the WAL index; nobody can write there either,
  // so the file is opened as immutable.
  try {
    return Archive(std::make_unique<Impl>(path, options, true));
  } catch (const DbFailure& failure) {
    return archive_error(failure, path);
  }
}

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;
Archive::~Archive() = default;

const std::string& Archive::path() const { return impl_->db.path(); }

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
      return Error{ErrorKind::kInvalidInput, normalized + " has no version at " + when.value() + " to be " + what +
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

Result<std::optional<Validators>> Archive::validators(const std::string& url) {
  Result<std::string> normalized = normalize_url(url);
  if (!normalized) return normalized.error();
  return impl_->guard<std::optional<Validators>>([&]() -> Result<std::optional<Validators>> {
    ReadTransaction read(impl_->db);
    const std::int64_t url_id = impl_->url_id(normalized.value());
    if (url_id == 0) return std::optional<Validators>();
    Statement statement =
        impl_->db.prepare("SELECT headers, not_modified FROM captures WHERE url_id = ? ORDER BY time DESC, id DESC");
    statement.bind(1, url_id);
    bool latest = true;
    while (statement.step()) {
      // After a 404 or 410 the page is fetched whole: a 304 would vouch for content the server had dropped.
      if (latest && statement.integer(1) == kCaptureGone) break;
      latest = false;
      Validators found;
      for (const auto& [name, value] : parse_headers(statement.text(0))) {
        if (ascii::iequals(name, "etag")) found.etag = value;
        if (ascii::iequals(name, "last-modified")) found.last_modified = value;
      }
      if (!found.etag.empty() || !found.last_modified.empty()) return std::optional<Validators>(found);
    }
    return std::optional<Validators>(Validators{});
  });
}

Result<std::vector<UrlSummary>> Archive::list() {
  return impl_->guard<std::vector<UrlSummary>>([&]() -> Result<std::vector<UrlSummary>> {
    ReadTransaction read(impl_->db);
    Statement statement = impl_->db.prepare(
        "SELECT u.url, (SELECT max(seq) FROM versions WHERE url_id = u.id), "
        "(SELECT count(*) FROM captures WHERE url_id = u.id), (SELECT max(time) FROM captures WHERE url_id = u.id), "
        "(SELECT title FROM versions WHERE url_id = u.id ORDER BY seq DESC LIMIT 1) "
        "FROM urls u WHERE EXISTS (SELECT 1 FROM versions WHERE url_id = u.id) ORDER BY u.url");
    std::vector<UrlSummary> urls;
    while (statement.step()) {
      UrlSummary summary;
      summary.url = statement.text(0);
      summary.versions = static_cast<int>(statement.integer(1));
      summary.captures = static_cast<int>(statement.integer(2));
      summary.last_capture = statement.text(3);
      summary.title = statement.text(4);
      urls.push_back(std::move(summary));
    }
    return urls;
  });
}

Result<std::vector<LogEntry>> Archive::log(const std::string& url) {
  return impl_->guard<std::vector<LogEntry>>([&]() -> Result<std::vector<LogEntry>> {
    ReadTransaction read(impl_->db);
    std::string normalized;
    Result<std::int64_t> url_id = impl_->require_url(url, normalized);
    if (!url_id) return url_id.error();
    Statement statement = impl_->db.prepare(
        "SELECT c.time, c.status, v.seq, c.id = (SELECT id FROM captures WHERE version_id = v.id ORDER BY time, id "
        "LIMIT 1), c.not_modified, b.size, v.label, v.words_changed FROM captures c JOIN versions v ON v.id = c.version_id "
        "JOIN blobs b ON b.id = v.page_blob_id WHERE c.url_id = ? ORDER BY c.time, c.id");
    statement.bind(1, url_id.value());
    std::vector<LogEntry> entries;
    while (statement.step()) {
      LogEntry entry;
      entry.time = statement.text(0);
      entry.status = static_cast<int>(statement.integer(1));
      entry.version = static_cast<int>(statement.integer(2));
      entry.new_version = statement.integer(3) != 0;
      entry.not_modified = statement.integer(4) == kCaptureNotModified;
      entry.gone = statement.integer(4) == kCaptureGone;
      entry.size = static_cast<std::size_t>(statement.integer(5));
      entry.label = label_from_code(statement.integer(6));
      entry.words_changed = static_cast<std::size_t>(statement.integer(7));
      entries.push_back(std::move(entry));
    }
    return entries;
  });
}

Result<Version> Archive::show(const std::string& url, const VersionSelector& which) {
  return impl_->guard<Version>([&]() -> Result<Version> {
    ReadTransaction read(impl_->db);
    std::string normalized;
    Result<std::int64_t> url_id = impl_->require_url(url, normalized);
    if (!url_id) return url_id.error();
    Result<std::int64_t> version_id = impl_->select_version(url_id.value(), normalized, which);
    if (!version_id) return version_id.error();
    Statement statement = impl_->db.prepare(
        "SELECT v.seq, (SELECT max(seq) FROM versions WHERE url_id = v.url_id), c.time, c.status, c.headers, v.label, "
        "v.words_changed, b.size, b.sha256, v.title, v.metadata, v.text_blob_id FROM versions v "
        "JOIN blobs b ON b.id = v.page_blob_id "
        "JOIN captures c ON c.id = (SELECT id FROM captures WHERE version_id = v.id ORDER BY time, id LIMIT 1) "
        "WHERE v.id = ?");
    statement.bind(1, version_id.value());
    if (!statement.step()) throw_damaged("a version of " + normalized + " has no capture");
    Version version;
    version.url = normalized;
    version.version = static_cast<int>(statement.integer(0));
    version.versions = static_cast<int>(statement.integer(1));
    version.first_capture = statement.text(2);
    version.status = static_cast<int>(statement.integer(3));
    version.headers = parse_headers(statement.text(4));
    version.label = label_from_code(statement.integer(5));
    version.words_changed = static_cast<std::size_t>(statement.integer(6));
    version.raw_size = static_cast<std::size_t>(statement.integer(7));
    version.raw_sha256_hex = to_hex(statement.blob_view(8));
    version.title = statement.text(9);
    version.metadata_json = statement.text(10);
    const std::int64_t text_blob_id = statement.integer(11);
    version.text = *impl_->blobs.get(text_blob_id);
    if (!which.version) {
      // The capture that chose the version (the latest, or the one current at `at`) may say the page was gone.
      Result<std::string> at = which.at ? parse_time_at(*which.at) : Result<std::string>(std::string("9999"));
      if (!at) return at.error();
      Statement chooser = impl_->db.prepare(
          "SELECT not_modified, status, time FROM captures WHERE url_id = ? AND time <= ? "
          "ORDER BY time DESC, id DESC LIMIT 1");
      chooser.bind(1, url_id.value()).bind_text(2, at.value());
      if (chooser.step() && chooser.integer(0) == kCaptureGone) {
        version.gone_status = static_cast<int>(chooser.integer(1));
        version.gone_time = chooser.text(2);
      }
    }
    return version;
  });
}

Result<std::string> Archive::raw(const std::string& url, const VersionSelector& which) {
  return impl_->guard<std::string>([&]() -> Result<std::string> {
    ReadTransaction read(impl_->db);
    std::string normalized;
    Result<std::int64_t> url_id = impl_->require_url(url, normalized);
    if (!url_id) return url_id.error();
    Result<std::int64_t> version_id = impl_->select_version(url_id.value(), normalized, which);
    if (!version_id) return version_id.error();
    Statement statement = impl_->db.prepare("SELECT page_blob_id FROM versions WHERE id = ?");
    statement.bind(1, version_id.value());
    if (!statement.step()) throw_damaged("a version of " + normalized + " is missing");
    const std::int64_t blob_id = statement.integer(0);
    return std::string(*impl_->blobs.get(blob_id));
  });
}

Result<std::string> Archive::diff(const std::string& url, std::optional<int> a, std::optional<int> b) {
  return impl_->guard<std::string>([&]() -> Result<std::string> {
    ReadTransaction read(impl_->db);
    std::string normalized;
    Result<std::int64_t> url_id = impl_->require_url(url, normalized);
    if (!url_id) return url_id.error();
    if (!a) {
      Statement statement = impl_->db.prepare("SELECT max(seq) FROM versions WHERE url_id = ?");
      statement.bind(1, url_id.value());
      const int count = statement.step() ? static_cast<int>(statement.integer(0)) : 0;
      if (count < 2) {
        return Error{ErrorKind::kInvalidInput, normalized + " has only one version: nothing to compare it with"};
      }
      a = count - 1;
    }
    if (!b) b = -1;
    std::string texts[2];
    std::string names[2];
    const int picks[2] = {*a, *b};
    for (int i = 0; i < 2; ++i) {
      Result<std::int64_t> version_id = impl_->select_version(url_id.value(), normalized, {picks[i], std::nullopt});
      if (!version_id) return version_id.error();
      Statement statement = impl_->db.prepare(
          "SELECT v.seq, v.text_blob_id, (SELECT min(time) FROM captures WHERE version_id = v.id) "
          "FROM versions v WHERE v.id = ?");
      statement.bind(1, version_id.value());
      if (!statement.step()) throw_damaged("a version of " + normalized + " is missing");
      names[i] = normalized + " version " + std::to_string(statement.integer(0)) + " (" + statement.text(2) + ")";
      const std::int64_t text_blob_id = statement.integer(1);
      texts[i] = *impl_->blobs.get(text_blob_id);
    }
    return unified_diff(texts[0], texts[1], names[0], names[1]);
  });
}

Result<Stats> Archive::stats() {
  return impl_->guard<Stats>([&]() -> Result<Stats> {
    ReadTransaction read(impl_->db);
    Stats stats;
    const auto number = [&](const char* sql) {
      Statement statement = impl_->db.prepare(sql);
      return statement.step() ? statement.integer(0) : 0;
    };
    stats.urls = number("SELECT count(*) FROM urls");
    stats.captures = number("SELECT count(*) FROM captures");
    stats.versions = number("SELECT count(*) FROM versions");
    stats.page_blobs = number("SELECT count(*) FROM blobs WHERE kind = 0");
    stats.raw_bytes = number("SELECT coalesce(sum(size), 0) FROM blobs WHERE kind = 0");
    stats.page_stored_bytes = number("SELECT coalesce(sum(length(data)), 0) FROM blobs WHERE kind = 0");
    stats.captured_bytes = number(
        "SELECT coalesce(sum(b.size), 0) FROM captures c JOIN versions v ON v.id = c.version_id "
        "JOIN blobs b ON b.id = v.page_blob_id WHERE c.not_modified != 2");  // a gone capture received nothing
    stats.text_blobs = number("SELECT count(*) FROM blobs WHERE kind = 1");
    stats.text_bytes = number("SELECT coalesce(sum(size), 0) FROM blobs WHERE kind = 1");
    stats.text_stored_bytes = number("SELECT coalesce(sum(length(data)), 0) FROM blobs WHERE kind = 1");
    stats.dictionaries = number("SELECT count(*) FROM dicts");
    stats.dictionary_bytes = number("SELECT coalesce(sum(length(data)), 0) FROM dicts");
    stats.stored_bytes = stats.page_stored_bytes + stats.text_stored_bytes + stats.dictionary_bytes;
    stats.file_bytes = file_size(impl_->db.path()) + file_size(impl_->db.path() + "-wal");
    return stats;
  });
}

}  // namespace winnow::archive
