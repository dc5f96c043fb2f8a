// Which of N partitions a URL's site belongs to: the same answer in every process and on every machine.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow::cli {

// The partition (0 .. count-1) of `url`'s site (archive::site_of of the
// normalised URL, so "www.example.com" and "news.example.com" go together and
// a site's versions stay in one archive shard). A stable hash (FNV-1a, 64
// bits), so every process agrees. A URL that does not normalise is hashed as
// given. `count` 0 is read as 1.
std::size_t site_partition(std::string_view url, std::size_t count);

}  // namespace winnow::cli
