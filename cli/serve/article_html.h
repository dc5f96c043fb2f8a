// An archived article's text (title, blank line, body, as `winnow clean` prints it) as escaped HTML blocks.
#pragma once

#include <string>
#include <string_view>

namespace winnow::cli::serve {

// The body of `text` as HTML: blocks are separated by blank lines; a block
// whose lines all start with "- " is a bulleted list, "1. " a numbered one,
// any other block a paragraph (its line breaks kept). When the text starts
// with `title` followed by a blank line, that first block is left out (the
// page shows the title as its heading). Every character is escaped.
std::string article_html(std::string_view text, std::string_view title);

// The values of the metadata JSON object worth showing (authors, dates, site,
// language, description, canonical URL...) as an HTML <dl>, escaped; "" when
// there are none or `metadata_json` is not a JSON object.
std::string metadata_html(std::string_view metadata_json);

}  // namespace winnow::cli::serve
