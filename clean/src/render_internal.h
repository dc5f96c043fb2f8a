// The per-format renderers behind winnow::clean::render(); one file each.
#pragma once

#include <string>

#include "winnow/clean.h"

namespace winnow::clean {

std::string render_text(const Article& article);
std::string render_markdown(const Article& article, const RenderOptions& options);
std::string render_html(const Article& article, const RenderOptions& options);

}  // namespace winnow::clean
