// Unit tests for NodeTree: document order, parent/child/sibling links, subtree ranges and text statistics.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <utility>

#include "html/dom.h"
#include "html/node_tree.h"
#include "support/parsed_page.h"

namespace {

using winnow::clean::NodeTree;

using Page = winnow::test::ParsedPage;

constexpr const char* kPage = R"(<html><head><title>t</title></head><body>
<div id="story"><p id="lead">Hello, world, again</p> <a id="more" href="/more">read more</a> loose</div>
<p id="tail">two</p>
</body></html>)";

}  // namespace

TEST_CASE("node tree: root, body and document order", "[node_tree]") {
  Page page(kPage);
  const NodeTree& tree = page.tree;
  REQUIRE(tree.size() > 0);
  CHECK(tree[0].tag == GUMBO_TAG_HTML);
  CHECK(tree[0].parent == -1);
  CHECK(tree[0].depth == 0);
  CHECK(tree[0].end == tree.size());
  REQUIRE(tree.body() > 0);
  CHECK(tree[tree.body()].tag == GUMBO_TAG_BODY);
  // Pre-order: parents before children, ids in source order.
  CHECK(page.by_id("story") < page.by_id("lead"));
  CHECK(page.by_id("lead") < page.by_id("more"));
  CHECK(page.by_id("more") < page.by_id("tail"));
  for (int i = 1; i < tree.size(); ++i) {
    INFO(i);
    CHECK(tree[i].parent < i);
    CHECK(tree[i].depth == tree[tree[i].parent].depth + 1);
  }
}

TEST_CASE("node tree: subtree ranges hold exactly the descendants", "[node_tree]") {
  Page page(kPage);
  const NodeTree& tree = page.tree;
  for (int i = 0; i < tree.size(); ++i) {
    for (int j = 0; j < tree.size(); ++j) {
      bool descendant = false;
      for (int a = tree[j].parent; a >= 0; a = tree[a].parent) descendant = descendant || a == i;
      bool in_range = j > i && j < tree[i].end;
      if (descendant != in_range) FAIL("node " << j << " vs subtree of " << i);
    }
  }
  int story = page.by_id("story");
  CHECK(tree[story].end == page.by_id("tail") - 1);  // the whitespace text between them is body's
}

TEST_CASE("node tree: first child and next sibling links walk the children in order", "[node_tree]") {
  Page page(kPage);
  const NodeTree& tree = page.tree;
  for (int i = 0; i < tree.size(); ++i) {
    int count = 0;
    int previous = i;
    for (int c = tree[i].first_child; c >= 0; c = tree[c].next_sibling) {
      INFO("parent " << i << " child " << c);
      CHECK(tree[c].parent == i);
      CHECK(c > previous);
      previous = c;
      ++count;
    }
    int expected = 0;
    for (int j = i + 1; j < tree[i].end; ++j) expected += tree[j].parent == i ? 1 : 0;
    CHECK(count == expected);
  }
  int story = page.by_id("story");
  CHECK(tree[story].first_child == page.by_id("lead"));
}

TEST_CASE("node tree: text nodes keep their text and have no tag", "[node_tree]") {
  Page page(kPage);
  const NodeTree& tree = page.tree;
  int lead = page.by_id("lead");
  int text = tree[lead].first_child;
  REQUIRE(text >= 0);
  CHECK(tree[text].is_text);
  CHECK(tree[text].tag == GUMBO_TAG_UNKNOWN);
  CHECK(tree[text].first_child == -1);
  CHECK(std::string(tree[text].node->v.text.text) == "Hello, world, again");
}

