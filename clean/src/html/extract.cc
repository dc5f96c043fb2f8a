// Extracts the main content of a parsed page: an article's body (prune, select, build blocks, filter them, fall
// back if too little), or the whole main region of a page of another type.
#include "html/extract.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "html/block_builder.h"
#include "html/dom.h"
#include "html/prune.h"
#include "html/select.h"
#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

// Below this many characters of article text, extraction tries again with less pruning.
constexpr std::size_t kFallbackChars = 250;
// A run of this many blocks repeating earlier ones in order is a copy of them.
constexpr std::size_t kRepeatedRunBlocks = 3;
// A <main> (or role="main") holding at least this share of the page's text is its main region.
constexpr double kMainRegionShare = 0.4;
// A page that declares no type, whose best article container holds less than
// this share of its main region's text, is not an article: its main region,
// many items or sections, is the content.
constexpr double kArticleShareOfRegion = 0.5;
// ... or whose article holds less than this share of its main region pruned
// as sections (whose items' names, "teaser" or "promo", pruned them before).
constexpr double kSmallArticleShare = 0.25;
// A page that declares itself an article needs more: its article holds less than this share.
constexpr double kSmallDeclaredArticleShare = 0.15;
// The main region of such a page is a listing when this share of its text is links, else a service page.
constexpr double kListingLinkShare = 0.35;
// An article is mostly paragraphs of kProseWords words or more. When less
// than this share of its words are, a page that declares no type is made of
// sections or items (a landing page's feature cards, a category's products).
constexpr double kArticleProseShare = 0.5;
constexpr std::size_t kProseWords = 25;
// A call to action is a link of at most this many words.
constexpr std::size_t kLinkRowWords = 4;
// Rows of such links making up this share of a region's text are its content.
constexpr double kLinkRowsAreContent = 0.3;

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 && c != ' ';
  return n;
}

// Counts the words of one line of text (a paragraph, a list item, a table row).
std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

// Counts a span run's characters, and those inside links.
struct LinkChars {
  std::size_t total = 0;
  std::size_t linked = 0;
  void add(const std::vector<Span>& spans) {
    for (const Span& s : spans) {
      const std::size_t n = count_chars(s.text);
      total += n;
      if (!s.href.empty()) linked += n;
    }
  }
  double share() const { return total == 0 ? 0.0 : static_cast<double>(linked) / total; }
};

// Share of a span run's characters that sit inside links.
double span_link_density(const std::vector<Span>& spans) {
  LinkChars chars;
  chars.add(spans);
  return chars.share();
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


// A row of calls to action: a paragraph of nothing but two or more short
// links ("Start free trial  Book a demo", "Shop now  Learn more"). On a page
// whose links are content, item titles come one to a block, with text.
bool is_link_row(const Block& block) {
  if (block.kind != BlockKind::kParagraph) return false;
  std::size_t links = 0;
  std::string_view last_href;
  std::size_t link_words = 0;
  for (const Span& s : block.spans) {
    if (s.href.empty()) {
      if (s.text.find_first_not_of(" \t\n") != std::string::npos) return false;
      continue;
    }
    if (s.href != last_href) {
      ++links;
      link_words = 0;
      last_href = s.href;
    }
    link_words += count_words(s.text);
    if (link_words > kLinkRowWords) return false;
  }
  return links >= 2;
}

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

// Drops what is not content from blocks built from the chosen roots: runs
// repeating earlier blocks, link blocks (unless links are the content, as in
// a listing), a heading repeating the title, trailing headings.
std::vector<Block> filter_blocks(std::vector<Block> blocks, std::string_view title_key, bool keep_link_blocks) {
  std::vector<Block> kept;
  kept.reserve(blocks.size());
  std::vector<bool> repeated = repeated_runs(blocks);
  // Rows of short links around the content are calls to action; making up
  // much of it, they are the content (a catalog's index).
  std::vector<bool> link_row(blocks.size(), false);
  if (keep_link_blocks) {
    std::size_t row_chars = 0;
    std::size_t all_chars = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const std::size_t n = count_chars(blocks[i].plain_text());
      all_chars += n;
      link_row[i] = is_link_row(blocks[i]);
      if (link_row[i]) row_chars += n;
    }
    if (static_cast<double>(row_chars) >= kLinkRowsAreContent * static_cast<double>(all_chars)) {
      link_row.assign(blocks.size(), false);
    }
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (repeated[i] || link_row[i] || (!keep_link_blocks && is_link_block(b))) continue;
    if (b.kind == BlockKind::kHeading && !title_key.empty() &&
        ascii::to_lower(b.plain_text()) == title_key) {
      continue;
    }
    kept.push_back(std::move(b));
  }
  // A heading with nothing after it introduces something that was dropped.
  while (!kept.empty() && kept.back().kind == BlockKind::kHeading) kept.pop_back();
  return kept;
}

