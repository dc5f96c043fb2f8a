// Archive::merge: the captures of shard archives stored into this one in time order, as one process adding them all would have.
#include <filesystem>
#include <map>
#include <optional>
#include <queue>
#include <system_error>

#include "archive_impl.h"
#include "db/row_format.h"
#include "db/schema.h"
#include "winnow/http_headers.h"

namespace winnow::archive {
namespace {

// One capture of a shard as the merge needs it: the capture row, and for a
// page its version's stored fields (the bytes are read only when it is stored).
struct ShardCapture {
  std::string url;
  std::string site;
  std::string time;
  int status = 0;
  Headers headers;
  int kind = kCaptureContent;
  std::int64_t page_blob_id = 0;
  std::int64_t text_blob_id = 0;
  std::string page_sha;
  std::string text_sha;
  std::string title;
  std::string metadata;
  std::int64_t word_count = 0;
  std::string first_content_type;  // Content-Type of the first capture of its version in the shard
};

// A statement kept stepping across calls; a struct so the prepared statement is built in place.
struct Cursor {
  Cursor(Db& db, const char* sql) : statement(db.prepare(sql)) {}
  Statement statement;
};

// Every capture with its version's fields, oldest first, equal times in the order stored (`metadata_sql`:
// Archive::Impl::metadata_sql() of the shard's format).
std::string captures_in_time_order(const char* metadata_sql) {
  return std::string(
             "SELECT u.url, u.site, c.time, c.status, c.headers, c.not_modified, v.page_blob_id, v.text_blob_id, "
             "p.sha256, t.sha256, v.title, ") +
         metadata_sql +
         ", v.word_count, "
         "(SELECT f.headers FROM captures f WHERE f.version_id = v.id ORDER BY f.time, f.id LIMIT 1) "
         "FROM captures c JOIN urls u ON u.id = c.url_id JOIN versions v ON v.id = c.version_id "
         "JOIN blobs p ON p.id = v.page_blob_id JOIN blobs t ON t.id = v.text_blob_id ORDER BY c.time, c.id";
}

// One shard being read: its archive (read-only), one read snapshot for the
// whole merge, and a cursor over its captures in time order.
class Shard {
 public:
  Shard(Archive archive, Archive::Impl& impl) : archive_(std::move(archive)), impl_(impl) {}

  const std::string& path() const { return impl_.db.path(); }

  // Starts the snapshot and the cursor, and returns how many captures the shard holds.
  Result<std::int64_t> start() {
    return impl_.guard<std::int64_t>([&]() -> Result<std::int64_t> {
      snapshot_.emplace(impl_.db);
      Statement count = impl_.db.prepare("SELECT count(*) FROM captures");
      const std::int64_t captures = count.step() ? count.integer(0) : 0;
      cursor_.emplace(impl_.db, captures_in_time_order(impl_.metadata_sql()).c_str());
      return captures;
    });
  }

  // Reads the next capture into head(); false when there is none.
  Result<bool> advance() {
    return impl_.guard<bool>([&]() -> Result<bool> {
      Statement& row = cursor_->statement;
      if (!row.step()) return false;
      head_ = ShardCapture{.url = row.text(0),
                           .site = row.text(1),
                           .time = row.text(2),
                           .status = static_cast<int>(row.integer(3)),
                           .headers = parse_headers(row.text(4)),
                           .kind = static_cast<int>(row.integer(5)),
                           .page_blob_id = row.integer(6),
                           .text_blob_id = row.integer(7),
                           .page_sha = row.blob(8),
                           .text_sha = row.blob(9),
                           .title = row.text(10),
                           .metadata = row.text(11),
                           .word_count = row.integer(12),
                           .first_content_type = header_value(parse_headers(row.text(13)), "content-type")};
      return true;
    });
  }

  const ShardCapture& head() const { return head_; }

  // How many captures with the head's key this shard has had at the head's time, the head included.
  int occurrence(const std::string& key) {
    if (head_.time != counted_time_) {
      counted_.clear();
      counted_time_ = head_.time;
    }
    return ++counted_[key];
  }

  // The head, a page, ready for Archive::store: its bytes and its version's
  // article from the shard; cleaned again only when its Content-Type differs
  // from the one its version's article was cleaned with (see merge()).
  Result<PreparedCapture> prepared(bool& cleaned_again) {
    return impl_.guard<PreparedCapture>([&]() -> Result<PreparedCapture> {
      PreparedCapture capture;
      capture.input.url = head_.url;
      capture.input.time = head_.time;
      capture.input.status = head_.status;
      capture.input.headers = head_.headers;
      capture.input.raw = *impl_.blobs.get(head_.page_blob_id);
      cleaned_again = header_value(head_.headers, "content-type") != head_.first_content_type;
      if (cleaned_again) return prepare_capture(std::move(capture.input));
      capture.url = head_.url;
      capture.site = head_.site;
      capture.time = head_.time;
      capture.raw_sha256 = head_.page_sha;
      capture.title = head_.title;
      capture.text = *impl_.blobs.get(head_.text_blob_id);
      capture.text_sha256 = head_.text_sha;
      capture.metadata_json = head_.metadata;
      capture.word_count = static_cast<std::size_t>(head_.word_count);
      return capture;
    });
  }

