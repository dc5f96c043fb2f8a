// Content-addressed blobs: stored once by SHA-256, as zstd full copies (open, then in packs) or deltas, checked on every read.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "blobs/codec.h"
#include "db/db.h"

namespace winnow::archive {

// What put() did.
struct StoredBlob {
  std::int64_t id = 0;
  bool existed = false;         // the content was already stored; nothing was added
  std::size_t stored_size = 0;  // compressed bytes added
};

// Reads and writes the blobs table of one connection. Must be used inside a
// transaction for writes; reads may run outside one.
class BlobStore {
 public:
  // Full copies at zstd `level`, deltas at `delta_level`.
  BlobStore(Db& db, int level, int delta_level, int full_every);

  // Stores `content` (whose SHA-256 is `sha`) unless a blob with that hash
  // exists. It follows `base_hint` (the URL's previous blob of this kind; 0
  // for a URL's first): the full_every-th blob since a full copy is a full
  // copy again, the others are deltas against an earlier blob of their group
  // (skip-deltas, so reads decode few frames). A full copy is stored as its
  // own zstd frame, "open", until seal() gathers it into a pack. Throws DbFailure.
  StoredBlob put(int kind, const std::string& site, std::string_view content, const std::string& sha,
                 std::int64_t base_hint);

  // The content of blob `id`, decoded along its delta chain (a packed link
  // decodes its pack), each link checked against its size and SHA-256.
  // Throws DbFailure (SQLITE_CORRUPT) naming the blob when anything does not match.
  std::shared_ptr<const std::string> get(std::int64_t id);

  // Forgets cached contents and dictionaries: after a rollback, their ids may be reused by other writers.
  void forget();

  // Whether the file has packs (format 2); a format-1 archive opened read-only has none.
  void set_has_packs(bool has_packs) { has_packs_ = has_packs; }

  // Decodes all of pack `id` and checks it against its size and SHA-256 (verify).
  // Throws DbFailure (SQLITE_CORRUPT) on damage.
  void check_pack(std::int64_t id);

  // At least the first `wanted` bytes of pack `id`, decoding no further than
  // that (a pack holds its texts first, so an article is a short read); each
  // member is checked by its own SHA-256 (the last pack read is kept).
  // Throws DbFailure (SQLITE_CORRUPT) on damage.
  std::string_view pack_head(std::int64_t id, std::size_t wanted);

  // Reads the dictionary `id` and checks its hash. Throws DbFailure (SQLITE_CORRUPT) on damage.
  const Dictionary& dictionary(std::int64_t id);

 private:
  void remember(std::int64_t id, std::shared_ptr<const std::string> content);

  Db& db_;
  Codec codec_;
  int level_;
  int delta_level_;
  int full_every_;
  // The last few decoded blobs (most recent first): the next version's base is usually among them.
  std::list<std::pair<std::int64_t, std::shared_ptr<const std::string>>> cache_;
  std::size_t cache_bytes_ = 0;
  std::map<std::int64_t, Dictionary> dictionaries_;
  bool has_packs_ = true;
  std::int64_t pack_id_ = 0;  // the pack in pack_head_ (all of it, or its head)
  std::optional<DecodedHead> pack_head_;
};

}  // namespace winnow::archive
