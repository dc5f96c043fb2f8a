// The stats page and verify's page: counts and sizes, and verify started by a form, its progress shown by a page that reloads itself.
#include <algorithm>
#include <cstdio>
#include <string>

#include "serve/html.h"
#include "serve/pages.h"

namespace winnow::cli::serve {
namespace {

std::string row(std::string_view name, const std::string& value) {
  return "<tr><th>" + std::string(name) + "</th><td>" + value + "</td></tr>";
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

std::string verify_html(const VerifyState& s) {
  std::string html = "<section class=\"verify\"><h2>Verify</h2>";
  if (s.running) {
    const archive::VerifyProgress& p = s.progress;
    // The bar counts whole checks done, and the current one's share of its items.
    const double within = p.total > 0 ? static_cast<double>(p.done) / static_cast<double>(p.total) : 0.0;
    const int percent = p.steps > 0 ? static_cast<int>(100.0 * (std::max(0, p.step - 1) + within) / p.steps) : 0;
    html += "<p><progress aria-label=\"verify is running\" max=\"100\" value=\"" + std::to_string(percent) +
            "\"></progress> <span class=\"percent\">" + std::to_string(percent) + "%</span></p>";
    if (p.step > 0) {
      html += "<p class=\"step\">Check " + std::to_string(p.step) + " of " + std::to_string(p.steps) + ": " +
              escape_html(p.what);
      if (p.total > 0) html += ", " + std::to_string(p.done) + " of " + std::to_string(p.total);
      html += "</p>";
    }
    html += "<p>Verify started at " + escape_html(s.started) + " has run for " + seconds_text(s.seconds) +
            ": every blob is being decompressed and every hash, version and index row checked. This page reloads "
            "every second until it is done.</p>";
  } else if (s.ever_ran) {
    if (!s.error.empty()) {
      html += "<p class=\"error\">Verify could not run: " + escape_html(s.error) + "</p>";
    } else if (s.report) {
      const archive::VerifyReport& r = *s.report;
      html += std::string("<p class=\"") + (r.problems.empty() ? "ok\">ok" : "error\">damaged") + ": " +
              std::to_string(r.blobs_checked) + " blobs, " + std::to_string(r.versions_checked) + " versions, " +
              std::to_string(r.captures_checked) + " captures checked in " + seconds_text(s.seconds) +
              " (started " + escape_html(s.started) + ")</p>";
      if (!r.problems.empty()) {
        html += "<ul class=\"problems\">";
        for (const std::string& p : r.problems) html += "<li>" + escape_html(p) + "</li>";
        html += "</ul>";
      }
    }
  } else {
    html += "<p>Verify decompresses every blob and rechecks every hash, version, capture and index row.</p>";
  }
  if (!s.running) {
    html += "<form action=\"/verify\" method=\"post\"><button type=\"submit\">" +
            std::string(s.ever_ran ? "Verify again" : "Verify the archive") + "</button></form>";
  }
  return html + "</section>";
}

}  // namespace

Reply stats_page(const Context& context, const VerifyJob& verify) {
  Result<archive::Stats> stats = archive_stats(context);
  if (!stats) return error_reply(stats.error());
  const archive::Stats& t = stats.value();
  const double ratio =
      t.stored_bytes > 0 ? static_cast<double>(t.captured_bytes) / static_cast<double>(t.stored_bytes) : 0;
  char ratio_text[32];
  std::snprintf(ratio_text, sizeof ratio_text, "%.1f:1", ratio);
  std::string body = "<h1>Archive statistics</h1><table class=\"stats\">";
  body += row("URLs", std::to_string(t.urls)) + row("Captures", std::to_string(t.captures)) +
          row("Versions", std::to_string(t.versions)) +
          row("Distinct pages", std::to_string(t.page_blobs) + " (" + format_bytes(t.raw_bytes) + ")") +
          row("Captured bytes", format_bytes(t.captured_bytes) + " over all captures") +
          row("Stored pages", format_bytes(t.page_stored_bytes)) +
          row("Article texts", std::to_string(t.text_blobs) + " (" + format_bytes(t.text_bytes) + ", stored in " +
                                   format_bytes(t.text_stored_bytes) + ")") +
          row("Dictionaries", std::to_string(t.dictionaries) + " (" + format_bytes(t.dictionary_bytes) + ")") +
          row("Stored in all", format_bytes(t.stored_bytes)) + row("File", format_bytes(t.file_bytes)) +
          row("Ratio", std::string(ratio_text) + " (captured bytes / stored bytes)");
  body += "</table>" + verify_html(verify.state());
  Reply reply;
  reply.body = page_html("Statistics", body);
  return reply;
}

Reply verify_page(const VerifyJob& verify) {
  const VerifyState state = verify.state();
  Reply reply;
  reply.body = page_html("Verify", "<h1>Verify</h1>" + verify_html(state) + "<p><a href=\"/stats\">Statistics</a></p>",
                         state.running ? "<meta http-equiv=\"refresh\" content=\"1\">" : "");
  return reply;
}

}  // namespace winnow::cli::serve
