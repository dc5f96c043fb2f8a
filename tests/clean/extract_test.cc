// Unit tests for the extractor: pruning boilerplate, ranking and selecting article roots, and extract_article.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "html/dom.h"
#include "html/extract.h"
#include "html/node_tree.h"
#include "support/parsed_page.h"
#include "html/prescan.h"

namespace {

using winnow::clean::Block;
using winnow::clean::BlockKind;
using winnow::clean::NodeTree;

// A page prescanned and parsed as clean_html does.
struct Page : winnow::test::ParsedPage {
  explicit Page(std::string_view html) : ParsedPage(html, winnow::test::Prescan::kYes) {}
  bool junk(std::string_view id) const {
    int i = by_id(id);
    REQUIRE(i >= 0);
    return tree[i].junk;
  }
};

std::string all_text(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks) out += b.plain_text() + "\n";
  return out;
}

bool has(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

std::vector<Block> extract(std::string_view html, std::string_view title = "",
                           std::string_view url = "https://example.com/news/story") {
  Page page(html);
  return winnow::clean::extract_article(page.tree, title, url);
}

// An article among site chrome: header, nav, sidebar, comments, footer.
constexpr std::string_view kNewsPage = R"(<!doctype html><html><head><title>Rivers of the North</title></head><body>
<header id="masthead" class="site-header"><a href="/">Home</a><nav id="nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="layout">
<article id="article" class="post">
<h1>Rivers of the North</h1>
<p>The northern rivers run cold and fast through the spring, carrying meltwater from the high plateaus down to the sea, and the towns along their banks have always depended on them.</p>
<p>Fishermen still work the lower reaches, although the catch has fallen by half since the dams were built, and many of the younger families have moved to the cities.</p>
<p>Engineers now argue that removing two of the smaller dams would restore the salmon runs within a decade, at a cost the regional government says it cannot yet meet.</p>
<p>For now, the river keeps its own counsel, rising in April and falling in August, as it has done for as long as anyone can remember.</p>
</article>
<aside id="sidebar" class="sidebar"><h3>Popular</h3><ul><li><a href="/a">Ten best hikes in the valley this summer</a></li><li><a href="/b">Why the ferry timetable changed again</a></li></ul></aside>
</div>
<section id="comments" class="comments-area"><h2>3 Comments</h2><div class="comment"><p>Great article, I grew up near the river and remember the salmon runs very well indeed.</p></div></section>
<footer id="footer" class="site-footer"><p>Copyright 2024 Northern Times, all rights reserved, reproduction forbidden without permission.</p></footer>
</body></html>)";

}  // namespace

TEST_CASE("extract: prune marks chrome, comments and footers junk, not the article", "[extract]") {
  Page page(kNewsPage);
  winnow::clean::prune_boilerplate(page.tree);
  CHECK(page.junk("masthead"));
  CHECK(page.junk("nav"));
  CHECK(page.junk("sidebar"));
  CHECK(page.junk("comments"));
  CHECK(page.junk("footer"));
  CHECK_FALSE(page.junk("article"));
  // Statistics were recomputed without the junk.
  CHECK(page.tree[page.tree.body()].chars == page.tree[page.by_id("article")].chars);
}

TEST_CASE("extract: chrome-only pruning ignores names but not tags", "[extract]") {
  Page page(kNewsPage);
  winnow::clean::prune_boilerplate(page.tree, winnow::clean::Pruning::kChromeOnly);
  CHECK(page.junk("nav"));
  CHECK(page.junk("sidebar"));  // an <aside>
  CHECK(page.junk("footer"));
  CHECK_FALSE(page.junk("comments"));  // only its name says so
  CHECK_FALSE(page.junk("article"));
}

