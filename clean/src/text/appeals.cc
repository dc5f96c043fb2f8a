// drop_trailing_appeal(): finds the donation or membership appeal that closes so many article pages.
#include "text/appeals.h"

#include <cmath>

namespace winnow::clean {
namespace {

constexpr float kAppealDensity = 0.08f;   // person + appeal words per word, in the appeal and its first block
constexpr float kMinAppealWords = 2;
constexpr float kContrast = 2.0f;         // the appeal is this much denser than the article before it
constexpr float kMaxShare = 0.4f;         // and holds at most this share of the kept words

struct Counts {
  float words = 0, person = 0, appeal = 0;
};

Counts counts_of(const TextFeatures& f) {
  Counts c;
  c.words = std::expm1(f[kLogWords]);
  c.person = f[kPersonWords] * c.words;
  c.appeal = f[kAppealWords] * c.words;
  return c;
}

}  // namespace

std::size_t drop_trailing_appeal(const std::vector<TextFeatures>& features, std::vector<bool>& keep) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < keep.size(); ++i) {
    if (keep[i]) kept.push_back(i);
  }
  Counts total;
  for (std::size_t i : kept) {
    const Counts c = counts_of(features[i]);
    total.words += c.words;
    total.person += c.person;
    total.appeal += c.appeal;
  }
  // Walk back over the kept blocks; remember the earliest start that qualifies.
  Counts suffix;
  std::size_t start = kept.size();
  for (std::size_t k = kept.size(); k-- > 1;) {  // k >= 1: something must stay before the appeal
    const Counts c = counts_of(features[kept[k]]);
    suffix.words += c.words;
    suffix.person += c.person;
    suffix.appeal += c.appeal;
    if (suffix.words > kMaxShare * total.words) break;
    const float density = suffix.words > 0 ? (suffix.person + suffix.appeal) / suffix.words : 0.0f;
    const float rest_words = total.words - suffix.words;
    const float rest_density =
        rest_words > 0 ? (total.person + total.appeal - suffix.person - suffix.appeal) / rest_words : 0.0f;
    const bool opens = c.words > 0 && (c.person + c.appeal) / c.words >= kAppealDensity;
    const bool dense = density >= kAppealDensity;
    if (opens && dense && density >= kContrast * rest_density && suffix.appeal >= kMinAppealWords) start = k;
    if (!dense) break;
  }
  // Some prose must stay before the appeal.
  bool prose_before = false;
  for (std::size_t k = 0; k < start && k < kept.size(); ++k) {
    if (features[kept[k]][kEndsSentence] > 0 && std::expm1(features[kept[k]][kLogWords]) >= 10) prose_before = true;
  }
  if (start >= kept.size() || !prose_before) return 0;
  for (std::size_t k = start; k < kept.size(); ++k) keep[kept[k]] = false;
  return kept.size() - start;
}

}  // namespace winnow::clean
