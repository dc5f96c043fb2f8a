// judge_text_blocks(): from block scores to keep/drop verdicts, the title and the reasons shown by --explain.
#include "text/verdicts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "text/appeals.h"

namespace winnow::clean {
namespace {

constexpr std::size_t kReasonCount = 3;
constexpr float kTitleMaxWords = 25;
constexpr float kTitleRescueScore = -2.5f;  // how unsure the model may be of a headline it dropped

std::string signed_number(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f", static_cast<double>(value));
  return text;
}

// The strongest stage-one features behind a block's score, then what the context stage changed.
std::vector<std::string> reasons_for(const TextModel& model, const TextFeatures& features, float block_score,
                                     float final_score) {
  std::vector<float> shares(kTextFeatureCount, 0.0f);
  model.blocks.add_contributions(features.data(), shares.data());
  std::vector<int> order(kTextFeatureCount);
  for (int f = 0; f < kTextFeatureCount; ++f) order[f] = f;
  std::partial_sort(order.begin(), order.begin() + kReasonCount, order.end(),
                    [&](int a, int b) { return std::fabs(shares[a]) > std::fabs(shares[b]); });
  std::vector<std::string> reasons;
  for (std::size_t k = 0; k < kReasonCount; ++k) {
    if (std::fabs(shares[order[k]]) < 0.05f) break;
    reasons.push_back(std::string(text_feature_name(order[k])) + " " + signed_number(shares[order[k]]));
  }
  reasons.push_back("context " + signed_number(final_score - block_score));
  return reasons;
}

bool ends_like_a_sentence(std::string_view text) {
  const std::size_t end = text.find_last_not_of(" \t\r\n");
  return end != std::string_view::npos && (text[end] == '.' || text[end] == ':' || text[end] == ';' || text[end] == ',');
}

bool looks_like_title(const TextVerdict& verdict, const TextFeatures& features, float min_words) {
  const float words = std::expm1(features[kLogWords]);
  return words >= min_words && words <= kTitleMaxWords && !ends_like_a_sentence(verdict.text) &&
         verdict.text.find('\n') == std::string::npos;
}

// The title is the first kept block when it is short and does not end like a
// sentence. When the first kept block is prose, a headline-shaped block just
// before it (within two blocks) that the model nearly kept is taken instead:
// headlines often sit right after the site's chrome and score low for it.
void mark_title(std::vector<TextVerdict>& verdicts, const std::vector<TextFeatures>& features) {
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    if (!verdicts[i].keep) continue;
    if (looks_like_title(verdicts[i], features[i], 1)) {
      verdicts[i].title = true;
      return;
    }
    for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
      TextVerdict& candidate = verdicts[i - back];
      if (candidate.score > kTitleRescueScore && looks_like_title(candidate, features[i - back], 3)) {
        candidate.keep = true;
        candidate.title = true;
        return;
      }
    }
    return;
  }
}

}  // namespace

std::vector<TextVerdict> judge_text_blocks(const TextModel& model, const std::vector<TextBlock>& blocks,
                                           const std::vector<TextFeatures>& features, bool explain) {
  std::vector<float> block_scores;
  const std::vector<float> scores = score_text_blocks(model, features, &block_scores);
  std::vector<bool> keep;
  for (float score : scores) keep.push_back(score > model.threshold);
  drop_trailing_appeal(features, keep);

  std::vector<TextVerdict> verdicts;
  verdicts.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    TextVerdict verdict;
    verdict.text = std::string(blocks[i].text);
    // Paragraph blocks keep their own line breaks, written as "\n" whatever the input used.
    std::erase(verdict.text, '\r');
    verdict.line = blocks[i].first_line;
    verdict.score = scores[i] - model.threshold;
    verdict.keep = keep[i];
    if (explain) {
      verdict.reasons = reasons_for(model, features[i], block_scores[i], scores[i]);
      if (!keep[i] && verdict.score > 0) verdict.reasons.insert(verdict.reasons.begin(), "closing appeal to readers");
    }
    verdicts.push_back(std::move(verdict));
  }
  mark_title(verdicts, features);
  return verdicts;
}

}  // namespace winnow::clean
