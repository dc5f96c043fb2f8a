// Unit tests for the markup signals: chrome tags, hidden elements, boilerplate names per family, container weights.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "html/dom.h"
#include "html/signals.h"

namespace {

using winnow::clean::BoilerplateSignal;

// Parses `<body>` + snippet and hands the first element inside <body> (or
// <body> itself when the snippet is a <body> tag) to the check.
class Snippet {
 public:
  explicit Snippet(const std::string& html)
      : source_("<body>" + html), document_(winnow::clean::parse_html(source_)) {
    body_ = winnow::clean::find_first(document_->root, GUMBO_TAG_BODY);
    const GumboVector& children = body_->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT) {
        element_ = child;
        return;
      }
    }
    element_ = body_;
  }
  const GumboNode* element() const { return element_; }

 private:
  std::string source_;  // Gumbo's nodes point into it: it must outlive document_
  winnow::clean::GumboDocument document_;
  const GumboNode* body_ = nullptr;
  const GumboNode* element_ = nullptr;
};

BoilerplateSignal signal_of(const std::string& html) {
  return winnow::clean::boilerplate_signal(Snippet(html).element());
}

bool hidden(const std::string& html) { return winnow::clean::is_hidden(Snippet(html).element()); }

int weight_of(const std::string& html) { return winnow::clean::container_weight(Snippet(html).element()); }

