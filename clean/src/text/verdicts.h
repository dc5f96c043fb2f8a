// The verdict on each text block: the model's score, the closing-appeal rule, the title, and (if asked) the reasons.
#pragma once

#include <vector>

#include "text/blocks.h"
#include "text/features.h"
#include "text/model.h"
#include "winnow/clean.h"

namespace winnow::clean {

// Judges every block: kept when the model's final score is above its
// threshold, then drop_trailing_appeal() and the title choice (the first kept
// block if headline-shaped, else a headline-shaped block just before it that
// the model nearly kept). Scores are relative to the threshold. With
// `explain`, each verdict lists the strongest features behind its score and
// what the context stage added. Never fails.
std::vector<TextVerdict> judge_text_blocks(const TextModel& model, const std::vector<TextBlock>& blocks,
                                           const std::vector<TextFeatures>& features, bool explain);

}  // namespace winnow::clean
