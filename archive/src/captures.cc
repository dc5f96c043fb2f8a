// Archive::captures: every capture a filter selects, with what an export needs to write it.
#include "archive_impl.h"
#include "blobs/sha256.h"
#include "db/row_format.h"
#include "db/schema.h"

namespace winnow::archive {

Result<TimeBounds> parse_time_bounds(const std::string& since, const std::string& until) {
  TimeBounds bounds;
  if (!since.empty()) {
    Result<std::string> parsed = parse_time(since);
    if (!parsed) return parsed.error();
    bounds.since = parsed.value();
  }
  if (!until.empty()) {
    Result<std::string> parsed = parse_time_at(until);
    if (!parsed) return parsed.error();
    bounds.until = parsed.value();
  }
  return bounds;
}

Result<std::vector<CaptureRecord>> Archive::captures(const CaptureFilter& filter) {
  Result<TimeBounds> bounds = parse_time_bounds(filter.since, filter.until);
  if (!bounds) return bounds.error();
  const std::string& since = bounds.value().since;
  const std::string& until = bounds.value().until;
  return impl_->guard<std::vector<CaptureRecord>>([&]() -> Result<std::vector<CaptureRecord>> {
    ReadTransaction read(impl_->db);
    std::vector<std::int64_t> url_ids;
    if (filter.urls.empty()) {
      Statement all = impl_->db.prepare("SELECT id FROM urls ORDER BY url");
      while (all.step()) url_ids.push_back(all.integer(0));
    } else {
      for (const std::string& url : filter.urls) {
        std::string normalized;
        Result<std::int64_t> url_id = impl_->require_url(url, normalized);
        if (!url_id) return url_id.error();
        url_ids.push_back(url_id.value());
      }
    }
    constexpr const char* kSql =
        "SELECT u.url, c.time, c.status, c.headers, v.seq, "
        "c.id = (SELECT id FROM captures WHERE version_id = v.id ORDER BY time, id LIMIT 1), c.not_modified, b.size, "
        "b.sha256 FROM captures c JOIN urls u ON u.id = c.url_id JOIN versions v ON v.id = c.version_id "
        "JOIN blobs b ON b.id = v.page_blob_id WHERE c.url_id = ? AND c.time >= ? AND c.time <= ? ORDER BY c.time, c.id";
    std::vector<CaptureRecord> records;
    for (const std::int64_t url_id : url_ids) {
      Statement statement = impl_->db.prepare(kSql);  // prepared once, reset when it goes out of scope
      statement.bind(1, url_id).bind_text(2, since).bind_text(3, until);
      while (statement.step()) {
        const std::int64_t kind = statement.integer(6);
        records.push_back({.url = statement.text(0),
                           .time = statement.text(1),
                           .status = static_cast<int>(statement.integer(2)),
                           .headers = parse_headers(statement.text(3)),
                           .version = static_cast<int>(statement.integer(4)),
                           .new_version = statement.integer(5) != 0,
                           .not_modified = kind == kCaptureNotModified,
                           .gone = kind == kCaptureGone,
                           .raw_size = static_cast<std::size_t>(statement.integer(7)),
                           .raw_sha256_hex = to_hex(statement.blob_view(8))});
      }
    }
    return records;
  });
}

Result<bool> Archive::has_capture(const std::string& url, const std::string& time, int status,
                                  std::string_view raw_sha256) {
  Result<std::string> normalized = normalize_url(url);
  if (!normalized) return normalized.error();
  Result<std::string> when = parse_time(time);
  if (!when) return when.error();
  return impl_->guard<bool>([&]() -> Result<bool> {
    ReadTransaction read(impl_->db);
    const std::int64_t url_id = impl_->url_id(normalized.value());
    if (url_id == 0) return false;
    Statement statement = impl_->db.prepare(
        "SELECT c.not_modified, b.sha256 FROM captures c JOIN versions v ON v.id = c.version_id "
        "JOIN blobs b ON b.id = v.page_blob_id WHERE c.url_id = ? AND c.time = ? AND c.status = ?");
    statement.bind(1, url_id).bind_text(2, when.value()).bind(3, status);
    while (statement.step()) {
      if (raw_sha256.empty() || (statement.integer(0) == kCaptureContent && statement.blob_view(1) == raw_sha256)) {
        return true;
      }
    }
    return false;
  });
}

}  // namespace winnow::archive
