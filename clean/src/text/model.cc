// Two-stage scoring of text blocks, the context features between the stages, and the model's text format.
#include "text/model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string>

#include "text/best_run.h"

namespace winnow::clean {

// Defined in the source CMake generates from clean/model/text-model.txt.
extern const char* const kBuiltinTextModel;

namespace {

// Each context feature with its name, in enum order (checked below); part of
// the model's feature signature.
constexpr struct {
  ContextFeature feature;
  std::string_view name;
} kContextNames[] = {
    {kOwnScore, "score"},
    {kPrevScore, "prev_score"},
    {kNextScore, "next_score"},
    {kPrev2Score, "prev2_score"},
    {kNext2Score, "next2_score"},
    {kMeanScore3, "mean_score_3"},
    {kMeanScore8, "mean_score_8"},
    {kMaxScore3, "max_score_3"},
    {kInsideRun, "inside_run"},
    {kLogDistanceToRun, "log_distance_to_run"},
    {kRunPosition, "run_position"},
    {kKeptWordsBefore, "kept_words_before"},
    {kKeptWordsAfter, "kept_words_after"},
    {kContextLogChars, "log_chars"},
    {kContextRelativeIndex, "relative_index"},
};
static_assert(std::size(kContextNames) == kContextFeatureCount, "every context feature has a name");
static_assert(in_enum_order(kContextNames), "kContextNames lists the features in enum order");

float words_of(const TextFeatures& f) { return std::expm1(f[kLogWords]); }

}  // namespace

std::string text_feature_signature() {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
  auto add = [&](std::string_view name) {
    for (char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    hash = (hash ^ '\n') * 0x100000001b3ULL;
  };
  for (int i = 0; i < kTextFeatureCount; ++i) add(text_feature_name(i));
  add("|");
  for (int i = 0; i < kContextFeatureCount; ++i) add(context_feature_name(i));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string_view context_feature_name(int feature) {
  return feature >= 0 && feature < kContextFeatureCount ? kContextNames[feature].name : std::string_view("?");
}

std::vector<ContextFeatures> context_features(const std::vector<TextFeatures>& features,
                                              const std::vector<float>& block_scores) {
  const std::size_t n = features.size();
  // Prefix sums of scores for window means.
  std::vector<double> prefix(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + block_scores[i];
  const auto mean = [&](std::size_t i, std::size_t radius) {
    const std::size_t begin = i >= radius ? i - radius : 0, end = std::min(n, i + radius + 1);
    return static_cast<float>((prefix[end] - prefix[begin]) / static_cast<double>(end - begin));
  };

  // The run of blocks with the most confidently-kept words net of the rest.
  std::vector<float> kept_words(n);
  std::vector<double> values(n);
  float total_kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const float p = 1.0f / (1.0f + std::exp(-block_scores[i]));
    kept_words[i] = p * words_of(features[i]);
    total_kept += kept_words[i];
    values[i] = (p - 0.5) * (1.0 + words_of(features[i]));
  }
  const auto [run_begin, run_end] = best_run(values);

  std::vector<ContextFeatures> out(n);
  float kept_before = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ContextFeatures& c = out[i];
    const auto at = [&](std::ptrdiff_t offset) {
      const std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + offset;
      return k >= 0 && k < static_cast<std::ptrdiff_t>(n) ? block_scores[static_cast<std::size_t>(k)] : -10.0f;
    };
    c[kOwnScore] = block_scores[i];
    c[kPrevScore] = at(-1);
    c[kNextScore] = at(1);
    c[kPrev2Score] = at(-2);
    c[kNext2Score] = at(2);
    c[kMeanScore3] = mean(i, 3);
    c[kMeanScore8] = mean(i, 8);
    c[kMaxScore3] = std::max({at(-3), at(-2), at(-1), at(1), at(2), at(3)});
    const bool inside = i >= run_begin && i < run_end;
    c[kInsideRun] = inside;
    const std::size_t distance = inside ? 0 : i < run_begin ? run_begin - i : i + 1 - run_end;
    c[kLogDistanceToRun] = std::log1p(static_cast<float>(distance));
    c[kRunPosition] = inside && run_end - run_begin > 1
                          ? static_cast<float>(i - run_begin) / static_cast<float>(run_end - run_begin - 1)
                          : (inside ? 0.5f : (i < run_begin ? -1.0f : 2.0f));
    c[kKeptWordsBefore] = total_kept > 0 ? kept_before / total_kept : 0.0f;
    c[kKeptWordsAfter] = total_kept > 0 ? (total_kept - kept_before - kept_words[i]) / total_kept : 0.0f;
    c[kContextLogChars] = features[i][kLogChars];
    c[kContextRelativeIndex] = features[i][kRelativeIndex];
    kept_before += kept_words[i];
  }
  return out;
}

std::vector<float> score_text_blocks(const TextModel& model, const std::vector<TextFeatures>& features,
                                     std::vector<float>* block_scores) {
  std::vector<float> first(features.size());
  for (std::size_t i = 0; i < features.size(); ++i) first[i] = model.blocks.score(features[i].data());
  const std::vector<ContextFeatures> context = context_features(features, first);
  std::vector<float> scores(features.size());
  for (std::size_t i = 0; i < features.size(); ++i) scores[i] = model.context.score(context[i].data());
  if (block_scores) *block_scores = std::move(first);
  return scores;
}

Result<TextModel> read_text_model(std::string_view text) {
  TextModel model;
  int version = 0;
  char signature[17] = {};
  if (std::sscanf(std::string(text.substr(0, 96)).c_str(), "winnow-text-model %d\nthreshold %f\nfeatures %16s",
                  &version, &model.threshold, signature) != 3 ||
      version != 1) {
    return Error{ErrorKind::kInvalidInput,
                 "malformed model: expected 'winnow-text-model 1', a threshold and a features line"};
  }
  if (signature != text_feature_signature()) {
    return Error{ErrorKind::kInvalidInput, "model was trained with other features (signature " +
                                               std::string(signature) + ", this build " + text_feature_signature() +
                                               "); retrain it with bench/train-text"};
  }
  std::size_t pos = text.find("forest");
  if (pos == std::string_view::npos) return Error{ErrorKind::kInvalidInput, "malformed model: no forest"};
  Result<Forest> blocks = read_forest(text, pos);
  if (!blocks) return blocks.error();
  Result<Forest> context = read_forest(text, pos);
  if (!context) return context.error();
  model.blocks = std::move(blocks).value();
  model.context = std::move(context).value();
  if (model.blocks.feature_count != kTextFeatureCount || model.context.feature_count != kContextFeatureCount) {
    return Error{ErrorKind::kInvalidInput, "model was trained on other features than this build computes"};
  }
  return model;
}

std::string write_text_model(const TextModel& model) {
  char head[128];
  std::snprintf(head, sizeof head, "winnow-text-model 1\nthreshold %.9g\nfeatures %s\n",
                static_cast<double>(model.threshold), text_feature_signature().c_str());
  return head + write_forest(model.blocks) + write_forest(model.context);
}

Result<const TextModel*> builtin_text_model() {
  static const Result<TextModel> model = read_text_model(kBuiltinTextModel);
  if (!model) return Error{ErrorKind::kInternal, "built-in text model: " + model.error().message};
  return &model.value();
}

}  // namespace winnow::clean
