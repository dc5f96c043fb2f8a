// Tests of the page-type decision: what a page declares (declared_page_type), what its structure says, and what each type extracts.
#include <catch2/catch.hpp>
#include <string>

#include "html/recommendations.h"
#include "meta/page_kind.h"
#include "winnow/clean.h"

namespace {

using winnow::clean::clean_html;
using winnow::clean::declared_page_type;
using winnow::clean::KindClues;
using winnow::clean::Options;
using winnow::clean::PageType;

KindClues clues(std::vector<std::string> types, std::string og_type = "", std::string generator = "") {
  return KindClues{std::move(types), std::move(og_type), std::move(generator)};
}

winnow::clean::Article cleaned(const std::string& html, const Options& options = {}) {
  auto result = clean_html(html, options);
  REQUIRE(result.ok());
  return result.value();
}

bool has(const std::string& text, std::string_view needle) { return text.find(needle) != std::string::npos; }

// A shop's category page: no schema.org markup, eight product cards whose
// titles are links, a filter sidebar, pagination.
std::string category_page() {
  std::string cards;
  const char* names[] = {"Walnut desk organiser", "Linen notebook, A5",  "Brass pen holder", "Oak monitor stand",
                         "Felt desk mat",         "Ceramic coffee mug", "Cork pin board",   "Steel bookends"};
  for (const char* name : names) {
    cards += std::string("<li class=\"card\"><h3><a href=\"/p/1\">") + name +
             " in three finishes</a></h3><p>Ships in two days</p><span>24.00</span></li>";
  }
  return "<html><head><title>Desk accessories</title></head><body>"
         "<header><nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a></nav></header>"
         "<main><h1>Desk accessories</h1><ul class=\"grid\">" + cards + "</ul>"
         "<nav class=\"pagination\"><a href=\"?page=2\">Next page</a></nav></main>"
         "<aside class=\"filters\"><h4>Filter by colour</h4><a href=\"?c=red\">Red</a></aside>"
         "<footer><p>Copyright 2026 The Desk Shop. All rights reserved.</p></footer></body></html>";
}

constexpr std::string_view kArticleBody =
    "<p>The northern rivers run cold and fast through the spring, carrying meltwater from the high plateaus "
    "down to the sea, and the towns along their banks have always depended on them.</p>"
    "<p>Fishermen still work the lower reaches, although the catch has fallen by half since the dams were "
    "built, and many of the younger families have moved to the cities.</p>"
    "<p>Engineers now argue that removing two of the smaller dams would restore the salmon runs within a "
    "decade, at a cost the regional government says it cannot yet meet.</p>";

}  // namespace

TEST_CASE("page type names round-trip and unknown names are refused", "[page_type]") {
  for (PageType type : {PageType::kArticle, PageType::kForum, PageType::kProduct, PageType::kCollection,
                        PageType::kListing, PageType::kDocumentation, PageType::kService}) {
    CHECK(winnow::clean::parse_page_type(winnow::clean::page_type_name(type)) == type);
  }
  CHECK_FALSE(winnow::clean::parse_page_type("Article").has_value());
  CHECK_FALSE(winnow::clean::parse_page_type("").has_value());
}

