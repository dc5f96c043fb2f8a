// Archive::pack (open blobs sealed into packs when a batch ends) and Archive::compact (everything repacked, then VACUUM).
#include "archive_impl.h"
#include "blobs/packer.h"
#include "db/schema.h"
#include "search_plan.h"

namespace winnow::archive {
namespace {

// Rows of search_index_data (leaf pages of about 4 KB) up to which a batch's end merges the whole index.
constexpr std::int64_t kOptimizeRows = 4096;

// FTS5 adds a segment per transaction and merges them lazily; one segment is about a fifth smaller.
// A batch's end merges them all while the index is small enough to rewrite at once (~16 MB, a
// fraction of a second), else a bounded amount of the work; compact always merges them all.
void tighten_search_index(Db& db, bool whole) {
  std::int64_t rows = 0;
  {
    Statement statement = db.prepare("SELECT count(*) FROM search_index_data");
    if (statement.step()) rows = statement.integer(0);
  }
  if (whole || rows <= kOptimizeRows) {
    db.exec("INSERT INTO search_index(search_index) VALUES('optimize')");
  } else {
    db.exec("INSERT INTO search_index(search_index, rank) VALUES('merge', -2048)");
  }
}

PackReport report_of(const PackTally& tally) {
  PackReport report;
  report.packs = tally.packs;
  report.blobs = tally.blobs;
  report.raw_bytes = tally.raw_bytes;
  report.stored_bytes = tally.stored_bytes;
  return report;
}

}  // namespace

PackReport Archive::Impl::seal_open_blobs(bool force) {
  const ForeignKeysOff keys_kept_by_packing(db);
  WriteTransaction transaction(db);
  const OpenBlobs open = open_blobs(db);
  PackTally tally;
  if (open.count > 0 && (force || open.bytes >= options.pack_min_bytes)) {
    // What single adds build up is sealed at a quick level (compact repacks it); a batch's packs at the full one.
    const int level = open.bytes >= options.pack_bytes ? options.pack_level : options.small_pack_level;
    tally = pack_blobs(db, blobs, PackScope::kOpen, PackShape{options.pack_bytes, level});
  }
  tighten_search_index(db, false);
  // Free pages (the open frames', the index's merged segments') go back to the file
  // (auto_vacuum=INCREMENTAL; a no-op in a file made without it).
  db.exec("PRAGMA incremental_vacuum");
  transaction.commit();
  return report_of(tally);
}

Result<PackReport> Archive::pack(bool force) {
  if (impl_->options.read_only) return Error{ErrorKind::kInvalidInput, "the archive was opened read-only"};
  return impl_->guard<PackReport>([&]() -> Result<PackReport> { return impl_->seal_open_blobs(force); });
}

Result<PackReport> Archive::compact() {
  if (impl_->options.read_only) return Error{ErrorKind::kInvalidInput, "the archive was opened read-only"};
  return impl_->guard<PackReport>([&]() -> Result<PackReport> {
    Db& db = impl_->db;
    const std::int64_t before = archive_file_bytes(db.path());
    PackReport report;
    {
      const ForeignKeysOff keys_kept_by_packing(db);
      WriteTransaction transaction(db);
      report = report_of(pack_blobs(db, impl_->blobs, PackScope::kAll,
                                    PackShape{impl_->options.pack_bytes, impl_->options.compact_level}));
      // A format-1 archive's index, with positions, is rebuilt without (reading every indexed text).
      if (!index_is_positionless(db)) {
        db.exec("DROP TABLE search_index");
        db.exec(kCreateSearchIndex);
        db.exec("INSERT INTO search_index(search_index) VALUES('rebuild')");
      }
      db.exec("DROP INDEX IF EXISTS blobs_by_site");  // format 1's; nothing looks blobs up by site now
      tighten_search_index(db, true);
      transaction.commit();
    }
    // VACUUM rewrites the file without free pages (and a format-1 file with auto_vacuum, for later seals);
    // then the WAL is folded back in, so the size on disk is the archive's.
    db.exec("PRAGMA auto_vacuum=INCREMENTAL");
    exec_waiting(db, "VACUUM");
    exec_waiting(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    report.file_bytes_before = before;
    report.file_bytes_after = archive_file_bytes(db.path());
    return report;
  });
}

}  // namespace winnow::archive
