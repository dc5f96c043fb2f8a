// Chooses the article's container(s): readability-style scoring, climbing over sections, sibling continuation.
#include "html/select.h"

#include <algorithm>
#include <string_view>

#include "html/dom.h"
#include "html/paragraphs.h"
#include "html/signals.h"

namespace winnow::clean {
namespace {

// An ancestor joins the article when at least this share of what it adds is prose ...
constexpr double kSectionProseShare = 0.6;
// ... and when that prose is at least this share of the article so far: a
// few teaser excerpts next to a long article are not more of it.
constexpr double kSectionGrowth = 0.5;
// Additions up to this many characters are layout, not evidence.
constexpr double kSectionSlackChars = 50;
// How many ancestor levels a paragraph's score reaches.
constexpr int kScoreLevels = 5;

int base_score(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_SECTION:
      return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

// Ends with sentence punctuation (ASCII or the common full-width forms).
bool ends_like_sentence(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == '\'')) {
    text.remove_suffix(1);
  }
  if (text.empty()) return false;
  char c = text.back();
  if (c == '.' || c == '!' || c == '?' || c == ':') return true;
  return text.size() >= 3 && (text.ends_with("\xE3\x80\x82") || text.ends_with("\xE2\x80\x9D") ||
                              text.ends_with("\xE2\x80\x99"));
}

// Articles cut into sections (listicles, "best of" pages, CSS-in-JS layouts)
// leave the best candidate holding one section. Moves up while what an
// ancestor adds is mostly prose and a good part of the article again: chrome
// (menus, link lists, widgets) adds characters without prose, and teaser
// excerpts add little next to a whole article; both stop the climb.
int expand_over_sections(const NodeTree& tree, int top) {
  const int body = tree.body();
  std::vector<std::uint32_t> prose = prose_chars(tree);
  auto at = [&](int i) { return static_cast<double>(prose[static_cast<std::size_t>(i)]); };
  int accepted = top;
  for (int current = top; tree[current].parent > body;) {
    int parent = tree[current].parent;
    double added_chars = static_cast<double>(tree[parent].chars) - tree[accepted].chars;
    double added_prose = at(parent) - at(accepted);
    current = parent;
    // A few characters (a label, a number) are no evidence either way: the
    // climb goes on, but keeps them only if a later step brings prose.
    if (added_chars <= kSectionSlackChars) continue;
    if (added_prose < kSectionProseShare * added_chars) break;
    // Prose, but little next to the article so far (a teaser, an intro box):
    // kept only if the climb goes on to bring more.
    if (added_prose < kSectionGrowth * at(accepted)) continue;
    accepted = parent;
  }
  return accepted;
}

}  // namespace

