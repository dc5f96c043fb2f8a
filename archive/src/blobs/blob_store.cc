// The blob store: dedup by hash, delta chains bounded by full_every, dictionaries trained from the archive's own first pages.
#include "blobs/blob_store.h"

#include <vector>

#include "blobs/sha256.h"
#include "db/schema.h"

namespace winnow::archive {
namespace {

constexpr std::size_t kCacheBytes = 64u << 20;
constexpr std::size_t kCacheEntries = 64;
constexpr int kMaxChain = 64;                 // a longer chain can only come from damage (or a cycle)
constexpr std::size_t kSampleBytes = 64u << 10;  // page heads: where a site's shared markup is
constexpr std::size_t kDictionaryBytes = 64u << 10;
constexpr std::int64_t kSiteSamplesEvery = 8;
constexpr std::int64_t kArchiveSamplesEvery = 16;
constexpr std::int64_t kMaxSamples = 32;

// One blob row, copied out so the statement is free before a recursive read.
struct BlobRow {
  std::string sha;
  std::int64_t size = 0;
  int codec = 0;
  std::int64_t base_id = 0;
  std::int64_t dict_id = 0;
  std::string data;
};

}  // namespace

BlobStore::BlobStore(Db& db, int level, int delta_level, int full_every)
    : db_(db), level_(level), delta_level_(delta_level), full_every_(full_every) {}

void BlobStore::forget() {
  cache_.clear();
  cache_bytes_ = 0;
  dictionaries_.clear();
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
      Statement statement = db_.prepare("SELECT sha256, size, codec, base_id, dict_id, data FROM blobs WHERE id = ?");
      statement.bind(1, next);
      if (!statement.step()) throw_damaged("blob " + std::to_string(next) + " is missing");
      row.sha = statement.blob(0);
      row.size = statement.integer(1);
      row.codec = static_cast<int>(statement.integer(2));
      row.base_id = statement.is_null(3) ? 0 : statement.integer(3);
      row.dict_id = statement.is_null(4) ? 0 : statement.integer(4);
      row.data = statement.blob(5);
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
    const Dictionary* dictionary = nullptr;
    std::string_view prefix;
    if (row.codec == kCodecZstdDictionary) {
      dictionary = &this->dictionary(row.dict_id);
    } else if (row.codec == kCodecZstdDelta) {
      prefix = *content;
    } else if (row.codec != kCodecZstd) {
      throw_damaged("blob " + std::to_string(link_id) + " has an unknown codec " + std::to_string(row.codec));
    }
    if (row.size < 0 || static_cast<std::size_t>(row.size) > kMaxBlobSize) {
      throw_damaged("blob " + std::to_string(link_id) + " has an impossible size");
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
  std::int64_t base = base_hint;
  if (base == 0) {
    Statement statement = db_.prepare("SELECT max(id) FROM blobs WHERE site = ? AND kind = ?");
    statement.bind_text(1, site).bind(2, kind);
    if (statement.step() && !statement.is_null(0)) base = statement.integer(0);
  }
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
    if (kind == kPageBlob) {
      Statement statement = db_.prepare(
          "SELECT id FROM dicts WHERE scope IN (?, '*') AND length(data) > 0 ORDER BY scope = '*' LIMIT 1");
      statement.bind_text(1, site);
      if (statement.step()) dict_id = statement.integer(0);
    }
    if (dict_id != 0) {
      frame = codec_.compress(content, level_, {}, &dictionary(dict_id));
      codec = kCodecZstdDictionary;
    } else {
      frame = codec_.compress(content, level_);
    }
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

void BlobStore::maybe_train(const std::string& site) {
  const auto count_of = [&](const char* sql, bool with_site) {
    Statement statement = db_.prepare(sql);
    if (with_site) statement.bind_text(1, site);
    return statement.step() ? statement.integer(0) : 0;
  };
  const auto has_dictionary = [&](const std::string& scope) {
    Statement statement = db_.prepare("SELECT 1 FROM dicts WHERE scope = ?");
    statement.bind_text(1, scope);
    return statement.step();
  };
  // Only full copies use a dictionary, so only they count and serve as samples: a
  // single page's many versions (all deltas) never train a useless one.
  const std::int64_t site_pages = count_of("SELECT count(*) FROM blobs WHERE site = ? AND kind = 0 AND depth = 0", true);
  if (site_pages > 0 && site_pages % kSiteSamplesEvery == 0 && !has_dictionary(site)) {
    train(site, "SELECT id FROM blobs WHERE site = ? AND kind = 0 AND depth = 0 ORDER BY id LIMIT ?", site);
  }
  const std::int64_t all_pages = count_of("SELECT count(*) FROM blobs WHERE kind = 0 AND depth = 0", false);
  if (all_pages > 0 && all_pages % kArchiveSamplesEvery == 0 && !has_dictionary("*")) {
    train("*", "SELECT id FROM blobs WHERE kind = 0 AND depth = 0 ORDER BY id LIMIT ?", "");
  }
}

void BlobStore::train(const std::string& scope, const char* sample_query, const std::string& site) {
  std::vector<std::int64_t> ids;
  {
    Statement statement = db_.prepare(sample_query);
    int index = 1;
    if (!site.empty()) statement.bind_text(index++, site);
    statement.bind(index, kMaxSamples);
    while (statement.step()) ids.push_back(statement.integer(0));
  }
  std::vector<std::string> samples;
  for (const std::int64_t id : ids) {
    const std::shared_ptr<const std::string> content = get(id);
    samples.push_back(content->substr(0, kSampleBytes));
  }
  const std::optional<std::string> trained = train_dictionary(samples, kDictionaryBytes);
  if (!trained) return;
  Statement insert = db_.prepare("INSERT INTO dicts(scope, sha256, data) VALUES(?, ?, ?)");
  insert.bind_text(1, scope).bind_blob(2, sha256(*trained)).bind_blob(3, *trained);
  insert.run();
}

}  // namespace winnow::archive
