// Renders clean_text's verdicts for --explain, as aligned lines or as JSON.
#include "clean/explain.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace winnow::cli {
namespace {

constexpr std::size_t kShownCharacters = 80;

// The first `limit` characters of one-line `text` (never cutting a UTF-8 sequence), with "…" if cut.
std::string shortened(const std::string& text) {
  std::string one_line = text;
  for (char& c : one_line) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  std::size_t characters = 0;
  for (std::size_t i = 0; i < one_line.size(); ++i) {
    if ((static_cast<unsigned char>(one_line[i]) & 0xC0) == 0x80) continue;
    if (characters++ == kShownCharacters) return one_line.substr(0, i) + "\xE2\x80\xA6";
  }
  return one_line;
}

}  // namespace

std::string render_explanation(const clean::CleanedText& text, bool json) {
  if (json) {
    nlohmann::ordered_json out;
    out["paragraphs"] = text.paragraphs;
    out["blocks"] = nlohmann::ordered_json::array();
    for (const clean::TextVerdict& verdict : text.verdicts) {
      nlohmann::ordered_json block;
      block["line"] = verdict.line;
      block["keep"] = verdict.keep;
      block["title"] = verdict.title;
      block["score"] = std::round(verdict.score * 100) / 100;
      block["reasons"] = verdict.reasons;
      block["text"] = verdict.text;
      out["blocks"].push_back(std::move(block));
    }
    return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
  }
  std::string out;
  for (const clean::TextVerdict& verdict : text.verdicts) {
    char head[64];
    std::snprintf(head, sizeof head, "%s  %+6.2f  L%-5zu %s", verdict.keep ? "keep" : "drop",
                  static_cast<double>(verdict.score), verdict.line, verdict.title ? "title  " : "");
    out += head;
    out += shortened(verdict.text);
    if (!verdict.reasons.empty()) {
      out += "  [";
      for (std::size_t i = 0; i < verdict.reasons.size(); ++i) out += (i ? ", " : "") + verdict.reasons[i];
      out += ']';
    }
    out += '\n';
  }
  return out;
}

}  // namespace winnow::cli
