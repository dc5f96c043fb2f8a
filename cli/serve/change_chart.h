// The timeline's bar chart of changes: one bar per capture, placed by time, as an inline SVG (no script, no style attributes).
#pragma once

#include <string>
#include <vector>

#include "winnow/archive.h"

namespace winnow::cli::serve {

// An SVG of `entries` (a URL's log, oldest first): a capture that made a
// version is a bar as tall as its words changed (log scale) and classed by
// its label; a repeat, 304 or gone capture is a short tick. Each bar links
// to its version of `url` and has a <title> tooltip. Escaped throughout.
std::string change_chart(const std::string& url, const std::vector<archive::LogEntry>& entries);

// Seconds since 1970 of a "YYYY-MM-DDTHH:MM:SSZ" time; 0 when it is not one.
long long epoch_seconds(const std::string& time);

}  // namespace winnow::cli::serve
