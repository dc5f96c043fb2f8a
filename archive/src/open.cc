// Archive::open: the checks before SQLite touches the path, the schema, and the URL and version lookups every operation shares.
#include <unistd.h>

#include "archive_impl.h"
#include "db/schema.h"

namespace winnow::archive {
namespace {

int open_flags(bool read_only) {
  return (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
}

}  // namespace

Archive::Impl::Impl(const std::string& path, const OpenOptions& open_options, bool immutable)
    : options(open_options),
      db(path, open_flags(open_options.read_only), immutable),
      blobs(db, open_options.compression_level, open_options.delta_level, std::max(1, open_options.full_every)) {
  register_functions(*this);
  format = prepare_schema(db, options.read_only, options.sync_full);
  blobs.set_has_packs(format >= 2);
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
    return Error{ErrorKind::kNotFound, normalized + " is not in the archive (winnow archive list shows what is)"};
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
      return Error{ErrorKind::kNotFound, url + " had not been captured yet at " + at.value()};
    }
    return statement.integer(0);
  }
  std::int64_t seq = count;
  if (which.version) {
    seq = *which.version < 0 ? count + 1 + *which.version : *which.version;
    if (seq < 1 || seq > count) {
      return Error{ErrorKind::kNotFound, url + " has no version " + std::to_string(*which.version) + " (it has " +
                                                 std::to_string(count) + (count == 1 ? " version)" : " versions)")};
    }
  }
  Statement statement = db.prepare("SELECT id FROM versions WHERE url_id = ? AND seq = ?");
  statement.bind(1, url_id).bind(2, seq);
  if (!statement.step()) throw_damaged("version " + std::to_string(seq) + " of " + url + " is missing");
  return statement.integer(0);
}

Result<Archive::Impl::PickedVersion> Archive::Impl::pick_version(const std::string& raw_url,
                                                                 const VersionSelector& which) {
  PickedVersion picked;
  Result<std::int64_t> url_id = require_url(raw_url, picked.url);
  if (!url_id) return url_id.error();
  picked.url_id = url_id.value();
  Result<std::int64_t> version_id = select_version(picked.url_id, picked.url, which);
  if (!version_id) return version_id.error();
  picked.id = version_id.value();
  return picked;
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

}  // namespace winnow::archive
