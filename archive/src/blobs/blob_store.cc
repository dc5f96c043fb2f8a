// The blob store: dedup by hash, delta chains bounded by full_every, packed full copies read out of their pack.
#include "blobs/blob_store.h"

#include <algorithm>
#include <vector>

#include "blobs/sha256.h"
#include "db/schema.h"

namespace winnow::archive {
namespace {

constexpr std::size_t kCacheBytes = 64u << 20;
constexpr std::size_t kCacheEntries = 64;
constexpr int kMaxChain = 64;                 // a longer chain can only come from damage (or a cycle)

// One blob row, copied out so the statement is free before a recursive read.
struct BlobRow {
  std::string sha;
  std::int64_t size = 0;
  int codec = 0;
  std::int64_t base_id = 0;
  std::int64_t dict_id = 0;
  std::int64_t pack_id = 0;
  std::int64_t pack_offset = 0;
  std::string data;
};

}  // namespace

BlobStore::BlobStore(Db& db, int level, int delta_level, int full_every)
    : db_(db), level_(level), delta_level_(delta_level), full_every_(full_every) {}

void BlobStore::forget() {
  cache_.clear();
  cache_bytes_ = 0;
  dictionaries_.clear();
  pack_head_.reset();
  pack_id_ = 0;
}

void BlobStore::remember(std::int64_t id, std::shared_ptr<const std::string> content) {
  cache_bytes_ += content->size();
  cache_.emplace_front(id, std::move(content));
  while (cache_.size() > kCacheEntries || (cache_bytes_ > kCacheBytes && cache_.size() > 1)) {
    cache_bytes_ -= cache_.back().second->size();
    cache_.pop_back();
  }
}

const Dictionary& BlobStore::dictionary(std::int64_t id) {
  auto found = dictionaries_.find(id);
  if (found != dictionaries_.end()) return found->second;
  Statement statement = db_.prepare("SELECT sha256, data FROM dicts WHERE id = ?");
  statement.bind(1, id);
  if (!statement.step()) throw_damaged("dictionary " + std::to_string(id) + " is missing");
  const std::string_view data = statement.blob_view(1);
  if (data.empty() || sha256(data) != statement.blob_view(0)) {
    throw_damaged("dictionary " + std::to_string(id) + " does not match its SHA-256");
  }
  return dictionaries_.emplace(id, make_dictionary(data, level_)).first->second;
}

std::string_view BlobStore::pack_head(std::int64_t id, std::size_t wanted) {
  if (pack_head_ && pack_id_ == id && (pack_head_->decoded >= wanted || pack_head_->decoded == pack_head_->total)) {
    return pack_head_->view();
  }
  pack_head_.reset();
  std::int64_t size = 0;
  {
    Statement statement = db_.prepare("SELECT size FROM packs WHERE id = ?");
    statement.bind(1, id);
    if (!statement.step()) throw_damaged("pack " + std::to_string(id) + " is missing");
    size = statement.integer(0);
  }
  if (size < 0 || static_cast<std::size_t>(size) > kMaxPackSize) {
    throw_damaged("pack " + std::to_string(id) + " has an impossible size");
  }
  // The frame is read through SQLite's incremental blob I/O: a read of the pack's head reads only the
  // first pages of its overflow chain, not the whole compressed pack.
  sqlite3_blob* handle = nullptr;
  const int rc = sqlite3_blob_open(db_.get(), "main", "packs", "data", id, 0, &handle);
  std::unique_ptr<sqlite3_blob, int (*)(sqlite3_blob*)> blob(handle, sqlite3_blob_close);
  if ((rc & 0xff) == SQLITE_ERROR) {
    // Only a pack row whose data is not a blob (damage) makes SQLite refuse to open it.
    throw_damaged("pack " + std::to_string(id) + " cannot be read: " + sqlite3_errmsg(db_.get()));
  }
  if (rc != SQLITE_OK) db_.fail(rc, "reading pack " + std::to_string(id));
  const auto frame_bytes = static_cast<std::size_t>(sqlite3_blob_bytes(handle));
  const Codec::FrameReader read = [&](std::size_t offset, char* out, std::size_t wanted_bytes) -> std::size_t {
    if (offset >= frame_bytes) return 0;
    const std::size_t n = std::min(wanted_bytes, frame_bytes - offset);
    const int read_rc = sqlite3_blob_read(handle, out, static_cast<int>(n), static_cast<int>(offset));
    if (read_rc != SQLITE_OK) db_.fail(read_rc, "reading pack " + std::to_string(id));
    return n;
  };
  std::string why;
  std::optional<DecodedHead> decoded = codec_.decompress_head(read, static_cast<std::size_t>(size), wanted, why);
  if (!decoded) throw_damaged("pack " + std::to_string(id) + " cannot be decompressed (" + why + ")");
  pack_id_ = id;
  pack_head_ = std::move(decoded);
  return pack_head_->view();
}

void BlobStore::check_pack(std::int64_t id) {
  const std::string_view bytes = pack_head(id, kMaxPackSize);
  Statement statement = db_.prepare("SELECT size, sha256 FROM packs WHERE id = ?");
  statement.bind(1, id);
  if (!statement.step()) throw_damaged("pack " + std::to_string(id) + " is missing");
  if (static_cast<std::int64_t>(bytes.size()) != statement.integer(0) || sha256(bytes) != statement.blob_view(1)) {
    throw_damaged("pack " + std::to_string(id) + " does not match its SHA-256");
  }
}

std::shared_ptr<const std::string> BlobStore::get(std::int64_t id) {
  // Walk down to a full copy or a cached blob, then decode back up.
  std::vector<std::pair<std::int64_t, BlobRow>> chain;
  std::shared_ptr<const std::string> content;
  std::int64_t next = id;
  while (true) {
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if (it->first == next) {
        content = it->second;
        cache_.splice(cache_.begin(), cache_, it);
        break;
      }
    }
    if (content) break;
    if (chain.size() >= static_cast<std::size_t>(kMaxChain)) {
      throw_damaged("blob " + std::to_string(id) + " has a delta chain longer than " + std::to_string(kMaxChain));
    }
    BlobRow row;
    {
      Statement statement = db_.prepare(
          has_packs_ ? "SELECT sha256, size, codec, base_id, dict_id, data, pack_id, pack_offset FROM blobs WHERE id = ?"
                     : "SELECT sha256, size, codec, base_id, dict_id, data, NULL, NULL FROM blobs WHERE id = ?");
      statement.bind(1, next);
      if (!statement.step()) throw_damaged("blob " + std::to_string(next) + " is missing");
      row.sha = statement.blob(0);
      row.size = statement.integer(1);
      row.codec = static_cast<int>(statement.integer(2));
      row.base_id = statement.is_null(3) ? 0 : statement.integer(3);
      row.dict_id = statement.is_null(4) ? 0 : statement.integer(4);
      row.data = statement.blob(5);
      row.pack_id = statement.is_null(6) ? 0 : statement.integer(6);
      row.pack_offset = statement.is_null(7) ? -1 : statement.integer(7);
    }
    const bool delta = row.codec == kCodecZstdDelta;
    if (delta && row.base_id == 0) throw_damaged("blob " + std::to_string(next) + " is a delta without a base");
    const std::int64_t base = row.base_id;
    chain.emplace_back(next, std::move(row));
    if (!delta) break;
    next = base;
  }
  for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
    const auto& [link_id, row] = *link;
    if (row.size < 0 || static_cast<std::size_t>(row.size) > kMaxBlobSize) {
      throw_damaged("blob " + std::to_string(link_id) + " has an impossible size");
    }
    if (row.codec == kCodecPacked) {
      if (row.pack_offset < 0 || static_cast<std::size_t>(row.pack_offset) > kMaxPackSize) {
        throw_damaged("blob " + std::to_string(link_id) + " lies outside its pack " + std::to_string(row.pack_id));
      }
      const std::string_view bytes =
          pack_head(row.pack_id, static_cast<std::size_t>(row.pack_offset) + static_cast<std::size_t>(row.size));
      if (static_cast<std::size_t>(row.pack_offset) > bytes.size() ||
          static_cast<std::size_t>(row.size) > bytes.size() - static_cast<std::size_t>(row.pack_offset)) {
        throw_damaged("blob " + std::to_string(link_id) + " lies outside its pack " + std::to_string(row.pack_id));
      }
      const std::string_view member = bytes.substr(static_cast<std::size_t>(row.pack_offset),
                                                   static_cast<std::size_t>(row.size));
      if (sha256(member) != row.sha) throw_damaged("blob " + std::to_string(link_id) + " does not match its SHA-256");
      content = std::make_shared<const std::string>(member);
      remember(link_id, content);
      continue;
    }
    const Dictionary* dictionary = nullptr;
    std::string_view prefix;
    if (row.codec == kCodecZstdDictionary) {
      dictionary = &this->dictionary(row.dict_id);
    } else if (row.codec == kCodecZstdDelta) {
      prefix = *content;
    } else if (row.codec != kCodecZstd) {
      throw_damaged("blob " + std::to_string(link_id) + " has an unknown codec " + std::to_string(row.codec));
    }
    std::string why;
    std::optional<std::string> decoded =
        codec_.decompress(row.data, static_cast<std::size_t>(row.size), prefix, dictionary, why);
    if (!decoded) throw_damaged("blob " + std::to_string(link_id) + " cannot be decompressed (" + why + ")");
    if (sha256(*decoded) != row.sha) throw_damaged("blob " + std::to_string(link_id) + " does not match its SHA-256");
    content = std::make_shared<const std::string>(std::move(*decoded));
    remember(link_id, content);
  }
  return content;
}

