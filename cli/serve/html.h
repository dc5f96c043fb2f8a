// HTML building blocks for winnow serve's pages: escaping, links with query parameters, the page layout.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::cli::serve {

// `text` safe as HTML text or inside a double- or single-quoted attribute:
// & < > " ' become character references, and control characters other than
// tab and line feed are dropped, so archived text can never open a tag,
// close an attribute or carry a NUL.
std::string escape_html(std::string_view text);

// `text` percent-encoded for a URL query component: every byte but the
// unreserved ones (A-Z a-z 0-9 - . _ ~) is %XX.
std::string query_encode(std::string_view text);

// A link to one of winnow serve's own paths, "/path?k=v&k=v" with each value
// query-encoded and the whole escaped for an href attribute. `path` is a
// constant of the interface, never archived text.
std::string href(std::string_view path, const std::vector<std::pair<std::string, std::string>>& params = {});

// A whole HTML document: the layout (stylesheet, navigation), `title` (plain
// text, escaped here) and `body` (HTML the caller built and escaped).
// `head_extra` is HTML added to <head> (a refresh while verify runs).
std::string page_html(std::string_view title, std::string_view body, std::string_view head_extra = {});

// A short error page: `message` (plain text) under the status line.
std::string error_html(int status, std::string_view message);

// "1.2 KiB", "3.4 MiB", "512 B".
std::string format_bytes(long long bytes);

}  // namespace winnow::cli::serve