std::vector<Block> extract_blocks(NodeTree& tree, Pruning pruning, std::string_view title_key,
                                  std::string_view page_url) {
  prune_boilerplate(tree, pruning);
  return filter_blocks(build_blocks(tree, select_article_roots(tree), page_url), title_key, false);
}

// The page's main region in a pruned tree: the first <main> (or role="main")
// holding a good share of the page's text, else <body>.
int main_region(const NodeTree& tree) {
  const int body = tree.body();
  const double page_chars = tree[body].chars;
  int region = body;
  for_each_kept_element(tree, body, [&](int i) {
    const TreeNode& n = tree[i];
    if (n.tag != GUMBO_TAG_MAIN && !ascii::iequals(attr(n.node, "role"), "main")) return true;
    if (n.chars >= kMainRegionShare * page_chars) region = i;
    return false;
  });
  return region;
}

std::vector<Block> region_blocks(const NodeTree& tree, std::string_view title_key, std::string_view page_url,
                                 bool keep_link_blocks) {
  return filter_blocks(build_blocks(tree, {main_region(tree)}, page_url), title_key, keep_link_blocks);
}

// How a page of this type is pruned: what is boilerplate on an article is the content of a thread or of a page of
// sections. A question's answers (`answers`) are pruned as an article is: comments under them are not the thread.
Pruning pruning_for(PageType type, bool answers) {
  switch (type) {
    case PageType::kArticle: return Pruning::kFull;
    case PageType::kForum: return answers ? Pruning::kFull : Pruning::kThread;
    case PageType::kProduct: return Pruning::kProduct;
    default: return Pruning::kSections;
  }
}