TEST_CASE("extract: ranking puts the article container first", "[extract]") {
  Page page(kNewsPage);
  winnow::clean::prune_boilerplate(page.tree);
  std::unordered_map<int, double> scores;
  auto ranked = winnow::clean::rank_candidates(page.tree, scores);
  REQUIRE_FALSE(ranked.empty());
  CHECK(ranked.front().second == page.by_id("article"));
  CHECK(std::is_sorted(ranked.begin(), ranked.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; }));
  CHECK(scores.size() == ranked.size());
  CHECK(scores.count(page.by_id("article")) == 1);
}

TEST_CASE("extract: one root holding just the article is selected", "[extract]") {
  Page page(kNewsPage);
  winnow::clean::prune_boilerplate(page.tree);
  auto roots = winnow::clean::select_article_roots(page.tree);
  REQUIRE(roots.size() == 1);
  // The article or a wrapper holding nothing else (its sidebar is junk now).
  int article = page.by_id("article");
  int root = roots[0];
  CHECK(root != page.tree.body());
  CHECK(root <= article);
  CHECK(article < page.tree[root].end);
  CHECK(page.tree[root].chars == page.tree[article].chars);
}

TEST_CASE("extract: an article among nav, sidebar, comments and footer", "[extract]") {
  auto blocks = extract(kNewsPage, "Rivers of the North");
  std::string text = all_text(blocks);
  CHECK(has(text, "The northern rivers run cold"));
  CHECK(has(text, "Fishermen still work"));
  CHECK(has(text, "Engineers now argue"));
  CHECK(has(text, "the river keeps its own counsel"));
  CHECK_FALSE(has(text, "Sport"));
  CHECK_FALSE(has(text, "Popular"));
  CHECK_FALSE(has(text, "Ten best hikes"));
  CHECK_FALSE(has(text, "Comments"));
  CHECK_FALSE(has(text, "Great article"));
  CHECK_FALSE(has(text, "Copyright"));
  // The heading repeating the title is dropped.
  CHECK_FALSE(has(text, "Rivers of the North"));
  CHECK(blocks.size() == 4);
}

TEST_CASE("extract: an article split into sibling sections keeps every section", "[extract]") {
  auto blocks = extract(R"(<html><body>
<nav class="top"><a href="/">Home</a> <a href="/best">Best of</a></nav>
<div class="sc-1x2y3z-0 kQwErT">
<h1>The Five Best Lakes for Swimming</h1>
<section class="sc-aa11bb-1 hGfDsA"><h2>1. Lake Alder</h2><p>Lake Alder is shallow at the northern end, which keeps the water warm well into September, and the sandy beach is ideal for children.</p><p>There is a small cafe by the car park, open on weekends, which serves coffee and ice cream.</p></section>
<section class="sc-aa11bb-1 hGfDsA"><h2>2. Lake Birch</h2><p>Lake Birch is deeper and colder, but the water is so clear that you can see the stones on the bottom at five metres.</p><p>Swimmers should keep to the marked area, because boats use the rest of the lake in summer.</p></section>
<section class="sc-aa11bb-1 hGfDsA"><h2>3. Lake Cedar</h2><p>Lake Cedar sits in a forest clearing, reached by a twenty minute walk from the road, and is rarely crowded even in August.</p><p>Bring your own water, because there are no facilities of any kind near the shore.</p></section>
<section class="sc-aa11bb-1 hGfDsA"><h2>4. Lake Dogwood</h2><p>Lake Dogwood has a wooden jetty that is popular with older children, and lifeguards watch the beach every afternoon in July.</p><p>Parking fills quickly on sunny days, so arrive before ten in the morning if you can.</p></section>
</div>
<footer><p>About us, contact, privacy policy, terms and conditions, careers and advertising.</p></footer>
</body></html>)",
                        "The Five Best Lakes for Swimming");
  std::string text = all_text(blocks);
  for (const char* lake : {"Lake Alder is shallow", "Lake Birch is deeper", "Lake Cedar sits",
                           "Lake Dogwood has", "1. Lake Alder", "4. Lake Dogwood", "Parking fills"}) {
    INFO(lake);
    CHECK(has(text, lake));
  }
  CHECK_FALSE(has(text, "Best of"));
  CHECK_FALSE(has(text, "privacy policy"));
  std::size_t headings = std::count_if(blocks.begin(), blocks.end(),
                                       [](const Block& b) { return b.kind == BlockKind::kHeading; });
  CHECK(headings == 4);
}

