// The per-format renderers behind winnow::clean::render(); one file each.
#pragma once

#include <string>
#include <string_view>

#include "winnow/clean.h"

namespace winnow::clean {

std::string render_text(const Article& article);

// True for hrefs a rendered document may link to: http:, https: and mailto:
// (any case). An allow-list, so javascript:, vbscript:, data: and any scheme
// invented later are dropped, and so are relative links, which would resolve
// against wherever the output ends up. Markdown uses it too, as it is usually
// turned into HTML later.
bool is_safe_href(std::string_view href);
std::string render_markdown(const Article& article, const RenderOptions& options);
std::string render_html(const Article& article, const RenderOptions& options);

}  // namespace winnow::clean
