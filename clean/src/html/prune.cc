// Marks boilerplate subtrees junk before the article is chosen: tags, hidden elements, roles and names.
#include "html/prune.h"

#include <unordered_map>
#include <vector>

#include "html/paragraphs.h"
#include "html/recommendations.h"
#include "html/select.h"
#include "html/signals.h"

namespace winnow::clean {
namespace {

// A container holding at least this share of the page's text is never pruned
// for its name alone: sites call whole-page wrappers "has-sidebar" and so on.
constexpr double kKeepShare = 0.6;
// Weak names ("sidebar", "widget") lose to a smaller share: sidebars seldom
// hold a third of a page's text, article sections often do.
constexpr double kKeepShareWeak = 0.35;
// A <header>, <footer>, <aside> or <form> wrapping the page holds at least
// this many paragraphs, or this much text outside links (forum software
// writes posts as text broken by <br>s, inside a moderation <form>).
constexpr std::uint32_t kWrapperMinParagraphs = 3;
constexpr double kWrapperMinUnlinkedChars = 1500;
// A weakly named element with this much prose, making up this share of its
// text, is content.
constexpr std::uint32_t kWeakProseChars = 300;
constexpr double kWeakProseShare = 0.5;
// On a page of sections, a hidden element with at least this much text, at
// most this share of it in links, waits for a click (an accordion's answer, a
// tab, "read more"): content. Hidden menus are links.
constexpr std::uint32_t kHiddenProseChars = 100;
constexpr double kHiddenProseLinkDensity = 0.2;

// Marks junk every element below <body> for which junk(i) holds, skipping
// the subtrees already marked. The caller recomputes statistics.
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

}  // namespace

void prune_boilerplate(NodeTree& tree, Pruning pruning) {
  if (tree.size() == 0) return;
  const PageParts parts = pruning == Pruning::kThread     ? PageParts::kThread
                          : pruning == Pruning::kSections ? PageParts::kSections
                          : pruning == Pruning::kProduct  ? PageParts::kProduct
                                                          : PageParts::kArticle;
  const bool by_name = pruning != Pruning::kChromeOnly;
  double page_chars = tree[tree.body()].chars;
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
        // Only as a wrapper of real paragraphs: a page of nothing but a
        // footer has no article, not a copyright line for one.
        return !(holds_page(i, kKeepShare) &&
                 (n.paragraphs >= kWrapperMinParagraphs ||
                  n.chars * (1.0 - tree.link_density(i)) >= kWrapperMinUnlinkedChars));
      default:
        break;
    }
    if (is_chrome_tag(n.tag) || is_button_link(n.node) || is_interaction_counter(n.node)) return true;
    if (holds_page(i, kKeepShare)) return false;
    if (is_hidden(n.node)) {
      const bool waits_for_click = (pruning == Pruning::kSections || pruning == Pruning::kProduct) &&
                                   n.chars >= kHiddenProseChars &&
                                   tree.link_density(i) < kHiddenProseLinkDensity;
      if (!waits_for_click) return true;
    }
    return by_name && boilerplate_signal(n.node, parts) == BoilerplateSignal::kStrong;
  });
  tree.compute_stats();
  if (!by_name) return;
  // Sections of other products, told by their headings ("Customers also bought"), on a product page or one read
  // as an article. On a page of items they may be the items themselves.
  if ((pruning == Pruning::kProduct || pruning == Pruning::kFull) && prune_recommendation_sections(tree, kKeepShare)) {
    tree.compute_stats();
  }
  // On a page of sections, a weakly named wrapper ("search-page-wrapper")
  // holding a good share of what is left of the page is the page, however
  // much text its scripts and menus carried.
  if (pruning == Pruning::kSections) page_chars = tree[tree.body()].chars;
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
           boilerplate_signal(tree[i].node, parts) == BoilerplateSignal::kWeak;
  });
  tree.compute_stats();
}

}  // namespace winnow::clean
