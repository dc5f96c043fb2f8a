// The read operations: validators, log, show, raw, diff and stats (list is list.cc).
#include <sys/stat.h>

#include "archive_impl.h"
#include "blobs/sha256.h"
#include "db/row_format.h"
#include "blobs/packer.h"
#include "db/schema.h"
#include "diff.h"
#include "winnow/ascii.h"

namespace winnow::archive {
namespace {

std::int64_t file_size(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_size) : 0;
}

}  // namespace

std::int64_t archive_file_bytes(const std::string& path) { return file_size(path) + file_size(path + "-wal"); }

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
      const std::int64_t kind = statement.integer(4);
      entries.push_back({.time = statement.text(0),
                         .status = static_cast<int>(statement.integer(1)),
                         .version = static_cast<int>(statement.integer(2)),
                         .new_version = statement.integer(3) != 0,
                         .not_modified = kind == kCaptureNotModified,
                         .gone = kind == kCaptureGone,
                         .size = static_cast<std::size_t>(statement.integer(5)),
                         .label = label_from_code(statement.integer(6)),
                         .words_changed = static_cast<std::size_t>(statement.integer(7))});
    }
    return entries;
  });
}

Result<Version> Archive::show(const std::string& url, const VersionSelector& which) {
  return impl_->guard<Version>([&]() -> Result<Version> {
    ReadTransaction read(impl_->db);
    Result<Impl::PickedVersion> picked = impl_->pick_version(url, which);
    if (!picked) return picked.error();
    const std::string& normalized = picked.value().url;
    const std::string sql =
        std::string("SELECT v.seq, (SELECT max(seq) FROM versions WHERE url_id = v.url_id), c.time, c.status, ") +
        "c.headers, v.label, v.words_changed, b.size, b.sha256, v.title, " + impl_->metadata_sql() +
        ", v.text_blob_id FROM versions v JOIN blobs b ON b.id = v.page_blob_id "
        "JOIN captures c ON c.id = (SELECT id FROM captures WHERE version_id = v.id ORDER BY time, id LIMIT 1) "
        "WHERE v.id = ?";
    Statement statement = impl_->db.prepare(sql.c_str());
    statement.bind(1, picked.value().id);
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
      chooser.bind(1, picked.value().url_id).bind_text(2, at.value());
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
    Result<Impl::PickedVersion> picked = impl_->pick_version(url, which);
    if (!picked) return picked.error();
    const std::string& normalized = picked.value().url;
    Statement statement = impl_->db.prepare("SELECT page_blob_id FROM versions WHERE id = ?");
    statement.bind(1, picked.value().id);
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
    // One pass over the blobs: count, content bytes and stored bytes of each kind, summed in one row (a GROUP BY
    // would sort, copying each packed blob's whole pack into the sorter). A packed blob's share of its pack's
    // compressed bytes is its share of the pack's bytes.
    const bool packs = impl_->format >= 2;
    {
      const std::string stored_bytes = packs ? "CASE WHEN b.pack_id IS NULL THEN length(b.data) ELSE "
                                               "CAST(length(p.data) AS REAL) * b.size / max(p.size, 1) END"
                                             : "length(b.data)";
      std::string sql = "SELECT ";
      for (const int kind : {kPageBlob, kTextBlob, kMetadataBlob}) {
        const std::string when = "CASE WHEN b.kind = " + std::to_string(kind) + " THEN ";
        sql += (kind == kPageBlob ? "" : ", ") + std::string("coalesce(sum(b.kind = ") + std::to_string(kind) +
               "), 0), coalesce(sum(" + when + "b.size END), 0), coalesce(sum(" + when + stored_bytes + " END), 0)";
      }
      sql += packs ? " FROM blobs b LEFT JOIN packs p ON p.id = b.pack_id" : " FROM blobs b";
      Statement kinds = impl_->db.prepare(sql.c_str());
      if (kinds.step()) {
        const auto stored = [&](int column) { return static_cast<std::int64_t>(kinds.real(column) + 0.5); };
        stats.page_blobs = kinds.integer(0);
        stats.raw_bytes = kinds.integer(1);
        stats.page_stored_bytes = stored(2);
        stats.text_blobs = kinds.integer(3);
        stats.text_bytes = kinds.integer(4);
        stats.text_stored_bytes = stored(5);
        stats.metadata_stored_bytes = stored(8);
      }
    }
    stats.urls = number("SELECT count(*) FROM urls");
    stats.captures = number("SELECT count(*) FROM captures");
    stats.versions = number("SELECT count(*) FROM versions");
    stats.captured_bytes = number(
        "SELECT coalesce(sum(b.size), 0) FROM captures c JOIN versions v ON v.id = c.version_id "
        "JOIN blobs b ON b.id = v.page_blob_id WHERE c.not_modified != 2");  // a gone capture received nothing
    stats.dictionaries = number("SELECT count(*) FROM dicts");
    stats.dictionary_bytes = number("SELECT coalesce(sum(length(data)), 0) FROM dicts");
    stats.stored_bytes =
        stats.page_stored_bytes + stats.text_stored_bytes + stats.metadata_stored_bytes + stats.dictionary_bytes;
    if (packs) {
      stats.packs = number("SELECT count(*) FROM packs");
      stats.open_blobs = open_blobs(impl_->db).count;
    }
    {
      Statement pages = impl_->db.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name");
      while (pages.step()) {
        const std::string name = pages.text(0);
        const std::int64_t bytes = pages.integer(1);
        if (name == "blobs" || name == "packs" || name == "dicts") {
          stats.file_content_bytes += bytes;
        } else if (name.rfind("search_index", 0) == 0) {
          stats.file_index_bytes += bytes;
        } else {
          stats.file_table_bytes += bytes;
        }
      }
    }
    stats.file_free_bytes = number("SELECT freelist_count * page_size FROM pragma_freelist_count, pragma_page_size");
    stats.file_bytes = archive_file_bytes(impl_->db.path());
    return stats;
  });
}

}  // namespace winnow::archive
