// verify: SQLite's own integrity check, then every dictionary and blob decoded and hashed, every version, capture and index row cross-checked.
#include <optional>
#include <set>

#include "archive_impl.h"
#include "schema.h"
#include "sha256.h"

namespace winnow::archive {
namespace {

bool is_busy(const DbFailure& failure) {
  const int primary = failure.code() & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// Runs one check; a failure becomes a problem line instead of ending the
// verification. A busy or locked database is not damage: it ends verify with
// an error (after SQLite's busy timeout), never a problem line.
template <class Check>
void attempt(std::vector<std::string>& problems, const std::string& what, Check check) {
  try {
    check();
  } catch (const DbFailure& failure) {
    if (is_busy(failure)) throw;
    problems.push_back(what + ": " + failure.what());
  } catch (const std::runtime_error& failure) {
    problems.push_back(what + ": " + failure.what());
  }
}

}  // namespace

Result<VerifyReport> Archive::verify() {
  return impl_->guard<VerifyReport>([&]() -> Result<VerifyReport> {
    Db& db = impl_->db;
    BlobStore& blobs = impl_->blobs;
    VerifyReport report;
    std::vector<std::string>& problems = report.problems;
    blobs.forget();
    // Every read check sees one snapshot (WAL mode: writers go on meanwhile), so a
    // capture committed halfway through cannot look like a missing row.
    std::optional<ReadTransaction> read(std::in_place, db);

    attempt(problems, "SQLite integrity check", [&] {
      Statement statement = db.prepare("PRAGMA integrity_check");
      while (statement.step()) {
        const std::string line = statement.text(0);
        if (line != "ok") problems.push_back("SQLite integrity check: " + line);
      }
    });

    attempt(problems, "dictionaries", [&] {
      std::vector<std::int64_t> ids;
      {
        Statement statement = db.prepare("SELECT id FROM dicts WHERE length(data) > 0 ORDER BY id");
        while (statement.step()) ids.push_back(statement.integer(0));
      }
      for (const std::int64_t id : ids) {
        attempt(problems, "dictionary " + std::to_string(id), [&] { blobs.dictionary(id); });
      }
    });

    std::vector<std::int64_t> blob_ids;
    attempt(problems, "blobs", [&] {
      Statement statement = db.prepare("SELECT id FROM blobs ORDER BY id");
      while (statement.step()) blob_ids.push_back(statement.integer(0));
    });
    for (const std::int64_t id : blob_ids) {
      attempt(problems, "blob " + std::to_string(id), [&] { blobs.get(id); });
      ++report.blobs_checked;
    }

    attempt(problems, "versions", [&] {
      Statement statement = db.prepare(
          "SELECT v.id, u.url, v.seq, p.kind, t.kind, (SELECT count(*) FROM captures WHERE version_id = v.id), "
          "(SELECT count(*) FROM versions w WHERE w.url_id = v.url_id AND w.seq <= v.seq) "
          "FROM versions v LEFT JOIN urls u ON u.id = v.url_id LEFT JOIN blobs p ON p.id = v.page_blob_id "
          "LEFT JOIN blobs t ON t.id = v.text_blob_id ORDER BY v.id");
      while (statement.step()) {
        ++report.versions_checked;
        const std::string name = "version " + std::to_string(statement.integer(2)) + " of " +
                                 (statement.is_null(1) ? "a missing URL (version row " + std::to_string(statement.integer(0)) + ")"
                                                       : statement.text(1));
        if (statement.is_null(1)) problems.push_back(name + ": its URL row is missing");
        if (statement.is_null(3) || statement.integer(3) != kPageBlob) problems.push_back(name + ": its page blob is missing");
        if (statement.is_null(4) || statement.integer(4) != kTextBlob) problems.push_back(name + ": its text blob is missing");
        if (statement.integer(5) == 0) problems.push_back(name + ": no capture refers to it");
        if (statement.integer(6) != statement.integer(2)) problems.push_back(name + ": version numbers have a gap");
      }
    });

    attempt(problems, "captures", [&] {
      Statement statement = db.prepare(
          "SELECT c.id, c.time, v.id IS NULL, v.url_id IS NOT c.url_id FROM captures c "
          "LEFT JOIN versions v ON v.id = c.version_id ORDER BY c.id");
      while (statement.step()) {
        ++report.captures_checked;
        const std::string name = "capture " + std::to_string(statement.integer(0));
        const std::string time = statement.text(1);
        Result<std::string> parsed = parse_time(time);
        if (!parsed || parsed.value() != time) problems.push_back(name + ": bad time '" + time + "'");
        if (statement.integer(2) != 0) {
          problems.push_back(name + ": its version is missing");
        } else if (statement.integer(3) != 0) {
          problems.push_back(name + ": its URL differs from its version's URL");
        }
      }
    });

    attempt(problems, "search index rows", [&] {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_index, instance)");
      std::set<std::int64_t> in_index;
      {
        Statement statement = db.prepare("SELECT DISTINCT doc FROM temp.search_vocab");
        while (statement.step()) in_index.insert(statement.integer(0));
      }
      std::set<std::int64_t> indexed;
      {
        Statement statement = db.prepare("SELECT id, seq, (SELECT url FROM urls WHERE id = url_id), "
                                         "(SELECT size FROM blobs WHERE id = text_blob_id) FROM versions WHERE indexed = 1");
        while (statement.step()) {
          const std::int64_t id = statement.integer(0);
          indexed.insert(id);
          if (in_index.count(id) == 0 && statement.integer(3) > 0) {
            problems.push_back("search index: version " + std::to_string(statement.integer(1)) + " of " +
                               statement.text(2) + " is not indexed");
          }
        }
      }
      for (const std::int64_t doc : in_index) {
        if (indexed.count(doc) == 0) {
          problems.push_back("search index: row " + std::to_string(doc) + " is not an indexed version");
        }
      }
    });
    read.reset();

    // FTS5's integrity check is an INSERT: it needs the write lock, which a read
    // snapshot older than another process's commit can never get. It runs in a
    // write transaction of its own (waiting for writers as they wait for each
    // other) and is rolled back.
    if (!impl_->options.read_only) {
      WriteTransaction write(db);
      attempt(problems, "search index", [&] {
        // FTS5 checks the index's structure and that it matches search_content (decoding every indexed text).
        Statement check = db.prepare("INSERT INTO search_index(search_index) VALUES('integrity-check')");
        check.run();
      });
    }
    return report;
  });
}

}  // namespace winnow::archive
