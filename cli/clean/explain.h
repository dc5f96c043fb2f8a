// `winnow clean --explain`: one line (or JSON object) per block of a text input with its verdict, score and reasons.
#pragma once

#include <string>

#include "winnow/clean.h"

namespace winnow::cli {

// Renders every verdict of `text`. Plain form, one line per block:
//   keep  +3.21  L12  title  Beijing Visit by …  [log_words +1.10, context +0.50]
// (decision, score, first line number, "title" for the title, the text cut to
// 80 characters, the reasons). With `json`, one JSON object
// {"paragraphs": bool, "blocks": [{line, keep, title, score, reasons, text}]}.
std::string render_explanation(const clean::CleanedText& text, bool json);

}  // namespace winnow::cli