TEST_CASE("extract: article halves around an ad are both kept, the ad is not", "[extract]") {
  auto blocks = extract(R"(<html><body><div id="page">
<nav><a href="/">Home</a></nav>
<div class="article-part">
<p>The council met on Tuesday evening to discuss the new bridge, which has been delayed by two years and now costs twice the original estimate, according to the latest report.</p>
<p>Residents who attended said they were tired of waiting, and several asked why the contractor had not been replaced after the first year of delays.</p>
</div>
<div class="ad-container"><p>Advertisement: buy our wonderful product today, limited offer, free delivery.</p></div>
<div class="article-part">
<p>The mayor replied that replacing the contractor would have cost even more, and that the bridge should now open next spring, weather permitting.</p>
<p>A final vote on the extra funding is expected next month, after the finance committee has reviewed the revised budget in detail.</p>
</div>
</div></body></html>)");
  std::string text = all_text(blocks);
  CHECK(has(text, "The council met"));
  CHECK(has(text, "Residents who attended"));
  CHECK(has(text, "The mayor replied"));
  CHECK(has(text, "A final vote"));
  CHECK_FALSE(has(text, "Advertisement"));
}

TEST_CASE("extract: page-wide wrappers with weak names are not pruned", "[extract]") {
  constexpr std::string_view kBlogger = R"(<html><body>
<div id="outer" class="container has-sidebar">
<div class="widget Blog" id="Blog1">
<div class="post-outer"><div class="post">
<h3 class="post-title">Notes from the allotment</h3>
<div class="post-body">
The beans came up in the second week of May, later than last year, because the nights stayed cold until the middle of the month.<br><br>
We lost a whole row of lettuce to slugs, and the neighbour's advice to use copper tape did not help, although beer traps caught a few dozen.<br><br>
The potatoes, on the other hand, look better than ever, and we expect to start lifting the first earlies by the end of June.
</div></div></div>
</div>
<div class="widget HTML" id="HTML2"><h2>Blog roll</h2><ul><li><a href="/x">Another garden blog</a></li><li><a href="/y">Seed swap club</a></li></ul></div>
</div>
</body></html>)";
  Page page(kBlogger);
  winnow::clean::prune_boilerplate(page.tree);
  CHECK_FALSE(page.junk("outer"));
  CHECK_FALSE(page.junk("Blog1"));
  CHECK(page.junk("HTML2"));

  std::string text = all_text(extract(kBlogger));
  CHECK(has(text, "The beans came up"));
  CHECK(has(text, "We lost a whole row"));
  CHECK(has(text, "The potatoes"));
  CHECK_FALSE(has(text, "Blog roll"));
  CHECK_FALSE(has(text, "Seed swap"));
}

TEST_CASE("extract: a hidden wrapper holding the whole page is kept", "[extract]") {
  // Next.js streaming puts the rendered page in <div hidden id="S:0"> and reveals it by script.
  constexpr std::string_view kNext = R"(<html><body>
<div hidden id="S:0">
<main>
<h1>Quarterly results</h1>
<p>Revenue rose by eight percent in the third quarter, driven by strong sales in Asia, while costs stayed flat for the first time in two years.</p>
<p>The board approved a small dividend increase, and said it expects the fourth quarter to be similar, although currency movements remain a risk.</p>
<p>Analysts welcomed the figures but warned that the comparison with last year is flattered by a one-off charge that depressed the earlier results.</p>
</main>
</div>
<div id="__next"></div>
<div hidden id="loading"><p>Loading your recommendations, please wait a moment.</p></div>
</body></html>)";
  Page page(kNext);
  winnow::clean::prune_boilerplate(page.tree);
  CHECK_FALSE(page.junk("S:0"));
  CHECK(page.junk("loading"));
  std::string text = all_text(extract(kNext));
  CHECK(has(text, "Revenue rose"));
  CHECK(has(text, "The board approved"));
  CHECK(has(text, "Analysts welcomed"));
  CHECK_FALSE(has(text, "Loading"));
}