StoredBlob BlobStore::put(int kind, const std::string& site, std::string_view content, const std::string& sha,
                          std::int64_t base_hint) {
  {
    Statement statement = db_.prepare("SELECT id FROM blobs WHERE sha256 = ?");
    statement.bind_blob(1, sha);
    if (statement.step()) return StoredBlob{statement.integer(0), true, 0};
  }
  // A URL's first blob is a full copy: a pack finds what it shares with the site's other pages.
  std::int64_t base = base_hint;
  // Skip-deltas: the blob at position p after a full copy is a delta against the one at
  // p with its lowest bit cleared (found along prev_id), so a read decodes at most
  // log2(full_every) + 1 frames while each delta still spans only a few versions.
  const std::int64_t previous = base;
  int depth = 0;
  if (base != 0) {
    Statement statement = db_.prepare("SELECT depth FROM blobs WHERE id = ?");
    statement.bind(1, base);
    if (!statement.step()) throw_damaged("blob " + std::to_string(base) + " is missing");
    depth = static_cast<int>(statement.integer(0)) + 1;
  }
  if (depth >= full_every_) base = 0;
  if (base != 0) {
    const int target = depth & (depth - 1);
    for (int steps = 0; base != 0 && steps < full_every_; ++steps) {
      Statement statement = db_.prepare("SELECT depth, prev_id FROM blobs WHERE id = ?");
      statement.bind(1, base);
      if (!statement.step()) throw_damaged("blob " + std::to_string(base) + " is missing");
      if (statement.integer(0) <= target) break;
      base = statement.is_null(1) ? 0 : statement.integer(1);
    }
    if (base == 0) depth = 0;  // a broken prev_id chain: a full copy is always right
  }

  std::string frame;
  int codec = kCodecZstd;
  std::int64_t dict_id = 0;
  if (base != 0) {
    const std::shared_ptr<const std::string> base_content = get(base);
    frame = codec_.compress(content, delta_level_, *base_content);
    codec = kCodecZstdDelta;
    // An empty base gives zstd no prefix: the frame is then an ordinary one.
    if (base_content->empty()) codec = kCodecZstd, base = 0;
  } else {
    depth = 0;
    frame = codec_.compress(content, level_);
  }
  Statement insert = db_.prepare(
      "INSERT INTO blobs(sha256, kind, site, size, codec, base_id, dict_id, depth, prev_id, data) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind_blob(1, sha).bind(2, kind).bind_text(3, site).bind(4, static_cast<std::int64_t>(content.size()));
  insert.bind(5, codec);
  if (base != 0) insert.bind(6, base); else insert.bind_null(6);
  if (dict_id != 0) insert.bind(7, dict_id); else insert.bind_null(7);
  insert.bind(8, depth);
  if (depth != 0 && previous != 0) insert.bind(9, previous); else insert.bind_null(9);
  insert.bind_blob(10, frame);
  insert.run();
  const std::int64_t id = sqlite3_last_insert_rowid(db_.get());
  remember(id, std::make_shared<const std::string>(content));
  return StoredBlob{id, false, frame.size()};
}

}  // namespace winnow::archive
