// Features of plain-text blocks for the boilerplate classifier: each block's shape, words and place in the whole text.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "text/blocks.h"

namespace winnow::clean {

// The features, in the order of a feature vector. Ratios are in [0, 1];
// counts and lengths are log1p-scaled. "prev"/"next" features describe the
// neighbouring blocks (-1 when there is none).
enum TextFeature : int {
  kLogChars, kLogWords, kEndsSentence, kEndsColon, kSentences, kCommaRate,
  kCapitalisedWords, kUpperLetters, kDigits, kPunctuation, kSeparators,
  kMeanWordLength, kShortWords, kStopWords, kActionWords, kActionCount,
  kPersonWords, kLinkOrHandle, kClockOrDate, kStartsWithBullet, kQuotes,
  kCopyright, kRepeats, kStartsCapitalised, kNonLatin,
  kRelativeIndex, kRelativeCharPosition, kLogBlockCount, kLogTotalChars,
  kShareOfLongest, kWindowProseShare, kLogDistancePrevProse, kLogDistanceNextProse,
  kInsideCore, kLogDistanceToCore, kCorePosition, kProseBefore, kProseAfter,
  kPrevLogChars, kPrevEndsSentence, kPrevStopWords, kPrevCapitalised, kPrevActionWords,
  kNextLogChars, kNextEndsSentence, kNextStopWords, kNextCapitalised, kNextActionWords,
  kPrev2LogChars, kPrev2EndsSentence, kNext2LogChars, kNext2EndsSentence,
  kLogShortRun, kShortRunPosition, kWideProseShare, kShareOfMedian,
  kReaderWords, kAppealWords, kWindowPersonWords, kWindowAppealWords, kLogProseBlocksAfter,
  kTextFeatureCount
};

using TextFeatures = std::array<float, kTextFeatureCount>;

// True when entry i of a {feature, name} table names feature i: the check
// that keeps name tables in enum order, used in static_asserts.
template <typename Entry, std::size_t N>
constexpr bool in_enum_order(const Entry (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].feature) != i) return false;
  }
  return true;
}

// A short name for each feature, for --explain and the training tool.
std::string_view text_feature_name(int feature);

// The feature vector of every block, in block order. Reads only the blocks'
// text; linear in the input size. Never fails.
std::vector<TextFeatures> text_block_features(const std::vector<TextBlock>& blocks);

}  // namespace winnow::clean