TEST_CASE("extract: a form wrapping a thread of posts written with <br>s is kept", "[extract]") {
  // Forum software (XenForo, vBulletin) puts the posts in a moderation <form>,
  // each post's text broken by <br>s rather than in <p>s.
  std::string posts;
  for (int i = 1; i <= 8; ++i) {
    posts += "<li class=\"message\"><blockquote class=\"messageText\">Post " + std::to_string(i) +
             " says the valley trail is open again after the storm damage was cleared last week.<br /><br />"
             "The upper section is still muddy, so boots are a better choice than trail shoes for now.<br />"
             "Parking at the north end fills up early on weekends, so arrive before nine.</blockquote></li>";
  }
  const std::string html = "<html><body><nav><a href=\"/\">Forums</a></nav>"
                           "<form id=\"mod\" action=\"inline-mod/post/switch\" method=\"post\">"
                           "<ol class=\"messageList\">" + posts + "</ol></form>"
                           "<form id=\"search\" action=\"/search\"><input name=\"q\"><p>Search the forums</p></form>"
                           "</body></html>";
  Page page(html);
  winnow::clean::prune_boilerplate(page.tree);
  CHECK_FALSE(page.junk("mod"));
  CHECK(page.junk("search"));
  std::string text = all_text(extract(html));
  CHECK(has(text, "Post 1 says"));
  CHECK(has(text, "Post 8 says"));
  CHECK_FALSE(has(text, "Search the forums"));
}

TEST_CASE("extract: boilerplate families inside the article container are dropped", "[extract]") {
  auto blocks = extract(R"(<html><body>
<div id="cookie-notice" class="cookie-banner"><p>We use cookies to improve your experience on our site, to personalise content and ads, and to analyse our traffic.</p><button>Accept</button></div>
<div class="pum pum-overlay" id="pum-1234"><div class="pum-container"><p>Before you go, sign up for our weekly digest of the best stories, delivered free every Friday morning.</p></div></div>
<main>
<div class="entry-content">
<p>The library reopened on Monday after an eighteen month renovation that added a children's wing, a cafe and a rooftop reading garden, at a cost of four million pounds.</p>
<div class="newsletter-signup"><p>Get our newsletter: the best local news in your inbox every morning, completely free of charge.</p></div>
<p>Librarians said the number of visitors on the first day was the highest they had ever recorded, with queues forming outside well before the doors opened.</p>
<div class="contributions__epic"><p>We have a small favour to ask. Millions are turning to us for open, independent journalism, and we need your support.</p></div>
<p>The old building, which dates from 1904, had been closed after water damage was found in the roof, and repairs revealed further problems with the wiring.</p>
<div class="sharedaddy sd-sharing-enabled"><div class="sd-block sd-social"><h3>Share this:</h3><p>Share on Facebook, Twitter, LinkedIn and by email with your friends.</p></div></div>
<div class="jp-relatedposts" id="jp-relatedposts"><h3>Related</h3><p>Council approves budget for new swimming pool after a long debate, residents react.</p></div>
<div class="ad-slot"><p>Advertisement: the best mattress deals of the year, order today for free delivery.</p></div>
<div class="comments-area"><p>Jane wrote: what a lovely building, I used to study there every Saturday as a child.</p></div>
</div>
</main>
<div role="dialog" aria-label="Subscribe"><p>Subscribe now to read unlimited articles for just one pound a week, cancel anytime.</p></div>
</body></html>)");
  std::string text = all_text(blocks);
  CHECK(has(text, "The library reopened"));
  CHECK(has(text, "Librarians said"));
  CHECK(has(text, "The old building"));
  for (const char* junk : {"cookies", "weekly digest", "Get our newsletter", "small favour", "Share",
                           "swimming pool", "mattress", "Jane wrote", "unlimited articles"}) {
    INFO(junk);
    CHECK_FALSE(has(text, junk));
  }
  CHECK(blocks.size() == 3);
}

