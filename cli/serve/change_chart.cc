// Bars placed on a time axis; heights on a log scale so a one-word fix still shows beside a rewrite.
#include "serve/change_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "serve/html.h"

namespace winnow::cli::serve {
namespace {

constexpr double kWidth = 720, kHeight = 64, kBar = 6;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace

long long epoch_seconds(const std::string& time) {
  std::tm tm{};
  if (time.size() != 20 || std::sscanf(time.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<long long>(timegm(&tm));
}

std::string change_chart(const std::string& url, const std::vector<archive::LogEntry>& entries) {
  if (entries.empty()) return {};
  const long long first = epoch_seconds(entries.front().time), last = epoch_seconds(entries.back().time);
  std::size_t most = 1;
  for (const auto& e : entries) most = std::max(most, e.words_changed);
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 " + number(kWidth) + " " + number(kHeight) +
                    "\" width=\"100%\" height=\"" + number(kHeight) +
                    "\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Changes over time\">"
                    "<line class=\"axis\" x1=\"0\" y1=\"" + number(kHeight - 0.5) + "\" x2=\"" + number(kWidth) +
                    "\" y2=\"" + number(kHeight - 0.5) + "\"/>";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const archive::LogEntry& e = entries[i];
    double fraction = entries.size() == 1 ? 0.5 : static_cast<double>(i) / static_cast<double>(entries.size() - 1);
    if (last > first) fraction = static_cast<double>(epoch_seconds(e.time) - first) / static_cast<double>(last - first);
    const double x = fraction * (kWidth - kBar);
    std::string kind, tip;
    double height = 4;
    if (e.gone) {
      kind = "gone";
      tip = "gone (" + std::to_string(e.status) + ")";
    } else if (e.not_modified || !e.new_version) {
      kind = "same";
      tip = e.not_modified ? "not modified" : "same as version " + std::to_string(e.version);
    } else {
      kind = std::string(archive::label_name(e.label));
      const double scale = std::log1p(static_cast<double>(e.words_changed)) / std::log1p(static_cast<double>(most));
      height = kHeight * 0.15 + kHeight * 0.8 * (e.label == archive::ChangeLabel::kUnchanged ? 0 : scale);
      tip = "version " + std::to_string(e.version) + ": " + kind + ", " + std::to_string(e.words_changed) +
            " words changed";
    }
    svg += "<a href=\"" + href("/version", {{"url", url}, {"v", std::to_string(e.version)}}) + "\"><rect class=\"" +
           kind + "\" x=\"" + number(x) + "\" y=\"" + number(kHeight - height) + "\" width=\"" + number(kBar) +
           "\" height=\"" + number(height) + "\"><title>" + escape_html(e.time + " " + tip) + "</title></rect></a>";
  }
  return svg + "</svg>";
}

}  // namespace winnow::cli::serve
