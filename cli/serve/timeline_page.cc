// A URL's timeline: the change chart, every capture in a table, and radio buttons that pick the two versions to diff.
#include <string>
#include <vector>

#include "serve/change_chart.h"
#include "serve/html.h"
#include "serve/pages.h"

namespace winnow::cli::serve {
namespace {

// The change column, as `archive log` words it.
std::string change_html(const archive::LogEntry& e) {
  if (e.gone) return "<span class=\"label gone\">gone</span> (" + std::to_string(e.status) + ")";
  if (e.not_modified) return "<span class=\"muted\">not modified (304)</span>";
  if (!e.new_version) return "<span class=\"muted\">same as version " + std::to_string(e.version) + "</span>";
  const std::string name(archive::label_name(e.label));
  return "<span class=\"label " + name + "\">" + name + "</span>";
}

}  // namespace

Reply timeline_page(const Context& context, const Params& params) {
  Result<std::string> url = url_param(params);
  if (!url) return error_reply(url.error());
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  Result<std::vector<archive::LogEntry>> log = opened.value().log(url.value());
  if (!log) return error_reply(log.error());
  Result<archive::Version> latest = opened.value().show(url.value());
  if (!latest) return error_reply(latest.error());
  const std::vector<archive::LogEntry>& entries = log.value();
  const archive::Version& v = latest.value();
  const std::string& u = v.url;  // normalised

  std::string body = "<h1>" + escape_html(v.title.empty() ? u : v.title) + "</h1><p class=\"url\">" +
                     escape_html(u) + "</p><p class=\"summary\">" + std::to_string(entries.size()) + " captures, " +
                     std::to_string(v.versions) + " versions · <a href=\"" + href("/version", {{"url", u}}) +
                     "\">latest version</a></p>";
  body += change_chart(u, entries);
  body += "<p class=\"legend\"><span class=\"label new\">new</span> <span class=\"label edited\">edited</span> "
          "<span class=\"label unchanged\">unchanged</span> <span class=\"label same\">repeat</span> "
          "<span class=\"label gone\">gone</span></p>";
  const int default_b = v.versions, default_a = v.versions > 1 ? v.versions - 1 : 1;
  body += "<form action=\"/diff\" method=\"get\"><input type=\"hidden\" name=\"url\" value=\"" + escape_html(u) +
          "\"><table class=\"timeline\"><thead><tr><th>Time</th><th>Version</th><th>Status</th><th>Size</th>"
          "<th>Change</th><th>Words changed</th><th title=\"compare from\">A</th><th title=\"compare to\">B</th>"
          "</tr></thead><tbody>";
  for (const archive::LogEntry& e : entries) {
    const std::string version = std::to_string(e.version);
    body += "<tr><td>" + escape_html(e.time) + "</td><td><a href=\"" +
            href("/version", {{"url", u}, {"v", version}}) + "\">" + version + "</a></td><td>" +
            (e.status == 0 ? std::string("-") : std::to_string(e.status)) + "</td><td>" +
            format_bytes(static_cast<long long>(e.size)) + "</td><td>" + change_html(e) + "</td><td>" +
            (e.new_version && e.label != archive::ChangeLabel::kUnchanged ? std::to_string(e.words_changed) : "") +
            "</td>";
    if (e.new_version) {
      body += "<td><input type=\"radio\" name=\"a\" value=\"" + version + "\" aria-label=\"compare from version " +
              version + "\"" + (e.version == default_a ? " checked" : "") + "></td>";
      body += "<td><input type=\"radio\" name=\"b\" value=\"" + version + "\" aria-label=\"compare to version " +
              version + "\"" + (e.version == default_b ? " checked" : "") + "></td>";
    } else {
      body += "<td></td><td></td>";
    }
    body += "</tr>";
  }
  body += "</tbody></table><p><button type=\"submit\">Compare versions A and B</button></p></form>";
  Reply reply;
  reply.body = page_html(v.title.empty() ? u : v.title, body);
  return reply;
}

}  // namespace winnow::cli::serve
