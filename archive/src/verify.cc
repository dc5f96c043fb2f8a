// verify: SQLite's own integrity check, then every dictionary and blob decoded and hashed, every version, capture and index row cross-checked.
#include <functional>
#include <optional>
#include <set>

#include "archive_impl.h"
#include "db/schema.h"

namespace winnow::archive {
namespace {

bool is_busy(const DbFailure& failure) {
  const int primary = failure.code() & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// The checks of verify(), each adding what it finds wrong to the report's problems.
class Verifier {
 public:
  Verifier(Archive::Impl& impl, VerifyReport& report, const std::function<void(const VerifyProgress&)>& progress,
           bool with_index_structure)
      : db_(impl.db), blobs_(impl.blobs), format_(impl.format), report_(report), problems_(report.problems),
        progress_(progress) {
    progress_state_.steps = 6 + (format_ >= 2 ? 1 : 0) + (with_index_structure ? 1 : 0);
  }

  // The checks that only read, all in one snapshot (WAL mode: writers go on
  // meanwhile), so a capture committed halfway through cannot look like a missing row.
  void read_checks() {
    ReadTransaction read(db_);
    start_check("SQLite integrity check");
    attempt("SQLite integrity check", [&] { sqlite_integrity(); });
    start_check("dictionaries");
    attempt("dictionaries", [&] { dictionaries(); });
    if (format_ >= 2) {
      start_check("packs");
      packs();
    }
    start_check("blobs");
    blobs();
    start_check("versions");
    attempt("versions", [&] { versions(); });
    start_check("captures");
    attempt("captures", [&] { captures(); });
    start_check("search index rows");
    attempt("search index rows", [&] { index_rows(); });
  }

  // FTS5's integrity check is an INSERT: it needs the write lock, which a read
  // snapshot older than another process's commit can never get. It runs in a
  // write transaction of its own (waiting for writers as they wait for each
  // other) and is rolled back.
  void index_structure() {
    start_check("search index");
    WriteTransaction write(db_);
    attempt("search index", [&] {
      // FTS5 checks the index's structure and that it matches search_content (decoding every indexed text).
      Statement check = db_.prepare("INSERT INTO search_index(search_index) VALUES('integrity-check')");
      check.run();
    });
  }

 private:
  // Reports the start of the next check.
  void start_check(const char* what) {
    ++progress_state_.step;
    progress_state_.what = what;
    progress_state_.done = progress_state_.total = 0;
    if (progress_) progress_(progress_state_);
  }

  // Reports `done` of `total` items of the current check, every 64 items and at the last.
  void advance(std::int64_t done, std::int64_t total) {
    if (!progress_ || (done % 64 != 0 && done != total)) return;
    progress_state_.done = done;
    progress_state_.total = total;
    progress_(progress_state_);
  }

  // Runs one check; a failure becomes a problem line instead of ending the
  // verification. A busy or locked database is not damage: it ends verify with
  // an error (after SQLite's busy timeout), never a problem line.
  template <class Check>
  void attempt(const std::string& what, Check check) {
    try {
      check();
    } catch (const DbFailure& failure) {
      if (is_busy(failure)) throw;
      problems_.push_back(what + ": " + failure.what());
    } catch (const std::runtime_error& failure) {
      problems_.push_back(what + ": " + failure.what());
    }
  }

  std::vector<std::int64_t> ids(const char* sql) {
    std::vector<std::int64_t> found;
    Statement statement = db_.prepare(sql);
    while (statement.step()) found.push_back(statement.integer(0));
    return found;
  }

  void sqlite_integrity() {
    Statement statement = db_.prepare("PRAGMA integrity_check");
    while (statement.step()) {
      const std::string line = statement.text(0);
      if (line != "ok") problems_.push_back("SQLite integrity check: " + line);
    }
  }

  void dictionaries() {
    for (const std::int64_t id : ids("SELECT id FROM dicts WHERE length(data) > 0 ORDER BY id")) {
      attempt("dictionary " + std::to_string(id), [&] { blobs_.dictionary(id); });
    }
  }

  // Every pack decoded and hashed as a whole (BlobStore::check_pack), and none left without members.
  void packs() {
    std::vector<std::int64_t> pack_ids;
    attempt("packs", [&] { pack_ids = ids("SELECT id FROM packs ORDER BY id"); });
    for (std::size_t i = 0; i < pack_ids.size(); ++i) {
      attempt("pack " + std::to_string(pack_ids[i]), [&] { blobs_.check_pack(pack_ids[i]); });
      advance(static_cast<std::int64_t>(i + 1), static_cast<std::int64_t>(pack_ids.size()));
    }
    attempt("packs", [&] {
      for (const std::int64_t id : ids("SELECT id FROM packs WHERE id NOT IN (SELECT pack_id FROM blobs "
                                       "WHERE pack_id IS NOT NULL) ORDER BY id")) {
        problems_.push_back("pack " + std::to_string(id) + ": no blob lies in it");
      }
    });
  }

  // Every blob decoded and hashed (BlobStore::get checks the hash), in pack order so each pack is decoded once.
  void blobs() {
    std::vector<std::int64_t> blob_ids;
    attempt("blobs", [&] {
      blob_ids = ids(format_ >= 2 ? "SELECT id FROM blobs ORDER BY pack_id, pack_offset, id" : "SELECT id FROM blobs ORDER BY id");
    });
    for (const std::int64_t id : blob_ids) {
      attempt("blob " + std::to_string(id), [&] { blobs_.get(id); });
      ++report_.blobs_checked;
      advance(report_.blobs_checked, static_cast<std::int64_t>(blob_ids.size()));
    }
  }

  void versions() {
    Statement statement = db_.prepare(
        "SELECT v.id, u.url, v.seq, p.kind, t.kind, (SELECT count(*) FROM captures WHERE version_id = v.id), "
        "(SELECT count(*) FROM versions w WHERE w.url_id = v.url_id AND w.seq <= v.seq) "
        "FROM versions v LEFT JOIN urls u ON u.id = v.url_id LEFT JOIN blobs p ON p.id = v.page_blob_id "
        "LEFT JOIN blobs t ON t.id = v.text_blob_id ORDER BY v.id");
    // Format 2 keeps each version's metadata in a blob of its own kind.
    std::set<std::int64_t> bad_metadata;
    if (format_ >= 2) {
      Statement metadata = db_.prepare(
          "SELECT v.id FROM versions v LEFT JOIN blobs m ON m.id = v.metadata_blob_id "
          "WHERE v.metadata_blob_id IS NOT NULL AND (m.id IS NULL OR m.kind != 2)");
      while (metadata.step()) bad_metadata.insert(metadata.integer(0));
    }
    while (statement.step()) {
      ++report_.versions_checked;
      const std::string name = "version " + std::to_string(statement.integer(2)) + " of " +
                               (statement.is_null(1) ? "a missing URL (version row " + std::to_string(statement.integer(0)) + ")"
                                                     : statement.text(1));
      if (statement.is_null(1)) problems_.push_back(name + ": its URL row is missing");
      if (statement.is_null(3) || statement.integer(3) != kPageBlob) problems_.push_back(name + ": its page blob is missing");
      if (statement.is_null(4) || statement.integer(4) != kTextBlob) problems_.push_back(name + ": its text blob is missing");
      if (bad_metadata.count(statement.integer(0)) != 0) problems_.push_back(name + ": its metadata blob is missing");
      if (statement.integer(5) == 0) problems_.push_back(name + ": no capture refers to it");
      if (statement.integer(6) != statement.integer(2)) problems_.push_back(name + ": version numbers have a gap");
    }
  }

  void captures() {
    Statement statement = db_.prepare(
        "SELECT c.id, c.time, v.id IS NULL, v.url_id IS NOT c.url_id FROM captures c "
        "LEFT JOIN versions v ON v.id = c.version_id ORDER BY c.id");
    while (statement.step()) {
      ++report_.captures_checked;
      const std::string name = "capture " + std::to_string(statement.integer(0));
      const std::string time = statement.text(1);
      Result<std::string> parsed = parse_time(time);
      if (!parsed || parsed.value() != time) problems_.push_back(name + ": bad time '" + time + "'");
      if (statement.integer(2) != 0) {
        problems_.push_back(name + ": its version is missing");
      } else if (statement.integer(3) != 0) {
        problems_.push_back(name + ": its URL differs from its version's URL");
      }
    }
  }

  // The versions marked indexed and the documents in the index are the same set.
  void index_rows() {
    db_.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_index, instance)");
    const std::vector<std::int64_t> documents = ids("SELECT DISTINCT doc FROM temp.search_vocab");
    const std::set<std::int64_t> in_index(documents.begin(), documents.end());
    std::set<std::int64_t> indexed;
    Statement statement = db_.prepare("SELECT id, seq, (SELECT url FROM urls WHERE id = url_id), "
                                      "(SELECT size FROM blobs WHERE id = text_blob_id) FROM versions WHERE indexed = 1");
    while (statement.step()) {
      const std::int64_t id = statement.integer(0);
      indexed.insert(id);
      if (in_index.count(id) == 0 && statement.integer(3) > 0) {
        problems_.push_back("search index: version " + std::to_string(statement.integer(1)) + " of " +
                            statement.text(2) + " is not indexed");
      }
    }
    for (const std::int64_t doc : in_index) {
      if (indexed.count(doc) == 0) problems_.push_back("search index: row " + std::to_string(doc) + " is not an indexed version");
    }
  }

  Db& db_;
  BlobStore& blobs_;
  int format_;
  VerifyReport& report_;
  std::vector<std::string>& problems_;
  const std::function<void(const VerifyProgress&)>& progress_;
  VerifyProgress progress_state_;
};

}  // namespace

Result<VerifyReport> Archive::verify(const std::function<void(const VerifyProgress&)>& progress) {
  return impl_->guard<VerifyReport>([&]() -> Result<VerifyReport> {
    VerifyReport report;
    impl_->blobs.forget();
    Verifier verifier(*impl_, report, progress, !impl_->options.read_only);
    verifier.read_checks();
    if (!impl_->options.read_only) verifier.index_structure();
    return report;
  });
}

}  // namespace winnow::archive
