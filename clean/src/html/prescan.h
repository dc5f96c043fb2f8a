// Removes what the parser never needs (scripts, styles, SVG, comments) before parsing, keeping JSON-LD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::clean {

struct Prescanned {
  std::string html;                  // the page without script/style/svg/template bodies and comments
  std::vector<std::string> json_ld;  // bodies of <script type="application/ld+json">, in order
};

// Strips the bodies of <script>, <style>, <svg>, <template>, <noscript> and
// <!-- comments --> from UTF-8 HTML with a single forward scan, so that Gumbo
// spends no time on them. The element tags themselves are dropped too. A
// <noscript> holding a script-less rendering of the page (2 KiB or more, with
// paragraph, list or heading markup) keeps its content; only its tags go.
// Tolerates truncated input (an unterminated element is dropped to the end).
// <title>, <textarea> and <xmp> pass through unscanned (their content is
// text). Open tags nested deeper than 400 elements, tracked with a stack of
// open elements as the parser would, are dropped with their close tags.
Prescanned prescan_html(std::string_view html);

}  // namespace winnow::clean
