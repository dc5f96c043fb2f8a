// Trains the text-block model of `winnow clean --input text` from labelled full-page text (see bench/train-text).
//
//   train_text_model --out MODEL [--eval-dir DIR] [--folds K] SET[*WEIGHT] TEXT_DIR LABEL_DIR [...]
//
// Each LABEL_DIR/<id>.labels holds one 0/1 per non-empty line of TEXT_DIR/<id>.txt.
// Stage one (block forest) is trained on every block; stage two (context
// forest) on stage-one scores that come from models which did not see the
// page (2-fold, by page), as they will at run time. With --eval-dir, K-fold
// cross-validation by page writes DIR/<SET>/<id>.txt: the lines each page
// keeps under a model trained without it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "text/forest.h"
#include "text/blocks.h"
#include "text/features.h"
#include "text/model.h"
#include "text/verdicts.h"

namespace fs = std::filesystem;
using namespace winnow::clean;

namespace {

struct Page {
  std::string set, id;
  std::string text;
  std::vector<TextBlock> blocks;
  std::vector<TextFeatures> features;
  std::vector<int> labels;
  std::vector<float> weights;  // sum to 1 per page: pages count alike, as in the per-page F1
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<Page> load_set(const std::string& set, const fs::path& text_dir, const fs::path& label_dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(label_dir)) {
    if (entry.path().extension() == ".labels") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Page> pages;
  for (const fs::path& file : files) {
    Page page;
    page.set = set;
    page.id = file.stem().string();
    page.text = read_file(text_dir / (page.id + ".txt"));
    std::istringstream labels(read_file(file));
    for (int label; labels >> label;) page.labels.push_back(label);
    pages.push_back(std::move(page));
  }
  for (Page& page : pages) {
    page.blocks = split_text_blocks(page.text);
    if (page.blocks.size() != page.labels.size()) {
      std::cerr << "skipping " << set << "/" << page.id << ": " << page.blocks.size() << " blocks, "
                << page.labels.size() << " labels\n";
      page.blocks.clear();
      continue;
    }
    page.features = text_block_features(page.blocks);
    // Half the page's weight by words (what the word F1 counts), half by
    // block, so short lines (menus, prompts, headings) are learned too.
    double words = 0;
    for (const TextFeatures& f : page.features) words += std::expm1(f[kLogWords]);
    const double blocks = static_cast<double>(page.features.size());
    for (const TextFeatures& f : page.features) {
      const double share = 0.5 / blocks + (words > 0 ? 0.5 * std::expm1(f[kLogWords]) / words : 0.5 / blocks);
      page.weights.push_back(static_cast<float>(share));
    }
  }
  std::erase_if(pages, [](const Page& page) { return page.blocks.empty(); });
  return pages;
}

// ---- gradient boosting on binned features ----

struct Dataset {
  int features = 0;
  std::vector<float> x;  // row-major
  std::vector<int> y;
  std::vector<float> w;
  std::size_t rows() const { return y.size(); }
};

struct TrainParams {
  int trees = 100;
  int depth = 5;
  float rate = 0.2f;
  float lambda = 0.05f;      // in units of page weight (a page's blocks weigh 1 in all)
  float min_hessian = 0.02f;
  float subsample = 0.6f;
  int bins = 64;
  unsigned seed = 7;
};

class Trainer {
 public:
  Trainer(const Dataset& data, const TrainParams& params) : data_(data), params_(params) {
    const std::size_t n = data.rows();
    const int f_count = data.features;
    thresholds_.resize(f_count);
    bins_.assign(n * f_count, 0);
    for (int f = 0; f < f_count; ++f) {
      std::vector<float> values;
      values.reserve(n);
      for (std::size_t i = 0; i < n; ++i) values.push_back(data.x[i * f_count + f]);
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      std::vector<float>& cuts = thresholds_[f];
      if (static_cast<int>(values.size()) <= params.bins) {
        for (std::size_t k = 1; k < values.size(); ++k) cuts.push_back(0.5f * (values[k - 1] + values[k]));
      } else {
        for (int b = 1; b < params.bins; ++b) {
          const std::size_t k = values.size() * b / params.bins;
          const float cut = 0.5f * (values[k - 1] + values[k]);
          if (cuts.empty() || cut > cuts.back()) cuts.push_back(cut);
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        const float v = data.x[i * f_count + f];
        bins_[i * f_count + f] =
            static_cast<std::uint8_t>(std::upper_bound(cuts.begin(), cuts.end(), v) - cuts.begin());
      }
    }
  }

  Forest train() {
    const std::size_t n = data_.rows();
    Forest forest;
    forest.feature_count = data_.features;
    double pos = 0, all = 0;
    for (std::size_t i = 0; i < n; ++i) {
      pos += data_.w[i] * data_.y[i];
      all += data_.w[i];
    }
    const double prior = std::clamp(pos / all, 1e-4, 1 - 1e-4);
    forest.base = static_cast<float>(std::log(prior / (1 - prior)));
    std::vector<float> score(n, forest.base);
    grad_.resize(n);
    hess_.resize(n);
    std::mt19937 rng(params_.seed);
    std::uniform_real_distribution<float> coin(0, 1);
    for (int t = 0; t < params_.trees; ++t) {
      std::vector<std::uint32_t> rows;
      for (std::size_t i = 0; i < n; ++i) {
        if (coin(rng) >= params_.subsample) continue;
        const float p = 1.0f / (1.0f + std::exp(-score[i]));
        grad_[i] = data_.w[i] * (p - static_cast<float>(data_.y[i]));
        hess_[i] = data_.w[i] * std::max(p * (1 - p), 1e-6f);
        rows.push_back(static_cast<std::uint32_t>(i));
      }
      std::vector<ForestNode> tree;
      grow(tree, rows, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const float* x = &data_.x[i * data_.features];
        const ForestNode* node = &tree[0];
        while (node->feature >= 0) node = &tree[x[node->feature] < node->threshold ? node->left : node->right];
        score[i] += node->value;
      }
      forest.trees.push_back(std::move(tree));
    }
    forest.compile();
    return forest;
  }

 private:
  // Appends the subtree for `rows` to `tree`; returns its index.
  int grow(std::vector<ForestNode>& tree, std::vector<std::uint32_t>& rows, int depth) {
    double g = 0, h = 0;
    for (std::uint32_t i : rows) {
      g += grad_[i];
      h += hess_[i];
    }
    const int index = static_cast<int>(tree.size());
    tree.push_back({});
    tree[index].value = static_cast<float>(-g / (h + params_.lambda) * params_.rate);
    if (depth >= params_.depth || rows.size() < 8) return index;

    const int f_count = data_.features;
    const int b_count = params_.bins + 1;
    std::vector<double> hg(static_cast<std::size_t>(f_count) * b_count, 0.0), hh(hg.size(), 0.0);
    for (std::uint32_t i : rows) {
      const std::uint8_t* b = &bins_[static_cast<std::size_t>(i) * f_count];
      for (int f = 0; f < f_count; ++f) {
        hg[f * b_count + b[f]] += grad_[i];
        hh[f * b_count + b[f]] += hess_[i];
      }
    }
    const double lambda = params_.lambda;
    const double parent = g * g / (h + lambda);
    double best_gain = 1e-12;
    int best_feature = -1, best_bin = -1;
    for (int f = 0; f < f_count; ++f) {
      double gl = 0, hl = 0;
      const int cuts = static_cast<int>(thresholds_[f].size());
      for (int b = 0; b < cuts; ++b) {
        gl += hg[f * b_count + b];
        hl += hh[f * b_count + b];
        const double gr = g - gl, hr = h - hl;
        if (hl < params_.min_hessian || hr < params_.min_hessian) continue;
        const double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
        if (gain > best_gain) {
          best_gain = gain;
          best_feature = f;
          best_bin = b;
        }
      }
    }
    if (best_feature < 0) return index;
    std::vector<std::uint32_t> left, right;
    for (std::uint32_t i : rows) {
      (bins_[static_cast<std::size_t>(i) * f_count + best_feature] <= best_bin ? left : right).push_back(i);
    }
    rows.clear();
    rows.shrink_to_fit();
    tree[index].feature = best_feature;
    tree[index].threshold = thresholds_[best_feature][best_bin];
    const int l = grow(tree, left, depth + 1);
    const int r = grow(tree, right, depth + 1);
    tree[index].left = l;
    tree[index].right = r;
    return index;
  }

  const Dataset& data_;
  TrainParams params_;
  std::vector<std::vector<float>> thresholds_;
  std::vector<std::uint8_t> bins_;
  std::vector<float> grad_, hess_;
};

template <typename Rows>
Dataset dataset(int features, const std::vector<const Page*>& pages, Rows rows_of) {
  Dataset data;
  data.features = features;
  for (std::size_t k = 0; k < pages.size(); ++k) {
    const Page* page = pages[k];
    const auto& rows = rows_of(k);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      data.x.insert(data.x.end(), rows[i].begin(), rows[i].end());
      data.y.push_back(page->labels[i]);
      data.w.push_back(page->weights[i]);
    }
  }
  return data;
}

std::vector<float> block_scores(const Forest& forest, const Page& page) {
  std::vector<float> scores;
  for (const TextFeatures& f : page.features) scores.push_back(forest.score(f.data()));
  return scores;
}

// Stage one on all pages; stage two on 2-fold out-of-page stage-one scores.
TextModel train_model(const std::vector<const Page*>& pages, const TrainParams& block_params,
                      const TrainParams& context_params) {
  TextModel model;
  const auto features_of = [&pages](std::size_t k) -> const std::vector<TextFeatures>& { return pages[k]->features; };
  model.blocks = Trainer(dataset(kTextFeatureCount, pages, features_of), block_params).train();

  std::vector<std::vector<ContextFeatures>> context(pages.size());
  for (int fold = 0; fold < 2; ++fold) {
    std::vector<const Page*> train;
    for (std::size_t k = 0; k < pages.size(); ++k) {
      if (static_cast<int>(k % 2) != fold) train.push_back(pages[k]);
    }
    const auto train_features = [&train](std::size_t k) -> const std::vector<TextFeatures>& { return train[k]->features; };
    const Forest forest = Trainer(dataset(kTextFeatureCount, train, train_features), block_params).train();
    for (std::size_t k = 0; k < pages.size(); ++k) {
      if (static_cast<int>(k % 2) == fold) context[k] = context_features(pages[k]->features, block_scores(forest, *pages[k]));
    }
  }
  const auto context_of = [&context](std::size_t k) -> const std::vector<ContextFeatures>& { return context[k]; };
  model.context = Trainer(dataset(kContextFeatureCount, pages, context_of), context_params).train();
  return model;
}

void write_kept(const TextModel& model, const Page& page, const fs::path& dir) {
  std::string out;
  for (const TextVerdict& verdict : judge_text_blocks(model, page.blocks, page.features, false)) {
    if (verdict.keep) out += verdict.text + '\n';
  }
  fs::create_directories(dir / page.set);
  std::ofstream(dir / page.set / (page.id + ".txt"), std::ios::binary) << out;
}

int usage() {
  std::cerr << "usage: train_text_model --out MODEL [--eval-dir DIR] [--folds K] SET TEXT_DIR LABEL_DIR...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, eval_dir;
  int folds = 3;
  std::vector<Page> pages;
  TrainParams block_params, context_params;
  context_params.trees = 60;
  context_params.depth = 4;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (arg == "--eval-dir" && i + 1 < argc) {
      eval_dir = argv[++i];
    } else if (arg == "--folds" && i + 1 < argc) {
      folds = std::atoi(argv[++i]);
    } else if (arg == "--trees" && i + 1 < argc) {
      block_params.trees = std::atoi(argv[++i]);
    } else if (arg == "--depth" && i + 1 < argc) {
      block_params.depth = std::atoi(argv[++i]);
    } else if (!arg.starts_with("--") && i + 2 < argc) {
      // SET may be NAME*W: each page of the set weighs W pages.
      const std::size_t star = arg.find('*');
      const std::string name = arg.substr(0, star);
      const float weight = star == std::string::npos ? 1.0f : std::strtof(arg.c_str() + star + 1, nullptr);
      std::vector<Page> set = load_set(name, argv[i + 1], argv[i + 2]);
      for (Page& page : set) {
        for (float& w : page.weights) w *= weight;
      }
      std::cerr << name << ": " << set.size() << " pages\n";
      for (Page& page : set) pages.push_back(std::move(page));
      i += 2;
    } else {
      return usage();
    }
  }
  if (out.empty() || pages.empty() || folds < 2) return usage();
  std::vector<const Page*> all;
  for (const Page& page : pages) all.push_back(&page);

  if (!eval_dir.empty()) {
    for (int fold = 0; fold < folds; ++fold) {
      std::vector<const Page*> train, held_out;
      for (std::size_t k = 0; k < all.size(); ++k) (static_cast<int>(k % folds) == fold ? held_out : train).push_back(all[k]);
      const TextModel model = train_model(train, block_params, context_params);
      for (const Page* page : held_out) write_kept(model, *page, eval_dir);
      std::cerr << "fold " << fold + 1 << "/" << folds << " done\n";
    }
  }
  const TextModel model = train_model(all, block_params, context_params);
  std::ofstream(out, std::ios::binary) << write_text_model(model);
  std::cerr << "wrote " << out << "\n";
  return 0;
}
