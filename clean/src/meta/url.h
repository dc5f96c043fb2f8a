// Resolves links and other references against the address of the page they appear on.
#pragma once

#include <string>
#include <string_view>

namespace winnow::clean {

// True when url starts with a scheme ("https:", "mailto:", ...), i.e. needs no base.
bool is_absolute_url(std::string_view url);

// True when url is an absolute http or https URL with a host ("https://x/…";
// the scheme in any case). Only such URLs go into the article's URL fields:
// javascript:, data: and relative leftovers never do.
bool is_web_url(std::string_view url);

// Resolves href against base as a browser would (RFC 3986 section 5): absolute
// hrefs are returned as they are but for dot segments ("https://h/a/../b" ->
// "https://h/b"; "%2e" counts as "."); "//host/x" takes base's scheme; "/x",
// "x", "../x", "?q" and "#f" are merged with base and dot segments removed. Leading
// and trailing whitespace of href is ignored. When base is empty or not itself
// absolute, href is returned trimmed but otherwise unchanged.
std::string resolve_url(std::string_view base, std::string_view href);

}  // namespace winnow::clean