// Share of the blocks' words in paragraphs, quotes and list items of kProseWords words or more.
double prose_share(const std::vector<Block>& blocks) {
  std::size_t prose = 0;
  std::size_t total = 0;
  auto add = [&](std::size_t words, bool can_be_prose) {
    total += words;
    if (can_be_prose && words >= kProseWords) prose += words;
  };
  for (const Block& b : blocks) {
    switch (b.kind) {
      case BlockKind::kParagraph:
      case BlockKind::kQuote:
        add(count_words(b.plain_text()), true);
        break;
      case BlockKind::kList:
        for (const auto& item : b.items) {
          std::size_t words = 0;
          for (const Span& span : item) words += count_words(span.text);
          add(words, true);
        }
        break;
      default:
        add(count_words(b.plain_text()), false);
        break;
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(prose) / static_cast<double>(total);
}

// Links are the content of listings, collections, service and documentation
// pages (item titles, feature cards, API names); not of a thread or a product.
bool links_are_content(PageType type) { return type != PageType::kForum && type != PageType::kProduct; }

std::size_t text_chars(const std::vector<Block>& blocks) {
  std::size_t n = 0;
  for (const Block& b : blocks) n += count_chars(b.plain_text());
  return n;
}

// Share of the blocks' inline text that sits inside links.
double link_share(const std::vector<Block>& blocks) {
  LinkChars chars;
  for (const Block& b : blocks) {
    chars.add(b.spans);
    for (const auto& item : b.items) chars.add(item);
  }
  return chars.share();
}

}  // namespace

std::vector<Block> extract_article(NodeTree& tree, std::string_view title, std::string_view page_url) {
  if (tree.size() == 0) return {};
  std::string title_key = ascii::to_lower(collapse_whitespace(title));
  std::vector<Block> blocks = extract_blocks(tree, Pruning::kFull, title_key, page_url);
  std::size_t found = text_chars(blocks);
  if (found >= kFallbackChars) return blocks;
  // Too little text: the names misled us (a whole article in a "promo" box,
  // say). Try again trusting only tags and hidden-ness, and keep that if it
  // finds clearly more.
  NodeTree loose(tree[0].node);
  std::vector<Block> fallback = extract_blocks(loose, Pruning::kChromeOnly, title_key, page_url);
  if (text_chars(fallback) > 2 * found) return fallback;
  return blocks;
}

MainContent extract_main_content(NodeTree& tree, const TypeHint& hint, std::string_view title,
                                 std::string_view page_url) {
  const std::optional<PageType>& declared = hint.type;
  if (tree.size() == 0) return {{}, declared.value_or(PageType::kArticle)};
  const std::string title_key = ascii::to_lower(collapse_whitespace(title));
  if (declared && *declared != PageType::kArticle) {
    prune_boilerplate(tree, pruning_for(*declared, hint.answers));
    return {region_blocks(tree, title_key, page_url, links_are_content(*declared)), *declared};
  }
  // The main region's text before anything is pruned: the most that pruning as sections can leave.
  const double unpruned_region_chars = tree[main_region(tree)].chars;
  // extract_article leaves the tree fully pruned, as region_blocks wants it.
  std::vector<Block> article = extract_article(tree, title, page_url);
  if (hint.forced) return {std::move(article), PageType::kArticle};
  // A page that declares itself an article is one unless its article comes
  // out near empty or small beside its items (below); one that declares
  // nothing is also read as sections when its article is only a part of its
  // main region, or is not mostly prose.
  bool article_is_a_part = false;
  bool reads_as_sections = false;
  if (!declared) {
    std::vector<Block> region = region_blocks(tree, title_key, page_url, true);
    // Only what the article shares with the main region counts: an "article"
    // found beside the page's own <main> is a sidebar or a footer.
    std::unordered_set<std::string> region_texts;
    std::size_t region_chars = 0;
    for (const Block& b : region) {
      std::string text = b.plain_text();
      region_chars += count_chars(text);
      region_texts.insert(std::move(text));
    }
    double article_chars = 0;
    for (const Block& b : article) {
      std::string text = b.plain_text();
      if (region_texts.count(text) != 0) article_chars += static_cast<double>(count_chars(text));
    }
    // Below kFallbackChars a region is a few menu links, not a listing.
    article_is_a_part = region_chars >= kFallbackChars &&
                        article_chars < kArticleShareOfRegion * static_cast<double>(region_chars);
    reads_as_sections = !article.empty() && prose_share(article) < kArticleProseShare;
  }
  // Almost no article found: the page may be all items whose names (product
  // cards, teasers) pruned them away.
  const double found = static_cast<double>(text_chars(article));
  const bool article_is_missing = found < kFallbackChars;
  // A small article in a large region: the items or sections may have been
  // pruned for their names. (The unpruned region bounds the region pruned as
  // sections, so most pages need not build it to know.)
  const double small_share = declared ? kSmallDeclaredArticleShare : kSmallArticleShare;
  const bool article_may_be_small = found < small_share * unpruned_region_chars;
  if (!article_is_a_part && !reads_as_sections && !article_is_missing && !article_may_be_small) {
    return {std::move(article), PageType::kArticle};
  }
  // The sections' and items' own names (carousel, teaser, promo) pruned
  // parts of them from the tree the article was chosen in: start again.
  NodeTree sections(tree[0].node);
  prune_boilerplate(sections, Pruning::kSections);
  std::vector<Block> parts = region_blocks(sections, title_key, page_url, true);
  if (!article_is_a_part && !reads_as_sections) {
    const double parts_chars = static_cast<double>(text_chars(parts));
    const bool region_is_more = parts_chars >= kFallbackChars &&
                                (article_is_missing || found < small_share * parts_chars);
    if (!region_is_more) return {std::move(article), PageType::kArticle};
  }
  const PageType type = link_share(parts) >= kListingLinkShare ? PageType::kListing : PageType::kService;
  return {std::move(parts), type};
}

}  // namespace winnow::clean
