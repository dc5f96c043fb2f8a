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
  std::string q, site, since, until;  // as given (shown back in the form)
  std::string since_time, until_time;  // normalised
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
    f.since_time = time.value();
  }
  if (!f.until.empty()) {
    Result<std::string> time = archive::parse_time_at(f.until);
    if (!time) return Error{ErrorKind::kInvalidInput, "until: " + time.error().message};
    f.until_time = time.value();
  }
  Result<std::optional<int>> page = int_param(params, "page", 1, 1000000);
  if (!page) return page.error();
  f.page = page.value().value_or(1);
  return f;
}

// Every word of `q` (case-insensitive, ASCII) occurs in the URL or the title.
bool matches_words(const archive::UrlSummary& u, const std::vector<std::string>& words) {
  if (words.empty()) return true;
  const std::string haystack = ascii::to_lower(u.url) + '\n' + ascii::to_lower(u.title);
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& w) { return haystack.find(w) != std::string::npos; });
}

std::vector<std::string> words_of(std::string_view q) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < q.size()) {
    while (pos < q.size() && ascii::is_space(q[pos])) ++pos;
    std::size_t end = pos;
    while (end < q.size() && !ascii::is_space(q[end])) ++end;
    if (end > pos) words.push_back(ascii::to_lower(q.substr(pos, end - pos)));
    pos = end;
  }
  return words;
}

// The latest version's label and words changed, from the URL's log; nullopt when the log cannot be read.
std::optional<std::string> latest_change(archive::Archive& archive, const std::string& url) {
  Result<std::vector<archive::LogEntry>> log = archive.log(url);
  if (!log) return std::nullopt;
  const archive::LogEntry* latest = nullptr;
  for (const archive::LogEntry& e : log.value()) {
    if (e.new_version) latest = &e;
  }
  if (!latest) return std::string();
  std::string name(archive::label_name(latest->label));
  std::string html = "<span class=\"label " + name + "\">" + name + "</span>";
  if (latest->label == archive::ChangeLabel::kEdited) html += " " + std::to_string(latest->words_changed) + " words";
  if (!log.value().empty() && log.value().back().gone) html += " <span class=\"label gone\">gone</span>";
  return html;
}

// latest_change() through the server's cache: a URL's log is read again only when it has a new capture.
std::string cached_change(const Context& context, archive::Archive& archive, const archive::UrlSummary& u) {
  if (context.changes) {
    if (std::optional<std::string> known = context.changes->find(u)) return *known;
  }
  std::optional<std::string> html = latest_change(archive, u.url);
  if (!html) return "<span class=\"muted\">?</span>";
  if (context.changes) context.changes->store(u, *html);
  return *html;
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
  Result<std::vector<archive::UrlSummary>> listed = archive.list();
  if (!listed) return error_reply(listed.error());

  const std::vector<std::string> words = words_of(f.q);
  const std::string site = ascii::to_lower(f.site);
  std::vector<const archive::UrlSummary*> shown;
  for (const archive::UrlSummary& u : listed.value()) {
    if (!f.since_time.empty() && u.last_capture < f.since_time) continue;
    if (!f.until_time.empty() && u.last_capture > f.until_time) continue;
    if (!site.empty() && archive::site_of(u.url) != site) continue;
    if (!matches_words(u, words)) continue;
    shown.push_back(&u);
  }
  const int pages = std::max<int>(1, static_cast<int>((shown.size() + kUrlsPerPage - 1) / kUrlsPerPage));
  const std::size_t first = static_cast<std::size_t>(f.page - 1) * kUrlsPerPage;

  std::string body = "<h1>Archived URLs</h1>" + filter_form(f);
  body += "<p class=\"summary\">" + std::to_string(shown.size()) + " of " + std::to_string(listed.value().size()) +
          " URLs";
  if (shown.size() > static_cast<std::size_t>(kUrlsPerPage)) {
    body += " · page " + std::to_string(f.page) + " of " + std::to_string(pages);
  }
  body += "</p>";
  if (first >= shown.size()) {
    body += "<p>No URLs here.</p>";
  } else {
    body += "<table class=\"urls\"><thead><tr><th>URL</th><th>Site</th><th>Versions</th><th>Captures</th>"
            "<th>Last capture</th><th>Latest change</th></tr></thead><tbody>";
    const std::size_t last = std::min(shown.size(), first + kUrlsPerPage);
    for (std::size_t i = first; i < last; ++i) {
      const archive::UrlSummary& u = *shown[i];
      const std::string site_name = archive::site_of(u.url);
      body += "<tr><td><a class=\"url\" href=\"" + href("/url", {{"url", u.url}}) + "\">" + escape_html(u.url) +
              "</a>";
      if (!u.title.empty()) body += "<div class=\"title\">" + escape_html(u.title) + "</div>";
      body += "</td><td><a href=\"" + href("/", {{"site", site_name}}) + "\">" + escape_html(site_name) +
              "</a></td><td>" + std::to_string(u.versions) + "</td><td>" + std::to_string(u.captures) + "</td><td>" +
              escape_html(u.last_capture) + "</td><td>" + cached_change(context, archive, u) + "</td></tr>";
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
