// The page type a page declares: schema.org types, og:type, its generator, its URL's path.
#pragma once

#include <optional>
#include <string_view>

#include "meta/metadata.h"
#include "winnow/clean.h"

namespace winnow::clean {

// The type the page's own clues name, or nullopt when they name none (most
// pages without schema.org markup): the extractor then decides from the
// page's structure. In order: a forum (DiscussionForumPosting, QAPage, forum
// software as generator, two or more Comments on a page that declares no
// article, or a thread URL of forum software: a viewtopic.php,
// showthread.php or threads path segment on a page declaring no article), documentation (TechArticle, APIReference, a
// documentation generator, or a /docs/, /documentation/, /reference/ or
// /manual/ path segment), an article (an Article type), a collection
// (CollectionPage, ItemList, SearchResultsPage, OfferCatalog), an article
// (og:type article, which SEO plugins write on shop categories too), a
// collection (og:type product.group), a product (Product, or og:type
// product). `url` may be empty.
std::optional<PageType> declared_page_type(const KindClues& clues, std::string_view url);

// True when the page marks up two or more schema.org Answers: a question and
// its answers (Stack Exchange), whose comments, vote counts and user cards are
// not part of the thread the way a discussion forum's replies are.
bool declares_answers(const KindClues& clues);

}  // namespace winnow::clean
