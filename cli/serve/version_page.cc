// A version as the cleaned article, with what the archive knows of its capture and links to its neighbours, its raw bytes and its diff.
#include <string>

#include "serve/article_html.h"
#include "serve/html.h"
#include "serve/pages.h"

namespace winnow::cli::serve {

Reply version_page(const Context& context, const Params& params) {
  Result<std::string> url = url_param(params);
  if (!url) return error_reply(url.error());
  Result<std::optional<int>> number = int_param(params, "v", 1, 100000000);
  if (!number) return error_reply(number.error());
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  archive::VersionSelector which;
  which.version = number.value();
  Result<archive::Version> shown = opened.value().show(url.value(), which);
  if (!shown) return error_reply(shown.error());
  const archive::Version& v = shown.value();
  const std::string& u = v.url;
  const std::string n = std::to_string(v.version);

  std::string nav = "<nav class=\"versions\"><a href=\"" + href("/url", {{"url", u}}) + "\">timeline</a>";
  if (v.version > 1) {
    nav += "<a rel=\"prev\" href=\"" + href("/version", {{"url", u}, {"v", std::to_string(v.version - 1)}}) +
           "\">‹ version " + std::to_string(v.version - 1) + "</a>";
    nav += "<a href=\"" + href("/diff", {{"url", u}, {"a", std::to_string(v.version - 1)}, {"b", n}}) +
           "\">diff with version " + std::to_string(v.version - 1) + "</a>";
  }
  if (v.version < v.versions) {
    nav += "<a rel=\"next\" href=\"" + href("/version", {{"url", u}, {"v", std::to_string(v.version + 1)}}) +
           "\">version " + std::to_string(v.version + 1) + " ›</a>";
  }
  nav += "<a href=\"" + href("/raw", {{"url", u}, {"v", n}}) + "\">raw capture</a></nav>";

  std::string body = nav + "<article><h1>" + escape_html(v.title.empty() ? u : v.title) + "</h1>";
  body += "<p class=\"url\">" + escape_html(u) + "</p>";
  body += "<p class=\"summary\">Version " + n + " of " + std::to_string(v.versions) + " · captured " +
          escape_html(v.first_capture) + " · status " + (v.status == 0 ? std::string("-") : std::to_string(v.status)) +
          " · " + format_bytes(static_cast<long long>(v.raw_size)) + " · <span class=\"label " +
          std::string(archive::label_name(v.label)) + "\">" + std::string(archive::label_name(v.label)) + "</span>";
  if (v.label == archive::ChangeLabel::kEdited) body += " · " + std::to_string(v.words_changed) + " words changed";
  body += "</p>";
  if (v.gone_status != 0) {
    body += "<p class=\"warning\">The page answered " + std::to_string(v.gone_status) + " at " +
            escape_html(v.gone_time) + ": this is the last content seen.</p>";
  }
  body += metadata_html(v.metadata_json);
  body += "<div class=\"article\">" + article_html(v.text, v.title) + "</div></article>";
  body += "<p class=\"muted\">SHA-256 of the raw capture: <code>" + escape_html(v.raw_sha256_hex) + "</code></p>";
  Reply reply;
  reply.body = page_html((v.title.empty() ? u : v.title) + " (version " + n + ")", body);
  return reply;
}

}  // namespace winnow::cli::serve
