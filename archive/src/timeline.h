// A URL's versions re-derived from its captures in time order, and the change label between two versions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "archive_impl.h"

namespace winnow::archive {

// The label of a version with article `after` (`after_words` words) that
// follows one with article `before`; sets words_changed. Texts equal: unchanged.
ChangeLabel change_label(const std::string& before, std::size_t before_words, const std::string& after,
                         std::size_t after_words, std::size_t& words_changed);

// Re-derives the versions of `url_id` from its captures in time order, after a
// capture was stored out of order: a version is a run of captures with the same
// bytes (304 and gone captures join the run before them), numbered 1, 2, ... in
// time order, each labelled against the one before it, the search index kept in
// step. Runs inside the caller's write transaction. Throws DbFailure.
void resequence_versions(Archive::Impl& impl, std::int64_t url_id);

}  // namespace winnow::archive
