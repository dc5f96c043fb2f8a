// Full-text search: the archive's FTS5 search, its snippets' [matches] turned into <mark>, each hit linking to the version that matched.
#include <string>

#include "serve/html.h"
#include "serve/pages.h"

namespace winnow::cli::serve {
namespace {

constexpr int kHitsShown = 50;

// The snippet escaped, each "[match]" (a '[' whose next bracket is a ']') as <mark>match</mark>.
std::string snippet_html(std::string_view snippet) {
  std::string html;
  std::size_t pos = 0;
  while (pos < snippet.size()) {
    const std::size_t open = snippet.find('[', pos);
    if (open == std::string_view::npos) break;
    const std::size_t next = snippet.find_first_of("[]", open + 1);
    if (next == std::string_view::npos || snippet[next] == '[') {
      html += escape_html(snippet.substr(pos, open + 1 - pos));
      pos = open + 1;
      continue;
    }
    html += escape_html(snippet.substr(pos, open - pos)) + "<mark>" +
            escape_html(snippet.substr(open + 1, next - open - 1)) + "</mark>";
    pos = next + 1;
  }
  return html + escape_html(snippet.substr(std::min(pos, snippet.size())));
}

std::string search_form(const std::string& q, bool fts) {
  return "<form class=\"search\" action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"" +
         escape_html(q) + "\" aria-label=\"Search words\" autofocus> <label><input type=\"checkbox\" name=\"fts\" "
         "value=\"1\"" + (fts ? " checked" : "") + "> FTS5 syntax (AND, OR, NOT, prefix*)</label> "
         "<button type=\"submit\">Search</button></form>";
}

}  // namespace

Reply search_page(const Context& context, const Params& params) {
  Result<std::optional<std::string>> q = text_param(params, "q");
  if (!q) return error_reply(q.error());
  Result<std::optional<int>> fts_param = int_param(params, "fts", 0, 1);
  if (!fts_param) return error_reply(fts_param.error());
  const std::string query = q.value().value_or("");
  const bool fts = fts_param.value().value_or(0) == 1;
  std::string body = "<h1>Search</h1>" + search_form(query, fts);
  Reply reply;
  if (query.empty()) {
    reply.body = page_html("Search", body);
    return reply;
  }
  const archive::QuerySyntax syntax = fts ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
  if (Result<std::string> checked = archive::search_expression(query, syntax); !checked) {
    reply.status = 400;
    reply.body = page_html("Search", body + "<p class=\"error\">" + escape_html(checked.error().message) + "</p>");
    return reply;
  }
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  Result<std::vector<archive::SearchHit>> hits = opened.value().search(query, kHitsShown, syntax);
  if (!hits) return error_reply(hits.error());
  body += "<p class=\"summary\">" + std::to_string(hits.value().size()) +
          (hits.value().size() == 1 ? " page matches" : " pages match") +
          (hits.value().size() == static_cast<std::size_t>(kHitsShown) ? " (the best shown)" : "") + ".</p><ol class=\"hits\">";
  for (const archive::SearchHit& h : hits.value()) {
    const std::string v = std::to_string(h.version);
    body += "<li><a class=\"hit\" href=\"" + href("/version", {{"url", h.url}, {"v", v}}) + "\">" +
            escape_html(h.title.empty() ? h.url : h.title) + "</a> <span class=\"muted\">version " + v +
            "</span><div class=\"url\">" + escape_html(h.url) + " · <a href=\"" + href("/url", {{"url", h.url}}) +
            "\">timeline</a></div><p class=\"snippet\">" + snippet_html(h.snippet) + "</p></li>";
  }
  body += "</ol>";
  reply.body = page_html("Search: " + query, body);
  return reply;
}

}  // namespace winnow::cli::serve
