// The pages and the JSON API of winnow serve, each a function from the request's parameters to a Reply (no HTTP library here).
#pragma once

#include <string>
#include <string_view>

#include "serve/reply.h"
#include "serve/verify_job.h"

namespace winnow::cli::serve {

// Rows per page of the home page's URL list.
inline constexpr int kUrlsPerPage = 50;

// Each reads the archive anew and answers a whole page, or an error page
// (400 for bad parameters, 404 for an unknown URL or version, 500 when the
// archive cannot be read). Parameters are the request's query parameters.

// "/": the URLs (version count, last capture, latest change), filtered by
// q (words in the URL or title), site, since and until (dates of the last
// capture), kUrlsPerPage a page (page=N).
Reply home_page(const Context& context, const Params& params);
// "/url?url=U": every capture of U, a bar of its changes, and a form that picks two versions to compare.
Reply timeline_page(const Context& context, const Params& params);
// "/version?url=U&v=N": version N (default the latest) as the cleaned article, with its metadata and links.
Reply version_page(const Context& context, const Params& params);
// "/diff?url=U&a=A&b=B": the word-level changes from version A to B (default: the latest and the one before it), inline and side by side.
Reply diff_page(const Context& context, const Params& params);
// "/search?q=...&fts=1": full-text search results with highlighted snippets, each linking to the version that matched.
Reply search_page(const Context& context, const Params& params);
// "/stats": the archive's counts and sizes, and verify's last result or progress with the button that starts it.
Reply stats_page(const Context& context, const VerifyJob& verify);
// "/verify": verify's progress (the page reloads itself while it runs) and its result.
Reply verify_page(const VerifyJob& verify);
// "/raw?url=U&v=N": a page framing the raw capture (in a sandboxed <iframe>) with its headers.
Reply raw_page(const Context& context, const Params& params);
// "/raw/bytes?url=U&v=N": the captured bytes themselves, as text/html, which
// the server sends with the sandboxing Content-Security-Policy (raw_capture set).
Reply raw_bytes(const Context& context, const Params& params);
// "/api/NAME": what `winnow archive NAME --json` prints, for list, log (url),
// show (url, version, at), diff (url, a, b), search (q, limit, fts) and stats;
// errors as {"error": message} with a 4xx or 5xx status.
Reply api_reply(const Context& context, std::string_view name, const Params& params);

// The stylesheet and the icon, served from memory.
std::string_view stylesheet();
std::string_view icon_svg();

}  // namespace winnow::cli::serve