TEST_CASE("extract: AMP and analytics leftovers are dropped", "[extract]") {
  auto blocks = extract(R"(<!doctype html><html amp lang="en-US"><head>
<script async custom-element="amp-analytics" src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
<style amp-boilerplate>body{animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style><noscript><style amp-boilerplate>body{animation:none}</style></noscript>
</head><body>
<header class="amp-wp-header"><a href="/"><amp-img src="/icon.png" width="32" height="32" alt="Site icon"></amp-img><span>Wellbeing Journal</span></a></header>
<article class="amp-wp-article"><div class="amp-wp-article-content">
<p>Adults over sixty-five who took a brisk thirty-minute walk in the early evening slept on average twenty-four minutes longer than those who stayed in.</p>
<p>The participants wore wrist monitors that tracked both their activity and their sleep, and half were asked to walk between five and seven in the evening.</p>
<p>The walkers also woke less often during the night, and more of them reported feeling rested in the morning.</p>
</div></article>
<div id="amp-mobile-version-switcher"><a rel="nofollow" href="/?noamp=mobile">Exit mobile version</a></div>
<amp-analytics type="googleanalytics"><script type="application/json">{"vars":{"account":"UA-1"}}</script></amp-analytics>
<amp-pixel src="https://pixel.example/g.gif" layout="nodisplay"></amp-pixel>
<div class="statcounter"><a title="Web Analytics Made Easy - StatCounter" href="https://statcounter.com/">Web Analytics Made Easy - StatCounter</a></div>
</body></html>)");
  std::string text = all_text(blocks);
  CHECK(has(text, "Adults over sixty-five"));
  CHECK(has(text, "The walkers also woke"));
  CHECK_FALSE(has(text, "Exit mobile version"));
  CHECK_FALSE(has(text, "StatCounter"));
  CHECK_FALSE(has(text, "UA-1"));
  CHECK_FALSE(has(text, "Wellbeing Journal"));
}

TEST_CASE("extract: link lists inside the article are dropped", "[extract]") {
  auto blocks = extract(R"(<html><body><article>
<h1>How to Sharpen a Chisel</h1>
<p>Start with a coarse stone and work the bevel until you can feel a small burr along the whole width of the back, which tells you the edge has been reached.</p>
<p>Move to a finer stone and repeat, using lighter pressure, then remove the burr by laying the back flat on the finest stone and drawing it towards you a few times.</p>
<ul><li><a href="/planes">How to set up a hand plane</a></li><li><a href="/saws">Choosing your first saw</a></li><li><a href="/stones">Water stones versus oil stones</a></li></ul>
<p><a href="/tools">See all our tool guides and reviews</a></p>
<p>Finally, strop the edge on leather charged with compound, and test it by <a href="/paring">paring</a> end grain: a sharp chisel leaves a polished surface.</p>
<ul><li>A coarse stone</li><li>A fine stone and a <a href="/strop">leather strop</a></li></ul>
</article></body></html>)",
                        "How to sharpen a  chisel");
  std::string text = all_text(blocks);
  CHECK(has(text, "Start with a coarse stone"));
  CHECK(has(text, "Move to a finer stone"));
  CHECK(has(text, "Finally, strop the edge"));
  CHECK_FALSE(has(text, "hand plane"));
  CHECK_FALSE(has(text, "Choosing your first saw"));
  CHECK_FALSE(has(text, "See all our tool guides"));
  // A list of prose items with one link is content.
  CHECK(has(text, "A fine stone and a leather strop"));
  // The title matches the heading despite case and spacing.
  CHECK_FALSE(has(text, "How to Sharpen a Chisel"));
}

