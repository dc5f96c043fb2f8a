// The per-format renderers behind winnow::clean::render() (one file each) and the layout text and Markdown share.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/clean.h"

namespace winnow::clean {

// The article as plain text (render/text.cc).
std::string render_text(const Article& article);

// True for hrefs a rendered document may link to: http:, https: and mailto:
// (any case). An allow-list, so javascript:, vbscript:, data: and any scheme
// invented later are dropped, and so are relative links, which would resolve
// against wherever the output ends up. Markdown uses it too, as it is usually
// turned into HTML later.
bool is_safe_href(std::string_view href);

// The article as Markdown (render/markdown.cc).
std::string render_markdown(const Article& article, const RenderOptions& options);
// The article as a safe HTML document (render/html.cc).
std::string render_html(const Article& article, const RenderOptions& options);

// The layout of text and Markdown: title (the rendered title line, or empty),
// then render_block(block) of each block that renders as something, separated
// by blank lines; ends in one "\n", or is "" when there is nothing at all.
template <class RenderBlock>
std::string join_blocks(std::string title, const std::vector<Block>& blocks, RenderBlock render_block) {
  std::string out = std::move(title);
  for (const Block& block : blocks) {
    std::string text = render_block(block);
    if (text.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += text;
  }
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace winnow::clean