TEST_CASE("declared_page_type reads schema.org types, og:type, the generator and the URL path", "[page_type]") {
  CHECK(declared_page_type(clues({"DiscussionForumPosting", "Person"}), "") == PageType::kForum);
  CHECK(declared_page_type(clues({"QAPage"}), "") == PageType::kForum);
  CHECK(declared_page_type(clues({}, "website", "discourse 3.5.0"), "") == PageType::kForum);
  CHECK(declared_page_type(clues({"TechArticle"}), "") == PageType::kDocumentation);
  CHECK(declared_page_type(clues({}, "", "sphinx 7.2.6"), "") == PageType::kDocumentation);
  CHECK(declared_page_type(clues({}), "https://example.com/docs/install?x=1") == PageType::kDocumentation);
  CHECK(declared_page_type(clues({}), "https://example.com/en/reference") == PageType::kDocumentation);
  // Whole path segments only, and never the host or the query.
  CHECK_FALSE(declared_page_type(clues({}), "https://example.com/doctors/list").has_value());
  CHECK_FALSE(declared_page_type(clues({}), "https://docs.example.com/page.html").has_value());
  CHECK_FALSE(declared_page_type(clues({}), "https://example.com/a?next=/docs/").has_value());
  // Forum software's thread URLs, unless the page declares an article.
  CHECK(declared_page_type(clues({}), "https://forum.example.org/viewtopic.php?t=42") == PageType::kForum);
  CHECK(declared_page_type(clues({}), "https://example.com/threads/best-glue.1234/") == PageType::kForum);
  CHECK(declared_page_type(clues({"NewsArticle"}), "https://example.com/threads/x") == PageType::kArticle);
  CHECK_FALSE(declared_page_type(clues({}), "https://example.com/threadsafe/intro").has_value());
  CHECK(winnow::clean::declares_answers(clues({"QAPage", "Question", "Answer", "Comment", "Answer"})));
  CHECK_FALSE(winnow::clean::declares_answers(clues({"QAPage", "Question", "Answer"})));
  // og:type "article" is what SEO plugins write everywhere; a CollectionPage says more.
  CHECK(declared_page_type(clues({"CollectionPage"}, "article"), "") == PageType::kCollection);
  CHECK(declared_page_type(clues({"CollectionPage", "BlogPosting"}, "article"), "") == PageType::kArticle);
  CHECK(declared_page_type(clues({"WebPage"}, "article"), "") == PageType::kArticle);
  CHECK(declared_page_type(clues({"NewsArticle", "Organization"}), "") == PageType::kArticle);
  CHECK(declared_page_type(clues({}, "article"), "") == PageType::kArticle);
  CHECK(declared_page_type(clues({"BlogPosting"}), "https://example.com/blog/p") == PageType::kArticle);
  CHECK(declared_page_type(clues({"CollectionPage"}), "") == PageType::kCollection);
  CHECK(declared_page_type(clues({"ItemList", "Product"}), "") == PageType::kCollection);
  CHECK(declared_page_type(clues({}, "product.group"), "") == PageType::kCollection);
  CHECK(declared_page_type(clues({"Product", "Offer"}), "") == PageType::kProduct);
  CHECK(declared_page_type(clues({}, "product"), "") == PageType::kProduct);
  CHECK(declared_page_type(clues({"Comment", "Comment", "Person"}), "") == PageType::kForum);
  // One comment, or comments under an article, do not make a thread.
  CHECK_FALSE(declared_page_type(clues({"Comment"}), "").has_value());
  CHECK(declared_page_type(clues({"BlogPosting", "Comment", "Comment"}), "") == PageType::kArticle);
  // A forum thread that also calls itself an article is a forum; pages saying nothing are left undecided.
  CHECK(declared_page_type(clues({"Article", "DiscussionForumPosting"}), "") == PageType::kForum);
  CHECK_FALSE(declared_page_type(clues({"Organization", "WebSite", "BreadcrumbList"}, "website"), "").has_value());
}

TEST_CASE("an undeclared page of repeated linked items is a listing, and every item is kept", "[page_type]") {
  auto article = cleaned(category_page());
  CHECK(article.page_type == PageType::kListing);
  const std::string text = article.text();
  CHECK(has(text, "Walnut desk organiser"));
  CHECK(has(text, "Steel bookends"));
  CHECK(has(text, "Ships in two days"));
  CHECK_FALSE(has(text, "Filter by colour"));
  CHECK_FALSE(has(text, "Copyright 2026"));
  // Forced to be an article, the same page keeps far less.
  Options as_article;
  as_article.page_type = PageType::kArticle;
  auto forced = cleaned(category_page(), as_article);
  CHECK(forced.page_type == PageType::kArticle);
  CHECK(forced.text().size() < text.size() / 2);
}

TEST_CASE("an article stays an article, with or without a declared type", "[page_type]") {
  const std::string plain = "<html><body><nav><a href=\"/\">Home</a></nav><article><h1>Rivers</h1>" +
                            std::string(kArticleBody) + "</article><aside><a href=\"/x\">More stories</a></aside>" +
                            "</body></html>";
  auto undeclared = cleaned(plain);
  CHECK(undeclared.page_type == PageType::kArticle);
  CHECK(has(undeclared.text(), "Fishermen still work"));
  CHECK_FALSE(has(undeclared.text(), "More stories"));
  const std::string declared = "<html><head><meta property=\"og:type\" content=\"article\"></head>" +
                               plain.substr(std::string("<html>").size());
  CHECK(cleaned(declared).page_type == PageType::kArticle);
}