TEST_CASE("extract: only a heading equal to the title is dropped", "[extract]") {
  constexpr std::string_view kPage = R"(<html><body><article>
<h1>Winter pruning</h1>
<p>Apple and pear trees are best pruned in winter, between leaf fall and bud burst, when the structure of the tree is easy to see and the sap is not running.</p>
<h2>Tools you need</h2>
<p>A clean, sharp pair of secateurs and a pruning saw will cover almost everything, and a pair of long-handled loppers helps with thicker branches.</p>
</article></body></html>)";
  std::string with_title = all_text(extract(kPage, "Winter Pruning"));
  CHECK_FALSE(has(with_title, "Winter pruning"));
  CHECK(has(with_title, "Tools you need"));
  std::string without_title = all_text(extract(kPage, ""));
  CHECK(has(without_title, "Winter pruning"));
  std::string other_title = all_text(extract(kPage, "Something else"));
  CHECK(has(other_title, "Winter pruning"));
}

TEST_CASE("extract: a heading with nothing after it is dropped", "[extract]") {
  auto blocks = extract(R"(<html><body><div class="post">
<p>The festival returns to the park this weekend with three stages, forty bands and, for the first time, a dedicated area for families.</p>
<p>Organisers expect twenty thousand visitors a day, and have asked people to use the extra buses rather than drive.</p>
<h3>Read next</h3>
<ul><li><a href="/a">Another story about the park</a></li><li><a href="/b">Yet another story about buses</a></li></ul>
</div></body></html>)");
  REQUIRE_FALSE(blocks.empty());
  CHECK(blocks.back().kind == BlockKind::kParagraph);
  CHECK_FALSE(has(all_text(blocks), "Read next"));
}

TEST_CASE("extract: a page with only navigation yields no blocks", "[extract]") {
  auto blocks = extract(R"(<html><body>
<nav class="main"><ul><li><a href="/">Home</a></li><li><a href="/about">About us and our long history</a></li><li><a href="/contact">Contact the editorial team</a></li></ul></nav>
<div class="menu"><a href="/a">Archive of all past issues since 1990</a> <a href="/b">Subscribe to the printed edition</a></div>
<footer><p>Copyright 2024 Example Media Group, all rights reserved.</p></footer>
</body></html>)");
  CHECK(blocks.empty());
}

TEST_CASE("extract: when names mislead, chrome-only pruning finds the article", "[extract]") {
  // The whole article sits in a box named "promo", a strong boilerplate word;
  // the long menu keeps that box below the share of the page that protects it.
  constexpr std::string_view kPage = R"(<html><body>
<nav><ul><li><a href="/1">World news and international affairs coverage</a></li><li><a href="/2">Business, markets and the economy today</a></li><li><a href="/3">Science, health and the environment section</a></li><li><a href="/4">Culture, books, film, music and the arts</a></li><li><a href="/5">Sport, football, cricket, tennis and rugby</a></li><li><a href="/6">Opinion, letters and editorials from readers</a></li></ul></nav>
<div class="promo-box" id="promo">
<p>The festival returns to the park this weekend with three stages, forty bands and, for the first time, a dedicated area for families.</p>
<p>Organisers expect twenty thousand visitors a day, and have asked people to use the extra buses rather than drive.</p>
</div>
</body></html>)";
  Page pruned(kPage);
  winnow::clean::prune_boilerplate(pruned.tree);
  REQUIRE(pruned.junk("promo"));  // the premise: full pruning loses the article

  std::string text = all_text(extract(kPage));
  CHECK(has(text, "The festival returns"));
  CHECK(has(text, "Organisers expect"));
  CHECK_FALSE(has(text, "World news"));
}

