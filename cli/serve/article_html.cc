// Turns the stored article text back into paragraphs and lists; the text format's markers are the only structure it has.
#include "serve/article_html.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "serve/html.h"

namespace winnow::cli::serve {
namespace {

std::vector<std::string_view> split_lines(std::string_view block) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= block.size()) {
    std::size_t end = block.find('\n', start);
    if (end == std::string_view::npos) end = block.size();
    lines.push_back(block.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The length of an ordered-list marker ("12. ") at the start of `line`, 0 if none.
std::size_t number_marker(std::string_view line) {
  std::size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits == 0 || digits > 4 || line.substr(digits, 2) != ". ") return 0;
  return digits + 2;
}

std::string block_html(std::string_view block) {
  const std::vector<std::string_view> lines = split_lines(block);
  bool bullets = true, numbers = true;
  for (std::string_view line : lines) {
    bullets = bullets && line.substr(0, 2) == "- ";
    numbers = numbers && number_marker(line) > 0;
  }
  if (bullets || numbers) {
    std::string html = bullets ? "<ul>" : "<ol>";
    for (std::string_view line : lines) {
      html += "<li>" + escape_html(line.substr(bullets ? 2 : number_marker(line))) + "</li>";
    }
    return html + (bullets ? "</ul>" : "</ol>");
  }
  return "<p>" + escape_html(block) + "</p>";
}

std::string scalar_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return {};
}

}  // namespace

std::string article_html(std::string_view text, std::string_view title) {
  if (!title.empty() && text.substr(0, title.size()) == title && text.substr(title.size(), 2) == "\n\n") {
    text.remove_prefix(title.size() + 2);
  }
  std::string html;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view block = text.substr(start, end - start);
    while (!block.empty() && block.back() == '\n') block.remove_suffix(1);
    while (!block.empty() && block.front() == '\n') block.remove_prefix(1);
    if (!block.empty()) html += block_html(block) + '\n';
    start = end + 2;
  }
  return html;
}

std::string metadata_html(std::string_view metadata_json) {
  const nlohmann::json metadata = nlohmann::json::parse(metadata_json, nullptr, false);
  if (!metadata.is_object()) return {};
  std::string rows;
  for (const auto& [key, value] : metadata.items()) {
    if (key == "title") continue;  // the page's heading
    std::string shown;
    if (value.is_array()) {
      for (const auto& item : value) {
        const std::string part = scalar_text(item);
        if (!part.empty()) shown += (shown.empty() ? "" : ", ") + part;
      }
    } else {
      shown = scalar_text(value);
    }
    if (shown.empty()) continue;
    rows += "<dt>" + escape_html(key) + "</dt><dd>" + escape_html(shown) + "</dd>";
  }
  return rows.empty() ? std::string() : "<dl class=\"metadata\">" + rows + "</dl>";
}

}  // namespace winnow::cli::serve
