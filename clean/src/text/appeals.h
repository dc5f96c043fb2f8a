// The rule after the model: a run of kept blocks at the end of the text that addresses the reader and asks for support is an appeal, not article.
#pragma once

#include <vector>

#include "text/features.h"

namespace winnow::clean {

// Clears `keep` for the trailing appeal, if any: the longest run of kept
// blocks at the end of the text, after some kept prose, that starts with a
// block dense in person and appeal words ("we have a small favor to ask")
// and as a whole has 8% of them and at least two appeal words
// (support, donate, journalism, readers, in several languages), at least
// twice the density of the kept text before it and at most 40% of its
// words (so a marketing page that says "we" and "you" throughout keeps its
// text). Returns the number of blocks dropped.
std::size_t drop_trailing_appeal(const std::vector<TextFeatures>& features, std::vector<bool>& keep);

}  // namespace winnow::clean
