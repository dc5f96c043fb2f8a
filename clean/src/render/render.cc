// Output formats: parsing their names, their file extensions, and dispatching render() to each renderer.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "render/internal.h"
#include "winnow/clean.h"

namespace winnow::clean {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != static_cast<unsigned char>(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_safe_href(std::string_view href) {
  auto starts = [&](std::string_view scheme) {
    return href.size() >= scheme.size() && equals_ignoring_case(href.substr(0, scheme.size()), scheme);
  };
  return starts("http:") || starts("https:") || starts("mailto:");
}

std::optional<Format> parse_format(std::string_view name) {
  struct Name {
    std::string_view name;
    Format format;
  };
  static constexpr Name kNames[] = {
      {"text", Format::kText}, {"txt", Format::kText},  {"markdown", Format::kMarkdown},
      {"md", Format::kMarkdown}, {"html", Format::kHtml}, {"json", Format::kJson},
  };
  for (const Name& entry : kNames) {
    if (equals_ignoring_case(name, entry.name)) return entry.format;
  }
  return std::nullopt;
}

std::string_view format_extension(Format format) {
  switch (format) {
    case Format::kText:
      return "txt";
    case Format::kMarkdown:
      return "md";
    case Format::kHtml:
      return "html";
    case Format::kJson:
      return "json";
  }
  return "txt";
}

std::string render(const Article& article, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::kText:
      return render_text(article);
    case Format::kMarkdown:
      return render_markdown(article, options);
    case Format::kHtml:
      return render_html(article, options);
    case Format::kJson:
      return render_json(article);
  }
  return render_text(article);
}

}  // namespace winnow::clean
