// The learned text-block classifier: a block forest, a context forest over its scores, and the built-in model.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "text/forest.h"
#include "text/features.h"
#include "winnow/result.h"

namespace winnow::clean {

// Features of the second stage: how the first stage scored the block and
// its neighbourhood, and where the block sits relative to the best-scored run.
enum ContextFeature : int {
  kOwnScore, kPrevScore, kNextScore, kPrev2Score, kNext2Score, kMeanScore3, kMeanScore8,
  kMaxScore3, kInsideRun, kLogDistanceToRun, kRunPosition, kKeptWordsBefore, kKeptWordsAfter,
  kContextLogChars, kContextRelativeIndex, kContextFeatureCount
};
using ContextFeatures = std::array<float, kContextFeatureCount>;

std::string_view context_feature_name(int feature);

// Stage one scores each block from its own features (and its neighbours');
// stage two rescores it from the stage-one scores around it. A block is
// article when its final score is above `threshold`.
struct TextModel {
  Forest blocks;   // over TextFeatures
  Forest context;  // over ContextFeatures
  float threshold = 0;
};

// The stage-two features of every block from the stage-one scores.
std::vector<ContextFeatures> context_features(const std::vector<TextFeatures>& features,
                                              const std::vector<float>& block_scores);

// Final log-odds scores of every block (above model.threshold = article).
// `block_scores`, when not null, receives the stage-one scores.
std::vector<float> score_text_blocks(const TextModel& model, const std::vector<TextFeatures>& features,
                                     std::vector<float>* block_scores = nullptr);

// A hash of every feature's name in order (block features, then context
// features): a model trained on other features, or on the same ones in
// another order, carries another signature.
std::string text_feature_signature();

// Text format: "winnow-text-model 1", "threshold T", "features SIGNATURE",
// then the block forest and the context forest (see write_forest). Fails
// with kInvalidInput when the text is malformed, or its signature or the
// forests' feature counts do not match this build.
Result<TextModel> read_text_model(std::string_view text);
std::string write_text_model(const TextModel& model);

// The model built into the binary (clean/model/text-model.txt), parsed once.
// Fails with kInternal if the embedded data is unusable (a build error).
Result<const TextModel*> builtin_text_model();

}  // namespace winnow::clean