std::vector<std::pair<double, int>> rank_candidates(const NodeTree& tree,
                                                    std::unordered_map<int, double>& scores) {
  scores.clear();
  if (tree.size() == 0) return {};
  const int body = tree.body();
  auto candidate = [&](int i) -> double& {
    auto [it, inserted] = scores.try_emplace(i, 0.0);
    if (inserted) it->second = base_score(tree[i].tag) + container_weight(tree[i].node);
    return it->second;
  };
  for_each_kept_element(tree, body, [&](int i) {
    const TreeNode& n = tree[i];
    std::uint32_t chars = paragraph_chars(tree, i);
    if (chars < kMinParagraphChars) return true;
    double commas = n.chars == 0 ? 0.0 : static_cast<double>(n.commas) * chars / n.chars;
    // Text broken only by <br>s is several paragraphs in one element.
    double length_cap = 3.0 * (1.0 + direct_breaks(tree, i) / 2.0);
    double score = 1.0 + commas + std::min<double>(chars / 100.0, length_cap);
    int ancestor = n.parent;
    for (int level = 0; level < kScoreLevels && ancestor >= body; ++level) {
      double divisor = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      candidate(ancestor) += score / divisor;
      if (ancestor == body) break;
      ancestor = tree[ancestor].parent;
    }
    return true;
  });
  std::vector<std::pair<double, int>> ranked;
  ranked.reserve(scores.size());
  for (auto& [i, score] : scores) {
    ranked.emplace_back(score * (1.0 - tree.link_density(i)), i);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  return ranked;
}

namespace {

// The candidates' scores, and the final score of any node: its paragraph
// credit discounted by its link density (0 for a node that got none).
class CandidateScores {
 public:
  CandidateScores(const NodeTree& tree, std::unordered_map<int, double> scores)
      : tree_(tree), scores_(std::move(scores)) {}
  double final_score(int i) const {
    auto it = scores_.find(i);
    return it == scores_.end() ? 0.0 : it->second * (1.0 - tree_.link_density(i));
  }

 private:
  const NodeTree& tree_;
  std::unordered_map<int, double> scores_;
};

// Several strong candidates under one ancestor mean the article is split
// into sections: move up to the ancestor that holds at least three of them.
int climb_to_sections_ancestor(const NodeTree& tree, const std::vector<std::pair<double, int>>& ranked, int top) {
  const int body = tree.body();
  const double top_score = ranked[0].first;
  std::vector<int> alternatives;
  for (std::size_t k = 1; k < ranked.size() && k < 5; ++k) {
    if (ranked[k].first >= 0.75 * top_score) alternatives.push_back(ranked[k].second);
  }
  if (alternatives.size() < 3) return top;
  for (int p = tree[top].parent; p >= body; p = tree[p].parent) {
    int contained = 0;
    for (int a : alternatives) contained += (a >= p && a < tree[p].end) ? 1 : 0;
    if (contained >= 3) return p;
    if (p == body) break;
  }
  return top;
}

// A parent scoring better than a third of the top one, and rising, is the
// real container (the top candidate was one section of it).
int climb_to_rising_parent(const NodeTree& tree, const CandidateScores& scores, double top_score, int top) {
  const int body = tree.body();
  double last = scores.final_score(top);
  const double threshold = top_score / 3.0;
  for (int p = tree[top].parent; p > body; p = tree[p].parent) {
    const double s = scores.final_score(p);
    if (s < threshold) break;
    if (s > last) return p;
    last = s;
  }
  return top;
}

// An only child adds nothing: its parent is the same container.
int climb_over_only_children(const NodeTree& tree, int top) {
  const int body = tree.body();
  while (tree[top].parent > body) {
    const int p = tree[top].parent;
    int children = 0;
    for (int c = tree[p].first_child; c >= 0; c = tree[c].next_sibling) {
      if (!tree[c].is_text && !tree[c].junk) ++children;
    }
    if (children != 1) break;
    top = p;
  }
  return top;
}

// Siblings that continue the article (split containers, loose paragraphs), with top itself, in order.
std::vector<int> with_continuing_siblings(const NodeTree& tree, const CandidateScores& scores, int top) {
  const int parent = tree[top].parent;
  std::vector<int> roots;
  const double threshold = std::max(10.0, scores.final_score(top) * 0.2);
  const std::string_view top_class = attr(tree[top].node, "class");
  for (int s = tree[parent].first_child; s >= 0; s = tree[s].next_sibling) {
    const TreeNode& n = tree[s];
    if (n.junk || n.is_text) continue;
    if (s == top) {
      roots.push_back(s);
      continue;
    }
    const double bonus =
        (!top_class.empty() && attr(n.node, "class") == top_class) ? scores.final_score(top) * 0.2 : 0;
    bool append = scores.final_score(s) + bonus >= threshold;
    if (!append && n.tag == GUMBO_TAG_P) {
      const double density = tree.link_density(s);
      if (n.chars > 80 && density < 0.25) {
        append = true;
      } else if (n.chars > 0 && n.chars <= 80 && density == 0.0 &&
                 ends_like_sentence(normalized_text(n.node))) {
        append = true;
      }
    }
    if (append) roots.push_back(s);
  }
  return roots;
}

}  // namespace

std::vector<int> select_article_roots(const NodeTree& tree) {
  if (tree.size() == 0) return {};
  const int body = tree.body();
  std::unordered_map<int, double> credit;
  const auto ranked = rank_candidates(tree, credit);
  if (ranked.empty()) return {body};
  const CandidateScores scores(tree, std::move(credit));
  const double top_score = ranked[0].first;
  int top = ranked[0].second;
  top = climb_to_sections_ancestor(tree, ranked, top);
  top = climb_to_rising_parent(tree, scores, top_score, top);
  top = climb_over_only_children(tree, top);
  top = expand_over_sections(tree, top);
  if (tree[top].parent < 0 || top == body) return {top};
  return with_continuing_siblings(tree, scores, top);
}

}  // namespace winnow::clean