TEST_CASE("a page declaring a product keeps its whole main region", "[page_type]") {
  const std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\","
      "\"name\":\"Oak monitor stand\"}</script></head><body><header><nav><a href=\"/\">Shop</a></nav></header>"
      "<main><h1>Oak monitor stand</h1><p>Solid oak, oiled by hand, with room for a keyboard underneath.</p>"
      "<table><tr><th>Width</th><td>60 cm</td></tr><tr><th>Height</th><td>12 cm</td></tr></table>"
      "<ul><li>Holds up to 30 kg</li><li>Felt feet protect the desk</li></ul></main>"
      "<footer><p>Free delivery over 50 pounds, returns within 30 days.</p></footer></body></html>";
  auto article = cleaned(html);
  CHECK(article.page_type == PageType::kProduct);
  const std::string text = article.text();
  CHECK(has(text, "Solid oak"));
  CHECK(has(text, "60 cm"));
  CHECK(has(text, "Holds up to 30 kg"));
  CHECK_FALSE(has(text, "Free delivery"));
}

TEST_CASE("a product page drops the sections of other products its headings announce, and nothing else",
          "[page_type]") {
  // Class names say nothing (a shop's generated ones); only the heading tells the cards are other products.
  std::string cards;
  for (const char* name : {"Pine monitor riser", "Walnut laptop shelf", "Bamboo desk tray"}) {
    cards += std::string("<div class=\"x7Qa\"><h3><a href=\"/p/2\">") + name +
             "</a></h3><span>19.00</span><span>Free delivery</span></div>";
  }
  const std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"Oak monitor stand\"}"
      "</script></head><body><main><div class=\"k2Lm\"><h1>Oak monitor stand</h1>"
      "<p>Solid oak, oiled by hand, with room for a keyboard underneath.</p></div>"
      "<div class=\"p9Zs\"><div class=\"r4Tt\"><h2>People who viewed this item also viewed</h2></div>" + cards +
      "</div><div class=\"k2Lm\"><h2>About this item</h2><p>Each stand is cut from one board, so the grain runs "
      "unbroken from end to end.</p></div></main></body></html>";
  auto article = cleaned(html);
  CHECK(article.page_type == PageType::kProduct);
  const std::string text = article.text();
  CHECK(has(text, "Solid oak"));
  CHECK(has(text, "About this item"));
  CHECK(has(text, "grain runs unbroken"));
  CHECK_FALSE(has(text, "also viewed"));
  CHECK_FALSE(has(text, "Walnut laptop shelf"));
  CHECK_FALSE(has(text, "19.00"));
  // A heading that only mentions such words inside a longer sentence of the description is no such section.
  CHECK(winnow::clean::is_recommendation_heading("Customers who bought this also bought"));
  CHECK(winnow::clean::is_recommendation_heading("You may also like"));
  CHECK_FALSE(winnow::clean::is_recommendation_heading("Specifications"));
  CHECK_FALSE(winnow::clean::is_recommendation_heading(
      "Why people also use this stand as a shelf for books, plants and the other things a desk collects over years"));
}

TEST_CASE("an undeclared page whose best prose sits outside its <main> keeps its main region", "[page_type]") {
  // A shop category: the cards in <main> are all links and prices; the sidebar has the only sentences.
  std::string cards;
  for (int i = 1; i <= 8; ++i) {
    cards += "<li><a href=\"/p/" + std::to_string(i) + "\"><h2>Heritage tomato seeds, variety number " +
             std::to_string(i) + "</h2><span>2.45</span></a></li>";
  }
  const std::string html =
      "<html><body><div id=\"page\"><main><h1>Tomato seeds</h1><ul class=\"products\">" + cards + "</ul></main>"
      "<div id=\"secondary\"><p>Every packet is grown on our own farm and tested for germination before it is "
      "sent, so you can sow with confidence whatever the weather does this spring.</p>"
      "<p>Orders placed before noon leave the same day, and postage is free on orders over ten pounds.</p>"
      "</div></div></body></html>";
  auto article = cleaned(html);
  CHECK(article.page_type == PageType::kListing);
  CHECK(has(article.text(), "variety number 1"));
  CHECK(has(article.text(), "variety number 8"));
  CHECK_FALSE(has(article.text(), "Every packet is grown"));
}

