// The raw capture: a page that frames it, and the bytes themselves, which server.cc sends sandboxed so nothing in them runs.
#include <string>

#include "serve/html.h"
#include "serve/pages.h"
#include "winnow/ascii.h"

namespace winnow::cli::serve {
namespace {

// The charset parameter of the capture's Content-Type when it is a plain label (letters, digits, - _ . :), else "".
std::string captured_charset(const archive::Headers& headers) {
  for (const auto& [name, value] : headers) {
    if (!ascii::iequals(name, "content-type")) continue;
    const std::string lowered = ascii::to_lower(value);
    std::size_t pos = lowered.find("charset=");
    if (pos == std::string::npos) return {};
    pos += 8;
    if (pos < lowered.size() && lowered[pos] == '"') ++pos;
    std::string label;
    while (pos < lowered.size() && (ascii::is_alnum(lowered[pos]) || lowered[pos] == '-' || lowered[pos] == '_' ||
                                    lowered[pos] == '.' || lowered[pos] == ':')) {
      label += lowered[pos++];
    }
    return label.size() <= 40 ? label : std::string();
  }
  return {};
}

struct Which {
  std::string url;
  std::optional<int> version;
};

Result<Which> read_which(const Params& params) {
  Result<std::string> url = url_param(params);
  if (!url) return url.error();
  Result<std::optional<int>> number = int_param(params, "v", 1, 100000000);
  if (!number) return number.error();
  return Which{url.value(), number.value()};
}

}  // namespace

Reply raw_page(const Context& context, const Params& params) {
  Result<Which> which = read_which(params);
  if (!which) return error_reply(which.error());
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  archive::VersionSelector selector;
  selector.version = which.value().version;
  Result<archive::Version> shown = opened.value().show(which.value().url, selector);
  if (!shown) return error_reply(shown.error());
  const archive::Version& v = shown.value();
  const std::string n = std::to_string(v.version);
  std::string headers;
  for (const auto& [name, value] : v.headers) {
    headers += "<tr><th>" + escape_html(name) + "</th><td>" + escape_html(value) + "</td></tr>";
  }
  std::string body = "<nav class=\"versions\"><a href=\"" + href("/url", {{"url", v.url}}) + "\">timeline</a><a href=\"" +
                     href("/version", {{"url", v.url}, {"v", n}}) + "\">cleaned article</a></nav>";
  body += "<h1>Raw capture: " + escape_html(v.title.empty() ? v.url : v.title) + "</h1><p class=\"url\">" +
          escape_html(v.url) + "</p><p class=\"summary\">Version " + n + " · captured " +
          escape_html(v.first_capture) + " · " + format_bytes(static_cast<long long>(v.raw_size)) +
          ". Shown sandboxed: its scripts, forms, plugins and requests to anything do not run.</p>";
  body += "<iframe class=\"raw\" title=\"raw capture\" sandbox=\"\" referrerpolicy=\"no-referrer\" src=\"" +
          href("/raw/bytes", {{"url", v.url}, {"v", n}}) + "\"></iframe>";
  if (!headers.empty()) body += "<h2>Response headers</h2><table class=\"headers\">" + headers + "</table>";
  Reply reply;
  reply.body = page_html("Raw capture (version " + n + ")", body);
  return reply;
}

Reply raw_bytes(const Context& context, const Params& params) {
  Result<Which> which = read_which(params);
  if (!which) return error_reply(which.error());
  Result<archive::Archive> opened = open_archive(context);
  if (!opened) return error_reply(opened.error());
  archive::VersionSelector selector;
  selector.version = which.value().version;
  Result<archive::Version> shown = opened.value().show(which.value().url, selector);
  if (!shown) return error_reply(shown.error());
  Result<std::string> raw = opened.value().raw(which.value().url, selector);
  if (!raw) return error_reply(raw.error());
  Reply reply;
  reply.raw_capture = true;
  const std::string charset = captured_charset(shown.value().headers);
  reply.content_type = charset.empty() ? "text/html" : "text/html; charset=" + charset;
  reply.body = std::move(raw.value());
  return reply;
}

}  // namespace winnow::cli::serve
