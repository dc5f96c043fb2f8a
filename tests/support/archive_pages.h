// Generated article pages for the archive tests (deterministic, with boilerplate that changes between captures), and opening a test archive.
#pragma once

#include <string>

#include "winnow/archive.h"

namespace winnow::test {

// An article page: a title, `paragraphs` paragraphs of prose (paragraph i
// mentions `topic`), navigation, an ad slot with id `ad_id` and a footer.
// `edit` (when non-empty) is inserted as an extra paragraph after the second.
std::string article_page(const std::string& title, const std::string& topic, int paragraphs, int ad_id,
                         const std::string& edit = {});

// Opens (creating unless read-only) the archive at `path`; fails the running
// test with the library's message when it cannot.
winnow::archive::Archive open_archive(const std::string& path, const winnow::archive::OpenOptions& options = {});

}  // namespace winnow::test