TEST_CASE("on a forum page comment markup is the thread, and under a news article it stays out", "[page_type]") {
  std::string replies;
  for (int i = 1; i <= 4; ++i) {
    replies += "<article class=\"ipsComment\" id=\"elComment_" + std::to_string(i) +
               "\"><div class=\"comment-meta\"><a href=\"/u/" + std::to_string(i) + "\">member" + std::to_string(i) +
               "</a> posted March 3</div><div class=\"comment-content\"><p>Reply " + std::to_string(i) +
               ": I had the same problem after the update, and clearing the cache and restarting the hub fixed it "
               "for me within a minute.</p></div></article>";
  }
  const std::string thread = "<main><h1>Hub stuck after update</h1><div id=\"comments\" class=\"comments\">" + replies +
                             "</div></main>";
  const std::string forum = "<html><head><script type=\"application/ld+json\">{\"@type\":\"DiscussionForumPosting\"}"
                            "</script></head><body>" + thread + "</body></html>";
  auto on_forum = cleaned(forum);
  CHECK(on_forum.page_type == PageType::kForum);
  CHECK(has(on_forum.text(), "Reply 1:"));
  CHECK(has(on_forum.text(), "Reply 4:"));
  CHECK(has(on_forum.text(), "member2 posted March 3"));

  const std::string news = "<html><head><meta property=\"og:type\" content=\"article\"></head><body><article>"
                           "<h1>Hub maker recalls units</h1>" + std::string(kArticleBody) + "</article>" +
                           "<div id=\"comments\" class=\"comments\">" + replies + "</div></body></html>";
  auto on_news = cleaned(news);
  CHECK(on_news.page_type == PageType::kArticle);
  CHECK(has(on_news.text(), "Fishermen still work"));
  CHECK_FALSE(has(on_news.text(), "Reply 1:"));
}

// A SaaS landing page with no schema.org type: sibling sections of short
// feature cards, an FAQ whose answers wait behind a click, a call-to-action row.
std::string landing_page(const std::string& cta_row) {
  std::string features;
  const char* titles[] = {"Rotas in minutes", "Skills-aware cover", "Leave without spreadsheets", "Swaps by text"};
  for (const char* title : titles) {
    features += std::string("<div class=\"feature-teaser\"><h3>") + title +
                "</h3><p>Set it once and the rota follows your rules every week.</p></div>";
  }
  return "<html><head><title>Rostra</title></head><body><header><nav><a href=\"/\">Home</a></nav></header><main>"
         "<section><h1>Shift scheduling your clinic will use</h1><p>Rostra builds next month's rota in minutes.</p>" +
         cta_row + "</section><section class=\"features\"><h2>Features</h2>" + features +
         "</section><section><h2>Questions</h2><h3>Can I import staff?</h3>"
         "<div class=\"answer\" hidden><p>Yes: upload the spreadsheet you keep today and Rostra reads names, "
         "roles and contracted hours from it, so nobody has to type them in again.</p></div></section></main>"
         "<footer><p>Copyright 2026 Rostra Ltd. All rights reserved.</p></footer></body></html>";
}

TEST_CASE("an undeclared page of short sections keeps every section, its teasers and hidden answers", "[page_type]") {
  const auto article = cleaned(landing_page(
      "<p><a href=\"/signup\">Start free trial</a> <a href=\"/demo\">Book a demo</a></p>"));
  CHECK(article.page_type == PageType::kService);
  const std::string text = article.text();
  INFO(text);
  for (const char* kept : {"Rostra builds next month's rota", "Rotas in minutes", "Swaps by text",
                           "Questions", "upload the spreadsheet you keep today"}) {
    CHECK(has(text, kept));
  }
  // The row of calls to action and the site chrome stay out.
  CHECK_FALSE(has(text, "Start free trial"));
  CHECK_FALSE(has(text, "Copyright 2026"));
}

