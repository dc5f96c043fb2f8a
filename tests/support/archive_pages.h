// Generated article pages for the archive tests: deterministic, with boilerplate that changes between captures.
#pragma once

#include <string>

namespace winnow::test {

// An article page: a title, `paragraphs` paragraphs of prose (paragraph i
// mentions `topic`), navigation, an ad slot with id `ad_id` and a footer.
// `edit` (when non-empty) is inserted as an extra paragraph after the second.
std::string article_page(const std::string& title, const std::string& topic, int paragraphs, int ad_id,
                         const std::string& edit = {});

}  // namespace winnow::test
