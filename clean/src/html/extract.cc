// Extracts the article body of a parsed page: prune, select, build blocks, filter them, fall back if too little.
#include "html/extract.h"

#include <string>
#include <unordered_map>

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
        ascii::to_lower(b.plain_text()) == title_key) {
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
  std::string title_key = ascii::to_lower(collapse_whitespace(title));
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
