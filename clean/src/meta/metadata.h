// Reads what a page says about itself: JSON-LD, OpenGraph, Twitter cards, <meta>, <time>, <link>, <html lang>.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "winnow/clean.h"

namespace winnow::clean {

// What a page declares about its kind, for the page-type decision.
struct KindClues {
  std::vector<std::string> schema_types;  // JSON-LD @types and microdata itemtypes, short names ("Product")
  std::string og_type;                    // <meta property="og:type">, lower case
  std::string generator;                  // <meta name="generator">, lower case
};

// Extracts metadata from a parsed page. json_ld holds the bodies of the page's
// application/ld+json scripts (taken out before parsing). Precedence per field:
// JSON-LD Article/NewsArticle/BlogPosting (also inside @graph) > OpenGraph /
// article:* > Twitter card > <meta name=...> > <time datetime> / <title> /
// <html lang>. Dates are normalised to ISO 8601. Malformed JSON-LD is ignored.
// page_url (may be empty) resolves a relative canonical URL. When clues is
// given, what the page says of its kind is written there (same walk).
Metadata extract_metadata(const GumboNode* root, const std::vector<std::string>& json_ld,
                          std::string_view page_url, KindClues* clues = nullptr);

}  // namespace winnow::clean
