// Gradient-boosted decision trees: evaluation, per-feature contributions and the plain-text model format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/result.h"

namespace winnow::clean {

// One node of a boosted tree (not node_tree.h's TreeNode: one name for two types in
// one namespace broke the one-definition rule, and vector<TreeNode> code built
// for one was run on the other). A split sends x to `left` when x[feature] < threshold,
// else to `right`; a leaf has feature -1. Every node keeps `value`, the
// output the tree would give if it stopped there (used to explain a score).
struct ForestNode {
  int feature = -1;
  float threshold = 0;
  int left = -1;
  int right = -1;
  float value = 0;
};

// A sum of trees giving a log-odds score.
struct Forest {
  int feature_count = 0;
  float base = 0;  // the score before any tree
  std::vector<std::vector<ForestNode>> trees;

  // The log-odds score of one feature vector (feature_count floats).
  float score(const float* features) const;
  // Lays the trees out as complete binary trees in flat arrays (shorter
  // branches padded), which makes score() several times faster. Call again
  // after changing `trees`; read_forest() calls it.
  void compile();
  // Adds each feature's share of score(features) - base to `shares`
  // (feature_count floats): along each tree's path, the change of node value
  // at a split is credited to the split's feature.
  void add_contributions(const float* features, float* shares) const;

 private:
  int dense_depth_ = -1;                 // -1: not compiled
  std::vector<int> dense_features_;      // per tree: 2^depth - 1 splits
  std::vector<float> dense_thresholds_;
  std::vector<float> dense_leaves_;      // per tree: 2^depth leaves
};

// The text format: "forest FEATURES TREES BASE", then per tree "tree NODES"
// followed by one "feature threshold left right value" line per node.
std::string write_forest(const Forest& forest);
// Parses one forest starting at `text[pos]` and moves `pos` past it. Fails
// with kInvalidInput on malformed text or node indices out of range (so a
// parsed forest can always be evaluated safely).
Result<Forest> read_forest(std::string_view text, std::size_t& pos);

}  // namespace winnow::clean