TEST_CASE("node tree: statistics count characters, links, commas and paragraphs", "[node_tree]") {
  Page page(kPage);
  const NodeTree& tree = page.tree;
  int story = page.by_id("story");
  int lead = page.by_id("lead");
  int more = page.by_id("more");
  // Non-whitespace characters only.
  CHECK(tree[lead].chars == 17);  // "Hello,world,again"
  CHECK(tree[lead].commas == 2);
  CHECK(tree[lead].paragraphs == 1);
  CHECK(tree[more].chars == 8);
  CHECK(tree[more].link_chars == 8);
  CHECK(tree[story].chars == 17 + 8 + 5);
  CHECK(tree[story].link_chars == 8);
  CHECK(tree[story].commas == 2);
  CHECK(tree[story].paragraphs == 1);
  CHECK(tree[tree.body()].paragraphs == 2);
  CHECK(tree[tree.body()].chars == 17 + 8 + 5 + 3);
  // The <title> in <head> counts for <html> only.
  CHECK(tree[0].chars == tree[tree.body()].chars + 1);
  CHECK(tree.link_density(story) == Approx(8.0 / 30.0));
  CHECK(tree.link_density(lead) == 0.0);
}

TEST_CASE("node tree: inline characters exclude text inside block descendants", "[node_tree]") {
  Page page(kPage);
  const NodeTree& tree = page.tree;
  int story = page.by_id("story");
  // The link and "loose" are inline in the div; the <p> is a block of its own.
  CHECK(tree[story].inline_chars == 8 + 5);
  CHECK(tree[page.by_id("lead")].inline_chars == 17);
  CHECK(tree[tree.body()].inline_chars == 0);
}

TEST_CASE("node tree: junk subtrees drop out of the statistics", "[node_tree]") {
  Page page(kPage);
  NodeTree& tree = page.tree;
  int story = page.by_id("story");
  tree.mark_junk(story);
  for (int j = story; j < tree[story].end; ++j) CHECK(tree[j].junk);
  CHECK_FALSE(tree[page.by_id("tail")].junk);
  CHECK_FALSE(tree[tree.body()].junk);
  tree.compute_stats();
  CHECK(tree[tree.body()].chars == 3);
  CHECK(tree[tree.body()].link_chars == 0);
  CHECK(tree[tree.body()].paragraphs == 1);
  CHECK(tree[story].chars == 0);
}

TEST_CASE("node tree: count_text counts code points and comma forms", "[node_tree]") {
  std::uint32_t chars = 0;
  std::uint32_t commas = 0;
  winnow::clean::count_text(" h\xC3\xA9llo\t\xE4\xB8\x96\xE7\x95\x8C\n", chars, commas);
  CHECK(chars == 7);
  CHECK(commas == 0);
  chars = commas = 0;
  // ASCII, fullwidth, ideographic and Arabic commas.
  winnow::clean::count_text("a,b\xEF\xBC\x8C" "c\xE3\x80\x81" "d\xD8\x8C" "e", chars, commas);
  CHECK(commas == 4);
  CHECK(chars == 9);
  // Counts accumulate.
  winnow::clean::count_text("x,", chars, commas);
  CHECK(chars == 11);
  CHECK(commas == 5);
}

TEST_CASE("node tree: empty and body-less trees", "[node_tree]") {
  NodeTree empty(nullptr);
  CHECK(empty.size() == 0);
  CHECK(empty.body() == 0);

  Page page("<div id=\"x\"><p>a b</p></div>");
  int div = page.by_id("x");
  REQUIRE(div > 0);
  NodeTree sub(page.tree[div].node);
  CHECK(sub.body() == 0);
  CHECK(sub[0].tag == GUMBO_TAG_DIV);
  CHECK(sub[0].chars == 2);
}

TEST_CASE("node tree: very deep trees are built without recursion", "[node_tree]") {
  std::string html = "<html><body>";
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "bottom";
  Page page(html);
  const NodeTree& tree = page.tree;
  CHECK(tree.size() >= 5003);
  CHECK(tree[tree.body()].chars == 6);
  CHECK(tree[tree.size() - 1].is_text);
  CHECK(tree[tree.size() - 1].depth >= 5000);
}