TEST_CASE("extract: an article repeated for mobile and desktop appears once", "[extract]") {
  std::string copy = R"(<div class="text-block">
<p>Our bakery opened in 1982 in a small shop on the corner of Mill Street, with one oven and a single recipe for rye bread that came from the owner's grandmother.</p>
<p>Today we bake more than forty kinds of bread every morning, but the rye loaf is still our best seller, and the recipe has not changed at all in forty years.</p>
<p>Everything is made by hand on the premises, starting at three in the morning, so the first loaves are ready when the shop opens at seven.</p>
</div>)";
  auto blocks = extract("<html><body><div class=\"mobile-layout\">" + copy + "</div><div class=\"desktop-layout\">" +
                        copy + "</div></body></html>");
  std::string text = all_text(blocks);
  CHECK(blocks.size() == 3);
  CHECK(has(text, "Our bakery opened"));
  CHECK(text.find("Our bakery opened") == text.rfind("Our bakery opened"));
}

TEST_CASE("extract: a single repeated short line is not a repeated run", "[extract]") {
  auto blocks = extract(R"(<html><body><div class="recipe">
<p>Whisk the eggs with the sugar until pale and thick, which takes about five minutes with an electric mixer on a high speed.</p>
<ul><li>1 tsp. vanilla</li></ul>
<p>Fold in the flour in three parts, taking care not to knock out the air, then add the melted butter around the edge of the bowl.</p>
<ul><li>1 tsp. vanilla</li></ul>
<p>Bake for twenty-five minutes until golden and springy, then leave to cool in the tin for ten minutes before turning out.</p>
</div></body></html>)");
  std::size_t lists = std::count_if(blocks.begin(), blocks.end(),
                                    [](const Block& b) { return b.kind == BlockKind::kList; });
  CHECK(lists == 2);
}

TEST_CASE("extract: empty trees", "[extract]") {
  NodeTree empty(nullptr);
  CHECK(winnow::clean::select_article_roots(empty).empty());
  CHECK(winnow::clean::extract_article(empty, "title", "").empty());
  std::unordered_map<int, double> scores{{1, 2.0}};
  CHECK(winnow::clean::rank_candidates(empty, scores).empty());
  CHECK(scores.empty());

  Page blank("<html><body></body></html>");
  auto roots = winnow::clean::select_article_roots(blank.tree);
  CHECK(roots == std::vector<int>{blank.tree.body()});
  CHECK(winnow::clean::extract_article(blank.tree, "", "").empty());
}

TEST_CASE("extract: links in the article are resolved against the page URL", "[extract]") {
  auto blocks = extract(R"(<html><body><article>
<p>The report, published on Monday, found that <a href="../data/rivers.csv">river levels</a> had fallen for the third year running across the whole region.</p>
<p>Officials said they would publish a response within a month, after consulting farmers, anglers and the water companies.</p>
</article></body></html>)",
                        "", "https://example.com/news/2024/rivers.html");
  REQUIRE_FALSE(blocks.empty());
  bool found = false;
  for (const auto& span : blocks[0].spans) {
    if (span.href == "https://example.com/news/data/rivers.csv") found = true;
  }
  CHECK(found);
}

TEST_CASE("extract: on a page of sections a weakly named wrapper holding most of what is left is kept",
          "[extract]") {
  std::string items;
  for (int i = 1; i <= 6; ++i) {
    items += "<li><a href=\"/p/" + std::to_string(i) + "\">Headlamp model " + std::to_string(i) +
             "</a> 300 lumens, rechargeable, 2.6 ounces</li>";
  }
  std::string menu;
  for (int i = 1; i <= 60; ++i) menu += "<a href=\"/c/" + std::to_string(i) + "\">Department number " + std::to_string(i) + "</a> ";
  const std::string html = "<html><body><header><nav>" + menu + "</nav></header><main>"
                           "<div id=\"search-page-wrapper\"><ul id=\"search-results\">" + items +
                           "</ul></div></main></body></html>";
  Page sections(html);
  winnow::clean::prune_boilerplate(sections.tree, winnow::clean::Pruning::kSections);
  CHECK_FALSE(sections.junk("search-page-wrapper"));
  // Around an article the same wrapper, a small share of the whole page, goes.
  Page article(html);
  winnow::clean::prune_boilerplate(article.tree, winnow::clean::Pruning::kFull);
  CHECK(article.junk("search-page-wrapper"));
}