TEST_CASE("a long article with a teaser box stays an article without the teaser", "[page_type]") {
  const std::string html = std::string("<html><head><title>Rivers</title></head><body><main><article>") +
                           std::string(kArticleBody) +
                           "<div class=\"teaser\"><p>Read next: the dams of the south and what they cost.</p></div>"
                           "</article></main></body></html>";
  const auto article = cleaned(html);
  CHECK(article.page_type == PageType::kArticle);
  CHECK(has(article.text(), "Engineers now argue"));
  CHECK_FALSE(has(article.text(), "Read next"));
}

TEST_CASE("on a question-and-answers page the answers are the thread, and comments under them stay out",
          "[page_type]") {
  std::string answers;
  for (int i = 1; i <= 2; ++i) {
    answers += "<div class=\"answer\" itemprop=\"suggestedAnswer\" itemscope itemtype=\"https://schema.org/Answer\">"
               "<div class=\"post-body\" itemprop=\"text\"><p>Answer " + std::to_string(i) +
               ": mount the backup drive read-only and copy the snapshot with rsync, keeping hard links so the "
               "second copy takes almost no room.</p></div><div class=\"comments\"><ul class=\"comments-list\">"
               "<li class=\"comment\" itemscope itemtype=\"https://schema.org/Comment\"><span class=\"comment-copy\">"
               "Comment " + std::to_string(i) + ": does this work on a laptop as well, and what about encryption "
               "of the drive?</span></li></ul></div></div>";
  }
  const std::string page =
      "<html><head><title>How to back up a disk</title></head><body itemscope itemtype=\"https://schema.org/QAPage\">"
      "<main><div itemprop=\"mainEntity\" itemscope itemtype=\"https://schema.org/Question\"><h1 itemprop=\"name\">"
      "How to back up a whole disk?</h1><div class=\"post-body\" itemprop=\"text\"><p>I want a copy of my whole disk "
      "that I can restore after a failure, without buying any software for it.</p></div>" + answers +
      "</div></main></body></html>";
  const auto article = cleaned(page);
  CHECK(article.page_type == PageType::kForum);
  const std::string text = article.text();
  INFO(text);
  CHECK(has(text, "I want a copy of my whole disk"));
  CHECK(has(text, "Answer 1:"));
  CHECK(has(text, "Answer 2:"));
  CHECK_FALSE(has(text, "Comment 1:"));
  CHECK_FALSE(has(text, "Comment 2:"));
}

// A blog's front page that calls itself an article (og:type, as SEO plugins
// write on every page): a short welcome, then a dozen post teasers.
std::string blog_front_page(int teasers) {
  std::string items;
  for (int i = 1; i <= teasers; ++i) {
    items += "<div class=\"teaser\"><h2><a href=\"/posts/" + std::to_string(i) + "\">Post number " +
             std::to_string(i) + " about the garden</a></h2><p>Teaser " + std::to_string(i) +
             ": what we planted this month, what the frost took, and which of the seed catalogues were worth "
             "the money in the end, with photographs of the beds before and after the work.</p></div>";
  }
  return "<html><head><meta property=\"og:type\" content=\"article\"><title>The Garden Diary</title></head><body>"
         "<main><p>Welcome to the garden diary, where we write about the allotment every month of the year: what "
         "grew, what failed, and what the weather did to it. Everything here is from our own plot, and every "
         "post has the dates and the varieties so you can compare them with your own. Questions and corrections "
         "are welcome too, by letter or by email.</p>" +
         items + "</main></body></html>";
}

TEST_CASE("a page declaring an article whose article is a sliver of its items keeps the items", "[page_type]") {
  const auto front = cleaned(blog_front_page(12));
  CHECK(front.page_type != PageType::kArticle);
  const std::string text = front.text();
  INFO(text);
  CHECK(has(text, "Teaser 1:"));
  CHECK(has(text, "Teaser 12:"));
  // A real article beside two teasers stays an article, without them.
  const std::string story = std::string("<html><head><meta property=\"og:type\" content=\"article\"><title>Rivers"
                                        "</title></head><body><main><article>") +
                            std::string(kArticleBody) + "</article>" +
                            "<div class=\"post-teaser\"><p>Teaser: the dams of the south, and what they cost the "
                            "towns below them over a century of floods.</p></div></main></body></html>";
  const auto article = cleaned(story);
  CHECK(article.page_type == PageType::kArticle);
  CHECK(has(article.text(), "Engineers now argue"));
  CHECK_FALSE(has(article.text(), "Teaser:"));
}
