// Stable partitioning of URLs by site (FNV-1a over archive::site_of), shared by archive import and winnow.dask.
#include "archive/site_partition.h"

#include <cstdint>
#include <string>

#include "winnow/archive.h"

namespace winnow::cli {
namespace {

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

}  // namespace

std::size_t site_partition(std::string_view url, std::size_t count) {
  if (count <= 1) return 0;
  Result<std::string> normalized = archive::normalize_url(url);
  const std::string key = normalized ? archive::site_of(normalized.value()) : std::string(url);
  return static_cast<std::size_t>(fnv1a(key) % count);
}

}  // namespace winnow::cli
