// Gathering blobs into packs: members chosen in SQL and ordered by site and page, cut into packs of about the same size, compressed, rows repointed.
#include "blobs/packer.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "blobs/codec.h"
#include "blobs/sha256.h"
#include "db/schema.h"

namespace winnow::archive {
namespace {

struct Member {
  std::int64_t id = 0;
  std::int64_t size = 0;
  std::int64_t key = 0;  // the page a text follows (its own id for a page)
  int kind = 0;  // kPageBlob, kTextBlob or kMetadataBlob
  std::string site;
};

// The members of `scope` in pack order: by site, then each page followed by its article text and metadata
// (their key is the first page they were cleaned from; one no version uses sorts by its own id). The keys come
// from one pass over the versions (no index leads from a text to its versions, and a join per blob would scan
// them all for each one).
std::vector<Member> members_in_order(Db& db, PackScope scope) {
  const char* sql = scope == PackScope::kOpen
                        ? "SELECT id, size, kind, site FROM blobs WHERE pack_id IS NULL AND codec < 2 AND id >= ?"
                        : "SELECT id, size, kind, site FROM blobs WHERE codec <> 2";
  std::vector<Member> members;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  {
    Statement statement = db.prepare(sql);
    if (scope == PackScope::kOpen) statement.bind(1, first_open_blob(db));
    while (statement.step()) {
      Member member{statement.integer(0), statement.integer(1), statement.integer(0),
                    static_cast<int>(statement.integer(2)), statement.text(3)};
      index_of.emplace(member.id, members.size());
      members.push_back(std::move(member));
    }
  }
  if (members.empty()) return members;
  std::unordered_map<std::int64_t, std::int64_t> first_page;  // a text or metadata blob -> the least page id using it
  {
    Statement statement = db.prepare("SELECT page_blob_id, text_blob_id, coalesce(metadata_blob_id, 0) FROM versions");
    while (statement.step()) {
      const std::int64_t page = statement.integer(0);
      for (const int column : {1, 2}) {
        const std::int64_t id = statement.integer(column);
        const auto found = index_of.find(id);
        if (found == index_of.end() || members[found->second].kind != (column == 1 ? kTextBlob : kMetadataBlob)) continue;
        const auto [it, added] = first_page.emplace(id, page);
        if (!added) it->second = std::min(it->second, page);
      }
    }
  }
  for (Member& member : members) {
    if (const auto found = first_page.find(member.id); found != first_page.end()) member.key = found->second;
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return std::tie(a.site, a.key, a.kind, a.id) < std::tie(b.site, b.key, b.kind, b.id);
  });
  return members;
}

// Cuts `members` into runs of about equal bytes, none much over `pack_bytes`, never between a page and its
// text. A run is at most the target plus one blob, so within kMaxPackSize.
std::vector<std::vector<Member>> cut(const std::vector<Member>& members, std::int64_t pack_bytes) {
  pack_bytes = std::clamp<std::int64_t>(pack_bytes, 1, static_cast<std::int64_t>(kMaxBlobSize));
  std::int64_t total = 0;
  for (const Member& member : members) total += member.size;
  const std::int64_t packs = std::max<std::int64_t>(1, (total + pack_bytes / 2) / pack_bytes);
  const std::int64_t target = std::max<std::int64_t>(1, total / packs);
  std::vector<std::vector<Member>> runs(1);
  std::int64_t bytes = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const bool same_page = !runs.back().empty() && runs.back().back().key == members[i].key;
    if (bytes >= target && !same_page) {
      runs.emplace_back();
      bytes = 0;
    }
    runs.back().push_back(members[i]);
    bytes += members[i].size;
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

// Points blob `id` at its place in pack `pack_id`. The row is deleted and inserted again, small, rather
// than updated: an update leaves the leaf page its frame began on nearly empty, and such pages are never
// given back; deleted rows' pages are. (Foreign keys are checked at commit: see pack_blobs.)
void repoint(Db& db, std::int64_t id, std::int64_t pack_id, std::int64_t offset) {
  Statement row = db.prepare("SELECT sha256, kind, site, size, depth, prev_id FROM blobs WHERE id = ?");
  row.bind(1, id);
  if (!row.step()) throw_damaged("blob " + std::to_string(id) + " is missing");
  const std::string sha = row.blob(0);
  const std::int64_t kind = row.integer(1);
  const std::string site = row.text(2);
  const std::int64_t size = row.integer(3);
  const std::int64_t depth = row.integer(4);
  const bool has_prev = !row.is_null(5);
  const std::int64_t prev = has_prev ? row.integer(5) : 0;
  {
    Statement remove = db.prepare("DELETE FROM blobs WHERE id = ?");
    remove.bind(1, id);
    remove.run();
  }
  Statement insert = db.prepare(
      "INSERT INTO blobs(id, sha256, kind, site, size, codec, base_id, dict_id, depth, prev_id, data, pack_id, "
      "pack_offset) VALUES(?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, X'', ?, ?)");
  insert.bind(1, id).bind_blob(2, sha).bind(3, kind).bind_text(4, site).bind(5, size).bind(6, kCodecPacked);
  insert.bind(7, depth);
  if (has_prev) insert.bind(8, prev); else insert.bind_null(8);
  insert.bind(9, pack_id).bind(10, offset);
  insert.run();
}

}  // namespace

std::int64_t first_open_blob(Db& db) {
  Statement statement = db.prepare("SELECT value FROM settings WHERE name = 'first_open_blob'");
  return statement.step() ? statement.integer(0) : 0;
}

OpenBlobs open_blobs(Db& db) {
  Statement statement =
      db.prepare("SELECT count(*), total(size) FROM blobs WHERE pack_id IS NULL AND codec < 2 AND id >= ?");
  statement.bind(1, first_open_blob(db));
  OpenBlobs open;
  if (statement.step()) {
    open.count = statement.integer(0);
    open.bytes = static_cast<std::int64_t>(statement.real(1));
  }
  return open;
}

PackTally pack_blobs(Db& db, BlobStore& blobs, PackScope scope, const PackShape& shape) {
  PackTally tally;
  const std::vector<Member> members = members_in_order(db, scope);
  if (members.empty()) return tally;
  // Members are deleted and inserted again (repoint): versions and deltas point at them meanwhile. Callers turn
  // foreign keys off (ForeignKeysOff) for the speed; were they on, checks wait for the commit.
  db.exec("PRAGMA defer_foreign_keys=ON");
  Codec codec;
  for (std::vector<Member>& run : cut(members, shape.pack_bytes)) {
    // Texts and metadata first, pages after them: an article is then read from the pack's head, and a page
    // still finds its own text before it (costing ~0.4% more than each text right after its page).
    std::stable_partition(run.begin(), run.end(), [](const Member& member) { return member.kind != kPageBlob; });
    std::string bytes;
    std::vector<std::int64_t> offsets;
    for (const Member& member : run) {
      const std::shared_ptr<const std::string> content = blobs.get(member.id);
      offsets.push_back(static_cast<std::int64_t>(bytes.size()));
      bytes += *content;
    }
    const std::string frame = codec.compress(bytes, shape.level);
    {
      Statement insert = db.prepare("INSERT INTO packs(size, sha256, level, data) VALUES(?, ?, ?, ?)");
      insert.bind(1, static_cast<std::int64_t>(bytes.size())).bind_blob(2, sha256(bytes)).bind(3, shape.level);
      insert.bind_blob(4, frame);
      insert.run();
    }
    const std::int64_t pack_id = sqlite3_last_insert_rowid(db.get());
    for (std::size_t i = 0; i < run.size(); ++i) repoint(db, run[i].id, pack_id, offsets[i]);
    ++tally.packs;
    tally.blobs += static_cast<std::int64_t>(run.size());
    tally.raw_bytes += static_cast<std::int64_t>(bytes.size());
    tally.stored_bytes += static_cast<std::int64_t>(frame.size());
  }
  // Packs and dictionaries no blob points into any more (a repack's old packs, format 1's dictionaries).
  db.exec("DELETE FROM packs WHERE id NOT IN (SELECT pack_id FROM blobs WHERE pack_id IS NOT NULL)");
  db.exec("DELETE FROM dicts WHERE id NOT IN (SELECT dict_id FROM blobs WHERE dict_id IS NOT NULL)");
  if (scope == PackScope::kAll) db.exec("DELETE FROM settings WHERE name = 'first_open_blob'");
  return tally;
}

}  // namespace winnow::archive
