// Schema creation and recognition; PRAGMA application_id marks the file as ours, user_version its layout.
#include "db/schema.h"

#include <string>

namespace winnow::archive {
namespace {

// Every table, index and view; created in one transaction so a half-made archive cannot exist.
constexpr const char* kCreate = R"sql(
CREATE TABLE urls(
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  site TEXT NOT NULL
);
CREATE TABLE dicts(
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL UNIQUE,        -- a site, or '*' for the archive-wide dictionary
  sha256 BLOB NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE blobs(
  id INTEGER PRIMARY KEY,
  sha256 BLOB NOT NULL UNIQUE,       -- of the content, checked on every read
  kind INTEGER NOT NULL,             -- 0 page bytes, 1 article text, 2 article metadata (JSON)
  site TEXT NOT NULL,
  size INTEGER NOT NULL,             -- content bytes
  codec INTEGER NOT NULL,            -- 0 zstd, 1 zstd + dictionary, 2 zstd delta against base, 3 in a pack
  base_id INTEGER REFERENCES blobs(id),
  dict_id INTEGER REFERENCES dicts(id),
  depth INTEGER NOT NULL,            -- position since the last full copy (0 = a full copy)
  prev_id INTEGER REFERENCES blobs(id),  -- the blob this one follows (its base is an ancestor along prev_id)
  data BLOB NOT NULL,                -- empty for a blob in a pack
  pack_id INTEGER REFERENCES packs(id),  -- codec 3: the pack holding the content, at pack_offset of its bytes
  pack_offset INTEGER
);
CREATE TABLE packs(
  id INTEGER PRIMARY KEY,
  size INTEGER NOT NULL,             -- its members' bytes, one after another
  sha256 BLOB NOT NULL,              -- of those bytes
  level INTEGER NOT NULL,            -- the zstd level it was compressed at
  data BLOB NOT NULL                 -- one zstd frame
);
CREATE INDEX blobs_open ON blobs(id) WHERE pack_id IS NULL AND codec < 2;
CREATE TABLE settings(
  name TEXT PRIMARY KEY,             -- 'first_open_blob': blobs below it came from format 1, and only compact packs them
  value
);
CREATE TABLE versions(
  id INTEGER PRIMARY KEY,
  url_id INTEGER NOT NULL REFERENCES urls(id),
  seq INTEGER NOT NULL,              -- 1, 2, ... per URL, in the time order of their first captures
  page_blob_id INTEGER NOT NULL REFERENCES blobs(id),
  text_blob_id INTEGER NOT NULL REFERENCES blobs(id),
  title TEXT NOT NULL,
  metadata TEXT NOT NULL,            -- JSON object (format 1); '' when metadata_blob_id holds it
  word_count INTEGER NOT NULL,
  label INTEGER NOT NULL,            -- 0 new, 1 edited, 2 unchanged
  words_changed INTEGER NOT NULL,
  indexed INTEGER NOT NULL,          -- 1: has its own row in search_index (its article differs from the previous one)
  metadata_blob_id INTEGER REFERENCES blobs(id),  -- the metadata JSON as a blob (kind 2), stored once, packed
  UNIQUE(url_id, seq)
);
CREATE TABLE captures(
  id INTEGER PRIMARY KEY,
  url_id INTEGER NOT NULL REFERENCES urls(id),
  version_id INTEGER NOT NULL REFERENCES versions(id),
  time TEXT NOT NULL,                -- YYYY-MM-DDTHH:MM:SSZ
  status INTEGER NOT NULL,           -- HTTP status, 0 unknown
  headers TEXT NOT NULL,             -- JSON array of [name, value]
  not_modified INTEGER NOT NULL      -- 0 content, 1 a 304 (not modified), 2 a 404/410 (gone)
);
CREATE INDEX captures_by_url ON captures(url_id, time);
CREATE INDEX captures_by_version ON captures(version_id);
CREATE VIEW search_content AS
  SELECT id, title, winnow_text(text_blob_id) AS text FROM versions WHERE indexed = 1;
)sql";

// Format 1 (one zstd frame per blob) to format 2 (full copies gathered into packs).
constexpr const char* kUpgradeFrom1 = R"sql(
CREATE TABLE packs(
  id INTEGER PRIMARY KEY,
  size INTEGER NOT NULL,
  sha256 BLOB NOT NULL,
  level INTEGER NOT NULL,
  data BLOB NOT NULL
);
ALTER TABLE blobs ADD COLUMN pack_id INTEGER REFERENCES packs(id);
ALTER TABLE blobs ADD COLUMN pack_offset INTEGER;
ALTER TABLE versions ADD COLUMN metadata_blob_id INTEGER REFERENCES blobs(id);
CREATE INDEX blobs_open ON blobs(id) WHERE pack_id IS NULL AND codec < 2;
CREATE TABLE settings(name TEXT PRIMARY KEY, value);
INSERT INTO settings VALUES('first_open_blob', (SELECT coalesce(max(id), 0) + 1 FROM blobs));
)sql";

std::string read_header(Db& db) {
  Statement statement = db.prepare("PRAGMA application_id");
  return statement.step() ? std::to_string(statement.integer(0)) : std::string();
}

std::int64_t read_user_version(Db& db) {
  Statement statement = db.prepare("PRAGMA user_version");
  return statement.step() ? statement.integer(0) : 0;
}

// Brings an archive of an older format to this one, in one transaction (another process may have done it first).
void upgrade(Db& db) {
  WriteTransaction transaction(db);
  try {
    if (read_user_version(db) == 1) db.exec(kUpgradeFrom1);
  } catch (const DbFailure& failure) {
    // The file says format 1, but its tables are not format 1's (a damaged header): damage, not a bug.
    if ((failure.code() & 0xff) != SQLITE_ERROR) throw;
    throw DbFailure(SQLITE_CORRUPT, 0, std::string("its tables do not match its format number: ") + failure.what());
  }
  db.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  transaction.commit();
}

}  // namespace

