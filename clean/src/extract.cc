// Finds the article in a parsed page: prunes boilerplate, scores containers, builds and filters the body blocks.
#include "extract.h"

#include <algorithm>
#include <unordered_map>

#include "block_builder.h"
#include "dom.h"
#include "signals.h"

namespace winnow::clean {
namespace {

// A container holding at least this share of the page's text is never pruned
// for its name alone: sites call whole-page wrappers "has-sidebar" and so on.
constexpr double kKeepShare = 0.6;
// Weak names ("sidebar", "widget") lose to a smaller share: sidebars seldom
// hold a third of a page's text, article sections often do.
constexpr double kKeepShareWeak = 0.35;
// Paragraph-like blocks shorter than this (in characters) carry no score.
constexpr std::uint32_t kMinParagraphChars = 25;
// A weakly named element with this much prose, making up this share of its
// text, is content.
constexpr std::uint32_t kWeakProseChars = 300;
constexpr double kWeakProseShare = 0.5;
// An ancestor joins the article when at least this share of what it adds is prose.
constexpr double kSectionProseShare = 0.6;
// Additions up to this many characters are layout, not evidence.
constexpr double kSectionSlackChars = 50;
// ... and when that prose is at least this share of the article so far: a
// few teaser excerpts next to a long article are not more of it.
constexpr double kSectionGrowth = 0.5;
// Below this many characters of article text, extraction tries again with less pruning.
constexpr std::size_t kFallbackChars = 250;
// A run of this many blocks repeating earlier ones in order is a copy of them.
constexpr std::size_t kRepeatedRunBlocks = 3;
// How many ancestor levels a paragraph's score reaches.
constexpr int kScoreLevels = 5;

int heading_level_of(GumboTag tag) {
  return (tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6) ? 1 + (tag - GUMBO_TAG_H1) : 0;
}

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

// Characters of the element's own paragraph text: <p> and <pre> whole, other
// elements the text not inside block-level descendants (a <div> used as a
// paragraph, text broken by <br>s, spans straight inside a container).
std::uint32_t paragraph_chars(const NodeTree& tree, int i) {
  GumboTag tag = tree[i].tag;
  if (tag == GUMBO_TAG_P || tag == GUMBO_TAG_PRE) return tree[i].chars;
  if (!is_block_tag(tag) || tag == GUMBO_TAG_BR || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_TH ||
      heading_level_of(tag) > 0) {
    return 0;
  }
  return tree[i].inline_chars;
}

// Number of <br> children of an element.
int direct_breaks(const NodeTree& tree, int i) {
  int breaks = 0;
  for (int c = tree[i].first_child; c >= 0; c = tree[c].next_sibling) {
    breaks += tree[c].tag == GUMBO_TAG_BR ? 1 : 0;
  }
  return breaks;
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

}  // namespace

namespace {

// Marks junk every element for which junk(i) holds, except those in keep
// (sorted). Returns nothing; the caller recomputes statistics.
template <class Predicate>
void mark_junk_where(NodeTree& tree, Predicate junk) {
  for (int i = tree.body(); i < tree.size(); ++i) {
    TreeNode& n = tree[i];
    if (n.is_text || n.junk) continue;
    if (junk(i)) {
      tree.mark_junk(i);
      i = n.end - 1;
    }
  }
}

// Characters of prose below each node: paragraph text of blocks that are at
// least kMinParagraphChars long and mostly not links.
std::vector<std::uint32_t> prose_chars(const NodeTree& tree) {
  std::vector<std::uint32_t> prose(static_cast<std::size_t>(tree.size()), 0);
  for (int i = tree.size(); i-- > 0;) {
    const TreeNode& n = tree[i];
    if (n.junk || n.is_text) continue;
    // List items and headings count too: listicles are made of them.
    std::uint32_t own = (n.tag == GUMBO_TAG_LI || heading_level_of(n.tag) > 0) ? n.inline_chars
                                                                              : paragraph_chars(tree, i);
    if (own >= kMinParagraphChars && tree.link_density(i) < 0.5) prose[static_cast<std::size_t>(i)] += own;
    if (n.parent >= 0) prose[static_cast<std::size_t>(n.parent)] += prose[static_cast<std::size_t>(i)];
  }
  return prose;
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
  for (int i = body; i < tree.size(); ++i) {
    const TreeNode& n = tree[i];
    if (n.junk) {
      i = n.end - 1;
      continue;
    }
    if (n.is_text) continue;
    std::uint32_t chars = paragraph_chars(tree, i);
    if (chars < kMinParagraphChars) continue;
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
  }
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

void prune_boilerplate(NodeTree& tree, Pruning pruning) {
  if (tree.size() == 0) return;
  const double page_chars = tree[tree.body()].chars;
  auto holds_page = [&](int i, double share) {
    return page_chars > 0 && tree[i].chars >= share * page_chars;
  };
  // First what is certain: chrome tags, hidden elements, strong names and
  // roles. A header, hidden wrapper or form holding most of the page is a
  // page-wide wrapper (ASP.NET's one <form>, a <div hidden> revealed by script).
  mark_junk_where(tree, [&](int i) {
    const TreeNode& n = tree[i];
    switch (n.tag) {
      case GUMBO_TAG_FORM: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
        return !holds_page(i, kKeepShare);
      default:
        break;
    }
    if (is_chrome_tag(n.tag)) return true;
    if (holds_page(i, kKeepShare)) return false;
    if (is_hidden(n.node)) return true;
    return pruning == Pruning::kFull && boilerplate_signal(n.node) == BoilerplateSignal::kStrong;
  });
  tree.compute_stats();
  if (pruning != Pruning::kFull) return;
  // Then weak names ("sidebar", "widget"), sparing the best candidate so far
  // and its ancestors: page wrappers carry such names too ("has-sidebar").
  std::unordered_map<int, double> scores;
  auto ranked = rank_candidates(tree, scores);
  int best = ranked.empty() ? -1 : ranked.front().second;
  std::vector<std::uint32_t> prose = prose_chars(tree);
  mark_junk_where(tree, [&](int i) {
    if (best >= 0 && i <= best && best < tree[i].end) return false;
    // Mostly prose under a weak name is content ("product-widget" reviews).
    std::uint32_t own_prose = prose[static_cast<std::size_t>(i)];
    if (own_prose >= kWeakProseChars && own_prose >= kWeakProseShare * tree[i].chars) return false;
    return !holds_page(i, kKeepShareWeak) &&
           boilerplate_signal(tree[i].node) == BoilerplateSignal::kWeak;
  });
  tree.compute_stats();
}

std::vector<int> select_article_roots(const NodeTree& tree) {
  if (tree.size() == 0) return {};
  const int body = tree.body();
  std::unordered_map<int, double> scores;
  auto ranked = rank_candidates(tree, scores);
  if (ranked.empty()) return {body};
  int top = ranked[0].second;
  double top_score = ranked[0].first;
  auto final_score = [&](int i) -> double {
    auto it = scores.find(i);
    return it == scores.end() ? 0.0 : it->second * (1.0 - tree.link_density(i));
  };

  // Several strong candidates under one ancestor mean the article is split
  // into sections: move up to the ancestor that holds at least three of them.
  std::vector<int> alternatives;
  for (std::size_t k = 1; k < ranked.size() && k < 5; ++k) {
    if (ranked[k].first >= 0.75 * top_score) alternatives.push_back(ranked[k].second);
  }
  if (alternatives.size() >= 3) {
    for (int p = tree[top].parent; p >= body; p = tree[p].parent) {
      int contained = 0;
      for (int a : alternatives) contained += (a >= p && a < tree[p].end) ? 1 : 0;
      if (contained >= 3) {
        top = p;
        break;
      }
      if (p == body) break;
    }
  }
  // A parent scoring better than a third of the top one, and rising, is the
  // real container (the top candidate was one section of it).
  {
    double last = final_score(top);
    double threshold = top_score / 3.0;
    for (int p = tree[top].parent; p > body; p = tree[p].parent) {
      double s = final_score(p);
      if (s < threshold) break;
      if (s > last) {
        top = p;
        break;
      }
      last = s;
    }
  }
  // An only child adds nothing: its parent is the same container.
  while (tree[top].parent > body) {
    int p = tree[top].parent;
    int children = 0;
    for (int c = tree[p].first_child; c >= 0; c = tree[c].next_sibling) {
      if (!tree[c].is_text && !tree[c].junk) ++children;
    }
    if (children != 1) break;
    top = p;
  }
  top = expand_over_sections(tree, top);

  // Siblings that continue the article (split containers, loose paragraphs).
  int parent = tree[top].parent;
  if (parent < 0 || top == body) return {top};
  std::vector<int> roots;
  double threshold = std::max(10.0, final_score(top) * 0.2);
  std::string_view top_class = attr(tree[top].node, "class");
  for (int s = tree[parent].first_child; s >= 0; s = tree[s].next_sibling) {
    const TreeNode& n = tree[s];
    if (n.junk || n.is_text) continue;
    if (s == top) {
      roots.push_back(s);
      continue;
    }
    double bonus = (!top_class.empty() && attr(n.node, "class") == top_class) ? final_score(top) * 0.2 : 0;
    bool append = final_score(s) + bonus >= threshold;
    if (!append && n.tag == GUMBO_TAG_P) {
      double density = tree.link_density(s);
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

namespace {

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 && c != ' ';
  return n;
}

// Share of a span run's characters that sit inside links.
double span_link_density(const std::vector<Span>& spans) {
  std::size_t total = 0;
  std::size_t linked = 0;
  for (const Span& s : spans) {
    std::size_t n = count_chars(s.text);
    total += n;
    if (!s.href.empty()) linked += n;
  }
  return total == 0 ? 0.0 : static_cast<double>(linked) / total;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Blocks that are links or link lists, not prose: a navigation remnant inside
// the article container ("Related: ...", a list of other stories).
bool is_link_block(const Block& block) {
  switch (block.kind) {
    case BlockKind::kParagraph:
    case BlockKind::kHeading:
    case BlockKind::kQuote:
      return span_link_density(block.spans) > 0.5;
    case BlockKind::kList: {
      std::size_t linked_items = 0;
      for (const auto& item : block.items) linked_items += span_link_density(item) > 0.5;
      return linked_items * 2 > block.items.size();
    }
    default:
      return false;
  }
}

}  // namespace

namespace {

// Marks blocks that repeat, in the same order, a run of at least
// kRepeatedRunBlocks earlier blocks: a page that carries its article twice or
// three times (mobile and desktop variants of a page-builder site). Single
// repeated lines (a recipe's "1 tsp." twice) stay.
std::vector<bool> repeated_runs(const std::vector<Block>& blocks) {
  std::vector<bool> repeated(blocks.size(), false);
  std::unordered_map<std::string, std::size_t> first;
  std::vector<long> original(blocks.size(), -1);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    auto [it, inserted] = first.try_emplace(blocks[i].plain_text(), i);
    if (!inserted) original[i] = static_cast<long>(it->second);
  }
  std::size_t i = 0;
  while (i < blocks.size()) {
    if (original[i] < 0) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < blocks.size() && original[j] == original[j - 1] + 1) ++j;
    if (j - i >= kRepeatedRunBlocks) {
      for (std::size_t k = i; k < j; ++k) repeated[k] = true;
    }
    i = j;
  }
  return repeated;
}

std::vector<Block> extract_blocks(NodeTree& tree, Pruning pruning, std::string_view title_key,
                                  std::string_view page_url) {
  prune_boilerplate(tree, pruning);
  std::vector<int> roots = select_article_roots(tree);
  std::vector<Block> blocks = build_blocks(tree, roots, page_url);
  std::vector<Block> kept;
  kept.reserve(blocks.size());
  std::vector<bool> repeated = repeated_runs(blocks);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (repeated[i] || is_link_block(b)) continue;
    if (b.kind == BlockKind::kHeading && !title_key.empty() &&
        lower_ascii(b.plain_text()) == title_key) {
      continue;
    }
    kept.push_back(std::move(b));
  }
  // A heading with nothing after it introduces something that was dropped.
  while (!kept.empty() && kept.back().kind == BlockKind::kHeading) kept.pop_back();
  return kept;
}

std::size_t text_chars(const std::vector<Block>& blocks) {
  std::size_t n = 0;
  for (const Block& b : blocks) n += count_chars(b.plain_text());
  return n;
}

}  // namespace

std::vector<Block> extract_article(NodeTree& tree, std::string_view title, std::string_view page_url) {
  if (tree.size() == 0) return {};
  std::string title_key = lower_ascii(collapse_whitespace(title));
  std::vector<Block> blocks = extract_blocks(tree, Pruning::kFull, title_key, page_url);
  std::size_t found = text_chars(blocks);
  if (found >= kFallbackChars) return blocks;
  // Too little text: the names misled us (a whole article in a "promo" box,
  // say). Try again trusting only tags and hidden-ness, and keep that if it
  // finds clearly more.
  NodeTree loose(tree[0].node);
  std::vector<Block> fallback = extract_blocks(loose, Pruning::kChromeOnly, title_key, page_url);
  return text_chars(fallback) > 2 * found ? fallback : blocks;
}

}  // namespace winnow::clean
