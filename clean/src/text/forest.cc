// Forest evaluation, score explanations and the forest text format.
#include "text/forest.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <cstdio>
#include <string>

namespace winnow::clean {
namespace {

const ForestNode* leaf_for(const std::vector<ForestNode>& tree, const float* features) {
  const ForestNode* node = &tree[0];
  while (node->feature >= 0) node = &tree[features[node->feature] < node->threshold ? node->left : node->right];
  return node;
}

// Reads the next whitespace-separated token as a number.
template <typename T>
bool read_number(std::string_view text, std::size_t& pos, T& out) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) ++pos;
  const char* begin = text.data() + pos;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(begin, end, out);
  if (error != std::errc()) return false;
  pos += static_cast<std::size_t>(stop - begin);
  return true;
}

bool read_word(std::string_view text, std::size_t& pos, std::string_view word) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) ++pos;
  if (text.substr(pos, word.size()) != word) return false;
  pos += word.size();
  return true;
}

Error malformed(const std::string& what) { return Error{ErrorKind::kInvalidInput, "malformed model: " + what}; }

}  // namespace

namespace {

int depth_of(const std::vector<ForestNode>& tree, int node) {
  if (tree[node].feature < 0) return 0;
  return 1 + std::max(depth_of(tree, tree[node].left), depth_of(tree, tree[node].right));
}

// Writes `node`'s subtree at position `slot` of a complete tree of `depth`
// levels; a leaf above the last level becomes splits that always go left,
// with its value in every leaf below it.
void lay_out(const std::vector<ForestNode>& tree, int node, std::size_t slot, int level, int depth, int* features,
             float* thresholds, float* leaves) {
  const std::size_t splits = (std::size_t{1} << depth) - 1;
  if (level == depth) {
    leaves[slot - splits] = tree[node].value;
    return;
  }
  const bool leaf = tree[node].feature < 0;
  features[slot] = leaf ? 0 : tree[node].feature;
  thresholds[slot] = leaf ? std::numeric_limits<float>::infinity() : tree[node].threshold;
  lay_out(tree, leaf ? node : tree[node].left, 2 * slot + 1, level + 1, depth, features, thresholds, leaves);
  lay_out(tree, leaf ? node : tree[node].right, 2 * slot + 2, level + 1, depth, features, thresholds, leaves);
}

}  // namespace

void Forest::compile() {
  int depth = 0;
  for (const std::vector<ForestNode>& tree : trees) depth = std::max(depth, depth_of(tree, 0));
  dense_depth_ = -1;
  if (depth > 12) return;  // too big to pad: score() walks the trees instead
  const std::size_t splits = (std::size_t{1} << depth) - 1, leaves = splits + 1;
  dense_features_.assign(trees.size() * splits, 0);
  dense_thresholds_.assign(trees.size() * splits, 0);
  dense_leaves_.assign(trees.size() * leaves, 0);
  for (std::size_t t = 0; t < trees.size(); ++t) {
    lay_out(trees[t], 0, 0, 0, depth, &dense_features_[t * splits], &dense_thresholds_[t * splits],
            &dense_leaves_[t * leaves]);
  }
  dense_depth_ = depth;
}

float Forest::score(const float* features) const {
  float total = base;
  if (dense_depth_ >= 0) {
    const std::size_t splits = (std::size_t{1} << dense_depth_) - 1, leaves = splits + 1;
    for (std::size_t t = 0; t < trees.size(); ++t) {
      const int* f = &dense_features_[t * splits];
      const float* threshold = &dense_thresholds_[t * splits];
      std::size_t slot = 0;
      for (int level = 0; level < dense_depth_; ++level) {
        slot = 2 * slot + 1 + static_cast<std::size_t>(!(features[f[slot]] < threshold[slot]));
      }
      total += dense_leaves_[t * leaves + slot - splits];
    }
    return total;
  }
  for (const std::vector<ForestNode>& tree : trees) total += leaf_for(tree, features)->value;
  return total;
}

void Forest::add_contributions(const float* features, float* shares) const {
  for (const std::vector<ForestNode>& tree : trees) {
    const ForestNode* node = &tree[0];
    while (node->feature >= 0) {
      const ForestNode* child = &tree[features[node->feature] < node->threshold ? node->left : node->right];
      shares[node->feature] += child->value - node->value;
      node = child;
    }
  }
}

std::string write_forest(const Forest& forest) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "forest %d %zu %.9g\n", forest.feature_count, forest.trees.size(),
                static_cast<double>(forest.base));
  out += line;
  for (const std::vector<ForestNode>& tree : forest.trees) {
    std::snprintf(line, sizeof line, "tree %zu\n", tree.size());
    out += line;
    for (const ForestNode& node : tree) {
      std::snprintf(line, sizeof line, "%d %.9g %d %d %.9g\n", node.feature, static_cast<double>(node.threshold),
                    node.left, node.right, static_cast<double>(node.value));
      out += line;
    }
  }
  return out;
}

Result<Forest> read_forest(std::string_view text, std::size_t& pos) {
  Forest forest;
  std::size_t tree_count = 0;
  if (!read_word(text, pos, "forest") || !read_number(text, pos, forest.feature_count) ||
      !read_number(text, pos, tree_count) || !read_number(text, pos, forest.base) || forest.feature_count <= 0) {
    return malformed("expected 'forest FEATURES TREES BASE'");
  }
  forest.trees.resize(tree_count);
  for (std::size_t t = 0; t < tree_count; ++t) {
    std::size_t node_count = 0;
    if (!read_word(text, pos, "tree") || !read_number(text, pos, node_count) || node_count == 0) {
      return malformed("expected 'tree NODES' for tree " + std::to_string(t));
    }
    std::vector<ForestNode>& tree = forest.trees[t];
    tree.resize(node_count);
    const int count = static_cast<int>(node_count);
    for (std::size_t k = 0; k < node_count; ++k) {
      ForestNode& node = tree[k];
      if (!read_number(text, pos, node.feature) || !read_number(text, pos, node.threshold) ||
          !read_number(text, pos, node.left) || !read_number(text, pos, node.right) ||
          !read_number(text, pos, node.value)) {
        return malformed("bad node " + std::to_string(k) + " in tree " + std::to_string(t));
      }
      const int self = static_cast<int>(k);
      // Children come after their parent, so every walk ends at a leaf.
      const bool split_ok = node.feature < forest.feature_count && node.left > self && node.left < count &&
                            node.right > self && node.right < count;
      if (node.feature >= 0 && !split_ok) {
        return malformed("node " + std::to_string(k) + " in tree " + std::to_string(t) + " points out of range");
      }
    }
  }
  forest.compile();
  return forest;
}

}  // namespace winnow::clean