std::vector<std::string> words_of(std::string_view value) {
  std::vector<std::string> words;
  winnow::clean::for_each_name_word(value, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

void check_flagged(const std::vector<std::string>& snippets) {
  for (const auto& html : snippets) {
    INFO(html);
    CHECK(signal_of(html) != BoilerplateSignal::kNone);
  }
}

void check_strong(const std::vector<std::string>& snippets) {
  for (const auto& html : snippets) {
    INFO(html);
    CHECK(signal_of(html) == BoilerplateSignal::kStrong);
  }
}

void check_not_flagged(const std::vector<std::string>& snippets) {
  for (const auto& html : snippets) {
    INFO(html);
    CHECK(signal_of(html) == BoilerplateSignal::kNone);
  }
}

}  // namespace

TEST_CASE("signals: chrome tags never hold article text", "[signals]") {
  for (GumboTag tag : {GUMBO_TAG_NAV, GUMBO_TAG_ASIDE, GUMBO_TAG_FOOTER, GUMBO_TAG_HEADER,
                       GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT, GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA,
                       GUMBO_TAG_IFRAME, GUMBO_TAG_VIDEO, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,
                       GUMBO_TAG_SVG, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_FIGCAPTION}) {
    INFO(gumbo_normalized_tagname(tag));
    CHECK(winnow::clean::is_chrome_tag(tag));
  }
  for (GumboTag tag : {GUMBO_TAG_P, GUMBO_TAG_DIV, GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN,
                       GUMBO_TAG_SECTION, GUMBO_TAG_H1, GUMBO_TAG_UL, GUMBO_TAG_TABLE,
                       GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE, GUMBO_TAG_A, GUMBO_TAG_FIGURE}) {
    INFO(gumbo_normalized_tagname(tag));
    CHECK_FALSE(winnow::clean::is_chrome_tag(tag));
  }
}

TEST_CASE("signals: navigation names and roles", "[signals]") {
  check_flagged({R"(<div class="site-navigation"></div>)", R"(<div class="menu-primary-container"></div>)",
                 R"(<div class="navbar navbar-expand-lg"></div>)"});
  check_strong({R"(<div role="navigation"></div>)", R"(<div role="Navigation"></div>)",
                R"(<ul role="menubar"></ul>)", R"(<div role="search"></div>)"});
}

TEST_CASE("signals: share and social bars", "[signals]") {
  check_strong({R"(<div class="share-buttons"></div>)", R"(<div class="social-links"></div>)",
                R"(<div class="addtoany_share_save_accounts"></div>)",
                R"(<div class="email-share"></div>)", R"(<div class="article-share"></div>)",
                R"(<amp-social-share type="twitter"></amp-social-share>)"});
  check_flagged({R"(<div class="sharedaddy sd-sharing-enabled"></div>)"});
}

TEST_CASE("signals: donation and contribution appeals", "[signals]") {
  check_strong({R"(<div class="donation-appeal"></div>)", R"(<div class="contributions__epic"></div>)",
                R"(<div class="support-us donate-now"></div>)"});
}

TEST_CASE("signals: popups, modals and overlays", "[signals]") {
  // Popup Maker's markup, Bootstrap and React modals, ARIA dialogs.
  check_strong({R"(<div class="pum pum-overlay pum-theme-4417 popmake-overlay"></div>)",
                R"(<div class="pum-container popmake"></div>)",
                R"(<div class="modal fade" id="regionModal" tabindex="-1"></div>)",
                R"(<div class="popup-overlay"></div>)", R"(<div class="ReactModal__Overlay"></div>)",
                R"(<div aria-modal="true"></div>)", R"(<div role="dialog"></div>)",
                R"(<div role="alertdialog"></div>)", R"(<dialog id="exit-intent" open></dialog>)"});
  check_flagged({R"(<div class="site-overlay"></div>)", R"(<div class="lightbox"></div>)"});
  check_not_flagged({R"(<div aria-modal="false"></div>)"});
}

TEST_CASE("signals: cookie and consent banners", "[signals]") {
  check_flagged({R"(<div id="cookie-notice"></div>)", R"(<div class="cookie-banner"></div>)",
                 R"(<div class="gdpr-consent"></div>)", R"(<div id="onetrust-consent-sdk"></div>)",
                 R"(<div class="fc-consent-root"></div>)", R"(<amp-consent id="consent"></amp-consent>)"});
}

TEST_CASE("signals: newsletter sign-ups", "[signals]") {
  check_strong({R"(<div class="newsletter-signup"></div>)", R"(<form-wrap class="newsletter"></form-wrap>)"});
  check_flagged({R"(<div class="mc4wp-form subscribe-box"></div>)", R"(<div class="newsletters"></div>)"});
}

TEST_CASE("signals: related and recommended lists", "[signals]") {
  check_strong({R"(<div class="related-posts"></div>)", R"(<div class="relatedStories"></div>)",
                R"(<section class="recommended-articles"></section>)", R"(<div id="taboola-below-article"></div>)",
                R"(<div class="OUTBRAIN"></div>)"});
}

TEST_CASE("signals: comment sections", "[signals]") {
  check_strong({R"(<section id="comments" class="comments-area"></section>)",
                R"(<ol class="comment-list"></ol>)", R"(<div id="disqus_thread"></div>)",
                R"(<div class="post-comments"></div>)"});
}

TEST_CASE("signals: ads and sponsored content", "[signals]") {
  check_flagged({R"(<div class="ad-slot"></div>)", R"(<div class="advertisement"></div>)",
                 R"(<ins class="adsbygoogle"></ins>)", R"(<div class="header-ad"></div>)",
                 R"(<amp-ad width="300" height="250" type="doubleclick"></amp-ad>)"});
  check_strong({R"(<div class="sponsored-content"></div>)"});
}

TEST_CASE("signals: teasers, breadcrumbs, tags, print and email tools", "[signals]") {
  check_flagged({R"(<div class="teaser"></div>)", R"(<section class="teaser-grid"></section>)",
                 R"(<div class="print-only"></div>)", R"(<ul class="tools"></ul>)",
                 R"(<li class="tools__item tools__item--email"></li>)", R"(<div class="tag-list"></div>)"});
  check_strong({R"(<ol class="breadcrumb"></ol>)", R"(<div class="breadcrumbs"></div>)",
                R"(<span class="breadcrumb_last"></span>)", R"(<div class="post-tags"></div>)",
                R"(<div class="tags-list"></div>)"});
}

TEST_CASE("signals: a strong word wins over an article word next to it", "[signals]") {
  check_strong({R"(<div class="entry-footer"></div>)", R"(<div class="post-comments"></div>)",
                R"(<div class="article-share"></div>)", R"(<div class="post-related"></div>)"});
  // A weak word next to an article word is a layout wrapper of the article.
  check_not_flagged({R"(<div class="content-sidebar-wrap"></div>)", R"(<div class="post-widget-area"></div>)"});
}

TEST_CASE("signals: article containers are not boilerplate", "[signals]") {
  check_not_flagged({R"(<div class="entry-content"></div>)", R"(<div class="article-body"></div>)",
                     R"(<div class="post-content"></div>)", R"(<div class="story-body"></div>)",
                     R"(<div class="e-content"></div>)", R"(<div class="govuk-body"></div>)"});
  // These tags and itemprop=articleBody override any name they carry.
  check_not_flagged({R"(<div itemprop="articleBody" class="comments"></div>)",
                     R"(<article class="related-post"></article>)", R"(<main class="sidebar"></main>)",
                     R"(<body class="single no-comments sidebar">)"});
}

TEST_CASE("signals: modifier classes do not name the element", "[signals]") {
  check_not_flagged({R"(<div class="has-sidebar"></div>)", R"(<div class="modal-enabled"></div>)",
                     R"(<div class="single no-comments"></div>)", R"(<div class="is-popup-open"></div>)",
                     R"(<div class="with-ads"></div>)", R"(<div class="social-media-embed"></div>)"});
}

TEST_CASE("signals: generated CSS-in-JS and page-builder names are not words", "[signals]") {
  check_not_flagged({R"(<div class="sc-77igqf-0 bOfvBY"></div>)", R"(<div class="css-1x2y3z"></div>)",
                     R"(<div class="fnAdSe"></div>)",
                     R"(<div class="elementor-widget elementor-widget-text-editor"></div>)"});
  // A readable component name in a styled-components class still counts.
  check_strong({R"(<div class="Share__Wrapper-sc-12ab3c"></div>)"});
}

TEST_CASE("signals: words are matched whole, not as substrings", "[signals]") {
  check_not_flagged({R"(<div class="download"></div>)", R"(<div class="loading"></div>)",
                     R"(<div class="shadow"></div>)", R"(<div class="head"></div>)",
                     R"(<div class="address"></div>)", R"(<div class="badge"></div>)",
                     R"(<div class="blueprint"></div>)", R"(<div class="sprint-header"></div>)",
                     R"(<div class="navy-theme"></div>)"});
}

TEST_CASE("signals: roles that are not boilerplate", "[signals]") {
  check_not_flagged({R"(<div role="main"></div>)", R"(<div role="presentation"></div>)",
                     R"(<div role="article"></div>)", R"(<div role="document"></div>)"});
}

TEST_CASE("signals: hidden by attribute", "[signals]") {
  CHECK(hidden(R"(<div hidden>x</div>)"));
  CHECK(hidden(R"(<div hidden="hidden">x</div>)"));
  CHECK(hidden(R"(<div aria-hidden="true">x</div>)"));
  CHECK_FALSE(hidden(R"(<div aria-hidden="false">x</div>)"));
  CHECK_FALSE(hidden(R"(<div>x</div>)"));
}

TEST_CASE("signals: a hidden tab panel is not hidden content, and links dressed as buttons are chrome", "[signals]") {
  CHECK_FALSE(hidden("<div role=\"tabpanel\" style=\"display: none;\">Weight 0.12 kg</div>"));
  CHECK_FALSE(hidden("<div role=\"tabpanel\" hidden>Weight 0.12 kg</div>"));
  CHECK(hidden("<div role=\"tab\" style=\"display:none\">x</div>"));
  auto button = [](const std::string& html) { return winnow::clean::is_button_link(Snippet(html).element()); };
  CHECK(button("<a class=\"button add_to_cart_button\" href=\"?add=1\">Add to basket</a>"));
  CHECK(button("<a class=\"btn btn-primary\" href=\"/signup\">Start free trial</a>"));
  CHECK(button("<a role=\"button\" href=\"#\">Menu</a>"));
  CHECK_FALSE(button("<a class=\"buttonless-link\" href=\"/a\">A story</a>"));
  CHECK_FALSE(button("<a href=\"/a\">A story</a>"));
  CHECK_FALSE(button("<span class=\"button\">Not a link</span>"));
  auto counter = [](const std::string& html) {
    return winnow::clean::is_interaction_counter(Snippet(html).element());
  };
  CHECK(counter("<div itemprop=\"interactionStatistic\" itemscope><span>3 Likes</span></div>"));
  CHECK(counter("<div itemscope itemtype=\"http://schema.org/InteractionCounter\">12 shares</div>"));
  CHECK_FALSE(counter("<div itemprop=\"text\"><p>A post.</p></div>"));
}

TEST_CASE("signals: hidden by inline style, whatever the spacing and case", "[signals]") {
  CHECK(hidden(R"(<div style="display:none">x</div>)"));
  CHECK(hidden(R"(<div style="DISPLAY : NONE ;">x</div>)"));
  CHECK(hidden("<div style=\"color:red;display:\tnone\">x</div>"));
  CHECK(hidden("<div style=\"display:\n  none\">x</div>"));
  CHECK(hidden(R"(<div style="display: none !important">x</div>)"));
  CHECK(hidden(R"(<div style="visibility: hidden">x</div>)"));
  CHECK_FALSE(hidden(R"(<div style="display:block">x</div>)"));
  CHECK_FALSE(hidden(R"(<div style="display: flex; opacity: 0.9">x</div>)"));
}

TEST_CASE("signals: hidden by framework and screen-reader classes", "[signals]") {
  CHECK(hidden(R"(<div class="sr-only">x</div>)"));
  CHECK(hidden(R"(<span class="screen-reader-text">x</span>)"));
  CHECK(hidden(R"(<a class="skip-link screen-reader-text" href="#content">Skip to content</a>)"));
  CHECK(hidden(R"(<div class="visually-hidden">x</div>)"));
  CHECK(hidden(R"(<div class="card hidden">x</div>)"));
  // Classes that only contain a hidden word, or show on focus, are visible.
  CHECK_FALSE(hidden(R"(<div class="hidden-xs">x</div>)"));
  CHECK_FALSE(hidden(R"(<div class="unhidden">x</div>)"));
  CHECK_FALSE(hidden(R"(<a class="visually-hidden-focusable" href="#main">Skip</a>)"));
}

TEST_CASE("signals: container weight favours article names and itemprop", "[signals]") {
  CHECK(weight_of(R"(<div class="entry-content"></div>)") > 0);
  CHECK(weight_of(R"(<div class="sidebar"></div>)") < 0);
  CHECK(weight_of(R"(<div class="wrapper"></div>)") == 0);
  CHECK(weight_of(R"(<div itemprop="articleBody"></div>)") > weight_of(R"(<div class="entry-content"></div>)"));
  CHECK(weight_of(R"(<div role="main"></div>)") > 0);
  CHECK(weight_of(R"(<div class="entry-content"></div>)") > weight_of(R"(<div class="related-posts"></div>)"));
}

TEST_CASE("signals: name words split at separators and camelCase", "[signals]") {
  CHECK(words_of("relatedStories") == std::vector<std::string>{"related", "stories"});
  CHECK(words_of("share_bar--top") == std::vector<std::string>{"share", "bar", "top"});
  CHECK(words_of("RELATED") == std::vector<std::string>{"related"});
  CHECK(words_of("lg:block") == std::vector<std::string>{"lg", "block"});
  CHECK(words_of("col-md-8") == std::vector<std::string>{"col", "md", "8"});
  CHECK(words_of("--").empty());
}

// Regression test, a bug found and fixed: "main" is an article word, so it rescues the weak words of
// the commonest navigation ids ("main-nav", "main-menu", "main-navigation").
TEST_CASE("signals: main navigation ids are navigation", "[signals]") {
  check_flagged({R"(<div id="main-nav"></div>)", R"(<ul id="main-menu"></ul>)",
                 R"(<div id="main-navigation"></div>)"});
}

// Regression test, a bug found and fixed: Cookiebot's dialog id splits into "cybot", "cookiebot",
// "dialog", none of which is a boilerplate word.
TEST_CASE("signals: Cookiebot's consent dialog is flagged", "[signals]") {
  check_flagged({R"(<div id="CybotCookiebotDialog"></div>)"});
}

// Regression test, a bug found and fixed: Bootstrap/Tailwind responsive pairs show the element on
// larger screens ("d-none d-md-block", "hidden lg:block"), yet the first
// class alone marks it hidden.
TEST_CASE("signals: responsive display classes are not hidden", "[signals]") {
  CHECK_FALSE(hidden(R"(<div class="d-none d-md-block">x</div>)"));
  CHECK_FALSE(hidden(R"(<div class="hidden lg:block">x</div>)"));
}

TEST_CASE("signals: elements hidden at desktop width are hidden", "[signals]") {
  // winnow reads a page as a desktop browser shows it (Bootstrap/Tailwind "lg").
  CHECK(hidden(R"(<div class="d-block d-md-none">mobile copy</div>)"));
  CHECK(hidden(R"(<div class="lg:hidden">mobile copy</div>)"));
  CHECK(hidden(R"(<div class="visible-xs">mobile copy</div>)"));
  CHECK(hidden(R"(<div class="hidden-lg">mobile copy</div>)"));
  CHECK_FALSE(hidden(R"(<div class="d-none d-lg-flex">desktop copy</div>)"));
  CHECK_FALSE(hidden(R"(<div class="visible-xs visible-lg">both</div>)"));
  CHECK_FALSE(hidden(R"(<div class="d-xl-none">hidden only on very wide screens</div>)"));
}

TEST_CASE("signals: CSS Modules names are read without their hash", "[signals]") {
  check_flagged({R"(<div class="ShareBar_shareBar__3kX0z"></div>)",
                 R"(<div class="FollowBox_box__Hh3s2"></div>)"});
  CHECK(signal_of(R"(<div class="Article_body__x7Yt2"></div>)") == BoilerplateSignal::kNone);
}

TEST_CASE("signals: glued machine names are read by their last word", "[signals]") {
  // Drupal block ids join the words of a block's title: "Support banner".
  check_flagged({R"(<div id="block-supportbanner"></div>)", R"(<div id="block-sitefooter"></div>)"});
  // Short words never match inside longer ones.
  CHECK(signal_of(R"(<div class="roadtrip"></div>)") == BoilerplateSignal::kNone);
  CHECK(signal_of(R"(<div class="instead"></div>)") == BoilerplateSignal::kNone);
}

TEST_CASE("signals: a word glued behind two letters is a word of its own", "[signals]") {
  // "research" is not "re" + "search"; "sitesearch" is a search box.
  CHECK(signal_of(R"(<div class="research-card"></div>)") == BoilerplateSignal::kNone);
  CHECK(signal_of(R"(<div class="sitesearch"></div>)") != BoilerplateSignal::kNone);
}

TEST_CASE("signals: an accordion's tab list holding its panels is content", "[signals]") {
  CHECK(signal_of(R"(<div role="tablist"><h2 role="tab">Eligibility</h2>)"
                  R"(<div role="tabpanel">Customers must hold an account.</div></div>)") == BoilerplateSignal::kNone);
  // A tab list of tabs alone is navigation between panels elsewhere.
  CHECK(signal_of(R"(<ul role="tablist"><li role="tab">Description</li><li role="tab">Reviews</li></ul>)") ==
        BoilerplateSignal::kStrong);
}

TEST_CASE("signals: presentation names are content on a page of sections, not around an article", "[signals]") {
  using winnow::clean::PageParts;
  for (const char* html : {R"(<div class="teaser"></div>)", R"(<div class="carousel"></div>)",
                           R"(<div class="promo-card"></div>)", R"(<div class="excerpt"></div>)",
                           R"(<div class="gallery"></div>)"}) {
    INFO(html);
    const Snippet snippet(html);
    const GumboNode* node = snippet.element();
    CHECK(winnow::clean::boilerplate_signal(node) != BoilerplateSignal::kNone);
    CHECK(winnow::clean::boilerplate_signal(node, PageParts::kSections) == BoilerplateSignal::kNone);
  }
  // Chrome stays chrome on every page.
  for (const char* html : {R"(<div class="cookie-banner"></div>)", R"(<nav class="menu"></nav>)",
                           R"(<div class="share-bar"></div>)", R"(<div class="sidebar"></div>)"}) {
    INFO(html);
    const Snippet snippet(html);
    CHECK(winnow::clean::boilerplate_signal(snippet.element(), PageParts::kSections) !=
          BoilerplateSignal::kNone);
  }
}

TEST_CASE("signals: on a product page its reviews and the store's recommendations are boilerplate", "[signals]") {
  using winnow::clean::PageParts;
  for (const char* html : {R"(<div id="reviews"></div>)", R"(<section class="product-recommendations"></section>)",
                           R"(<div class="upsell-products"></div>)"}) {
    INFO(html);
    const Snippet snippet(html);
    CHECK(winnow::clean::boilerplate_signal(snippet.element(), PageParts::kProduct) == BoilerplateSignal::kStrong);
    // Elsewhere a review is the article ("film-review").
    CHECK(winnow::clean::boilerplate_signal(snippet.element(), PageParts::kArticle) != BoilerplateSignal::kStrong);
  }
}

TEST_CASE("signals: in a forum thread the poster's card and who-is-online are not the thread", "[signals]") {
  using winnow::clean::PageParts;
  for (const char* html : {R"(<dl class="postprofile"></dl>)", R"(<div class="signature"></div>)",
                           R"(<div class="stat-block online-list"></div>)"}) {
    INFO(html);
    const Snippet snippet(html);
    CHECK(winnow::clean::boilerplate_signal(snippet.element(), PageParts::kThread) == BoilerplateSignal::kStrong);
  }
  // The post's own author line stays.
  const Snippet author(R"(<p class="author"></p>)");
  CHECK(winnow::clean::boilerplate_signal(author.element(), PageParts::kThread) == BoilerplateSignal::kNone);
}
