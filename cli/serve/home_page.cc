// The home page: every URL of the archive, filtered and paged on the server, with its latest change.
#include <algorithm>
#include <string>
#include <vector>

#include "serve/html.h"
#include "serve/pages.h"
#include "winnow/ascii.h"

namespace winnow::cli::serve {
namespace {

struct Filters {
  std::string q, site, since, until;  // as given (shown back in the form), the times checked
  int page = 1;
};

Result<Filters> read_filters(const Params& params) {
  Filters f;
  for (auto [name, target] : {std::pair{"q", &f.q}, {"site", &f.site}, {"since", &f.since}, {"until", &f.until}}) {
    Result<std::optional<std::string>> value = text_param(params, name);
    if (!value) return value.error();
    if (value.value()) *target = std::string(ascii::trim(*value.value()));
  }
  if (!f.since.empty()) {
    Result<std::string> time = archive::parse_time(f.since);
    if (!time) return Error{ErrorKind::kInvalidInput, "since: " + time.error().message};
  }
  if (!f.until.empty()) {
    Result<std::string> time = archive::parse_time_at(f.until);
    if (!time) return Error{ErrorKind::kInvalidInput, "until: " + time.error().message};
  }
  Result<std::optional<int>> page = int_param(params, "page", 1, 1000000);
  if (!page) return page.error();
  f.page = page.value().value_or(1);
  return f;
}

// The latest version's label and words changed, and whether the page was gone at its latest capture.
std::string latest_change(const archive::UrlSummary& u) {
  std::string name(archive::label_name(u.label));
  std::string html = "<span class=\"label " + name + "\">" + name + "</span>";
  if (u.label == archive::ChangeLabel::kEdited) html += " " + std::to_string(u.words_changed) + " words";
  if (u.gone) html += " <span class=\"label gone\">gone</span>";
  return html;
}

std::string filter_form(const Filters& f) {
  return "<form class=\"filters\" action=\"/\" method=\"get\">"
         "<label>URL or title <input type=\"text\" name=\"q\" value=\"" + escape_html(f.q) + "\"></label>"
         "<label>Site <input type=\"text\" name=\"site\" placeholder=\"example.com\" value=\"" + escape_html(f.site) + "\"></label>"
         "<label>Captured since <input type=\"date\" name=\"since\" value=\"" + escape_html(f.since) + "\"></label>"
         "<label>until <input type=\"date\" name=\"until\" value=\"" + escape_html(f.until) + "\"></label>"
         "<button type=\"submit\">Filter</button> <a href=\"/\">clear</a></form>";
}

std::string page_link(const Filters& f, int page, std::string_view text) {
  std::vector<std::pair<std::string, std::string>> params;
  for (auto [name, value] : {std::pair{"q", &f.q}, {"site", &f.site}, {"since", &f.since}, {"until", &f.until}}) {
    if (!value->empty()) params.emplace_back(name, *value);
  }
  params.emplace_back("page", std::to_string(page));
  return "<a href=\"" + href("/", params) + "\">" + std::string(text) + "</a>";
}

}  // namespace

Reply home_page(const Context& context, const Params& params) {
  Result<Filters> filters = read_filters(params);
  if (!filters) return error_reply(filters.error());
  const Filters& f = filters.value();
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  archive::Archive& archive = opened.value();
  archive::ListQuery query;
  query.site = ascii::to_lower(f.site);
  query.since = f.since;
  query.until = f.until;
  query.match = f.q;
  query.offset = static_cast<std::size_t>(f.page - 1) * kUrlsPerPage;
  query.limit = kUrlsPerPage;
  Result<archive::UrlList> listed = archive.list(query);
  if (!listed) return error_reply(listed.error());
  const archive::UrlList& list = listed.value();
  const int pages = std::max<int>(1, static_cast<int>((list.matching + kUrlsPerPage - 1) / kUrlsPerPage));

  std::string body = "<h1>Archived URLs</h1>" + filter_form(f);
  body += "<p class=\"summary\">" + std::to_string(list.matching) + " of " + std::to_string(list.total) + " URLs";
  if (list.matching > static_cast<std::size_t>(kUrlsPerPage)) {
    body += " · page " + std::to_string(f.page) + " of " + std::to_string(pages);
  }
  body += "</p>";
  if (list.urls.empty()) {
    body += "<p>No URLs here.</p>";
  } else {
    body += "<table class=\"urls\"><thead><tr><th>URL</th><th>Site</th><th>Versions</th><th>Captures</th>"
            "<th>Last capture</th><th>Latest change</th></tr></thead><tbody>";
    for (const archive::UrlSummary& u : list.urls) {
      const std::string site_name = archive::site_of(u.url);
      body += "<tr><td><a class=\"url\" href=\"" + href("/url", {{"url", u.url}}) + "\">" + escape_html(u.url) +
              "</a>";
      if (!u.title.empty()) body += "<div class=\"title\">" + escape_html(u.title) + "</div>";
      body += "</td><td><a href=\"" + href("/", {{"site", site_name}}) + "\">" + escape_html(site_name) +
              "</a></td><td>" + std::to_string(u.versions) + "</td><td>" + std::to_string(u.captures) + "</td><td>" +
              escape_html(u.last_capture) + "</td><td>" + latest_change(u) + "</td></tr>";
    }
    body += "</tbody></table>";
  }
  if (pages > 1) {
    body += "<nav class=\"pages\">";
    if (f.page > 1) body += page_link(f, 1, "« first") + page_link(f, f.page - 1, "‹ previous");
    if (f.page < pages) body += page_link(f, f.page + 1, "next ›") + page_link(f, pages, "last »");
    body += "</nav>";
  }
  Reply reply;
  reply.body = page_html("Archived URLs", body);
  return reply;
}

}  // namespace winnow::cli::serve