int prepare_schema(Db& db, bool read_only, bool sync_full) {
  sqlite3_busy_timeout(db.get(), 10000);
  // Reading the first page here turns "not a database" and damage into errors now, not mid-command.
  // One statement, so one snapshot: read apart, another process creating the
  // schema in between made a new archive look like a foreign database.
  std::int64_t application_id = 0;
  std::int64_t user_version = 0;
  std::int64_t objects = 0;
  {
    Statement statement = db.prepare(
        "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_schema)");
    if (statement.step()) {
      application_id = statement.integer(0);
      user_version = statement.integer(1);
      objects = statement.integer(2);
    }
  }
  if (application_id != kApplicationId && objects > 0) {
    throw DbFailure(SQLITE_NOTADB, 0, "it is an SQLite database, but not a winnow archive");
  }
  if (application_id == kApplicationId && user_version > kSchemaVersion) {
    throw DbFailure(SQLITE_MISMATCH, 0,
                    "it was written by a newer winnow (archive format " + std::to_string(user_version) +
                        ", this winnow reads " + std::to_string(kSchemaVersion) + ")");
  }
  // Only before the file's first page is written (journal_mode=WAL writes it): lets a seal give back
  // the pages its blobs' frames held.
  if (!read_only && objects == 0) db.exec("PRAGMA auto_vacuum=INCREMENTAL");
  if (!read_only) exec_waiting(db, "PRAGMA journal_mode=WAL");
  db.exec(sync_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=ON");
  if (application_id == kApplicationId) {
    if (user_version >= kSchemaVersion || read_only) return static_cast<int>(user_version);
    upgrade(db);
    return kSchemaVersion;
  }
  if (read_only) throw DbFailure(SQLITE_NOTADB, 0, "it is an empty file (adding a page makes it an archive)");

  WriteTransaction transaction(db);
  // Another process may have created the schema while this one waited for the lock.
  if (read_header(db) == std::to_string(kApplicationId)) return kSchemaVersion;
  db.exec(kCreate);
  db.exec(kCreateSearchIndex);
  db.exec(("PRAGMA application_id=" + std::to_string(kApplicationId)).c_str());
  db.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  transaction.commit();
  return kSchemaVersion;
}

}  // namespace winnow::archive