 private:
  // Declared in this order so the cursor is reset before the snapshot ends, and both before the archive closes.
  Archive archive_;
  Archive::Impl& impl_;
  std::optional<ReadTransaction> snapshot_;
  std::optional<Cursor> cursor_;
  ShardCapture head_;
  std::string counted_time_;
  std::map<std::string, int> counted_;
};

// What tells two captures of a URL at one time apart: status, kind and, for a page, its bytes.
std::string capture_key(const ShardCapture& capture) {
  std::string key = capture.url;
  key += '\n' + std::to_string(capture.status) + '\n' + std::to_string(capture.kind);
  if (capture.kind == kCaptureContent) key += '\n' + capture.page_sha;
  return key;
}

// How many captures `archive` holds with the key of `capture`.
std::int64_t held_captures(Archive::Impl& archive, const ShardCapture& capture) {
  const std::int64_t url_id = archive.url_id(capture.url);
  if (url_id == 0) return 0;
  Statement statement = archive.db.prepare(
      "SELECT count(*) FROM captures c JOIN versions v ON v.id = c.version_id JOIN blobs b ON b.id = v.page_blob_id "
      "WHERE c.url_id = ? AND c.time = ? AND c.status = ? AND c.not_modified = ? AND (c.not_modified != 0 OR b.sha256 = ?)");
  statement.bind(1, url_id).bind_text(2, capture.time).bind(3, capture.status).bind(4, capture.kind);
  statement.bind_blob(5, capture.page_sha);
  return statement.step() ? statement.integer(0) : 0;
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error) && !error;
}

// An Error about one capture of a shard, keeping the kind of `error`.
Error capture_error(const Shard& shard, const ShardCapture& capture, const Error& error) {
  return Error{error.kind, capture.url + " at " + capture.time + " (from " + shard.path() + "): " + error.message};
}

// The shards in time order of their next capture (equal times: the earlier shard first).
class ShardQueue {
 public:
  explicit ShardQueue(const std::vector<std::unique_ptr<Shard>>& shards) : queue_(Later{&shards}) {}

  void push(std::size_t shard) { queue_.push(shard); }
  bool empty() const { return queue_.empty(); }
  std::size_t pop() {
    const std::size_t shard = queue_.top();
    queue_.pop();
    return shard;
  }

 private:
  struct Later {
    const std::vector<std::unique_ptr<Shard>>* shards;
    bool operator()(std::size_t a, std::size_t b) const {
      const std::string& time_a = (*shards)[a]->head().time;
      const std::string& time_b = (*shards)[b]->head().time;
      return time_a != time_b ? time_a > time_b : a > b;
    }
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, Later> queue_;
};

}  // namespace

Result<MergeReport> Archive::merge(const std::vector<std::string>& shard_paths,
                                   const std::function<void(const MergeReport&)>& progress) {
  if (impl_->options.read_only) return Error{ErrorKind::kInvalidInput, "the archive was opened read-only"};
  MergeReport report;
  std::vector<std::unique_ptr<Shard>> shards;
  for (const std::string& shard_path : shard_paths) {
    if (same_file(shard_path, path())) {
      return Error{ErrorKind::kInvalidInput,
                   "shard " + shard_path + " is the archive being merged into; merge into another file"};
    }
    OpenOptions read_only;
    read_only.read_only = true;
    Result<Archive> opened = Archive::open(shard_path, read_only);
    if (!opened) return opened.error();
    Impl& impl = *opened.value().impl_;
    shards.push_back(std::make_unique<Shard>(std::move(opened.value()), impl));
    Result<std::int64_t> captures = shards.back()->start();
    if (!captures) return captures.error();
    report.captures_total += captures.value();
    ++report.shards;
  }

  ShardQueue queue(shards);
  for (std::size_t i = 0; i < shards.size(); ++i) {
    Result<bool> any = shards[i]->advance();
    if (!any) return any.error();
    if (any.value()) queue.push(i);
  }
  while (!queue.empty()) {
    const std::size_t index = queue.pop();
    Shard& shard = *shards[index];
    const ShardCapture& capture = shard.head();
    ++report.captures_read;
    const int occurrence = shard.occurrence(capture_key(capture));
    Result<std::int64_t> held =
        impl_->guard<std::int64_t>([&]() -> Result<std::int64_t> { return held_captures(*impl_, capture); });
    if (!held) return capture_error(shard, capture, held.error());
    if (held.value() >= occurrence) {
      ++report.already_stored;
    } else {
      Result<AddResult> added = Error{ErrorKind::kInternal, "no capture stored"};
      if (capture.kind == kCaptureContent) {
        bool cleaned_again = false;
        Result<PreparedCapture> prepared = shard.prepared(cleaned_again);
        if (!prepared) return capture_error(shard, capture, prepared.error());
        if (cleaned_again) ++report.cleaned_again;
        added = store(prepared.value());
      } else if (capture.kind == kCaptureNotModified) {
        added = add_not_modified(capture.url, capture.time, capture.headers);
      } else {
        added = add_gone(capture.url, capture.time, capture.status, capture.headers);
      }
      if (!added) return capture_error(shard, capture, added.error());
      ++report.captures_stored;
      if (added.value().new_version) ++report.new_versions;
    }
    if (progress) progress(report);
    Result<bool> more = shard.advance();
    if (!more) return more.error();
    if (more.value()) queue.push(index);
  }
  return report;
}

}  // namespace winnow::archive
