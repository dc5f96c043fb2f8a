// clean_text(): plain text in, the article's blocks out (split, featurise, score with the built-in model, pick the title).
#include <algorithm>
#include <string>
#include <utility>

#include "charset/charset.h"
#include "text/blocks.h"
#include "text/features.h"
#include "text/model.h"
#include "text/verdicts.h"
#include "winnow/ascii.h"
#include "winnow/clean.h"
#include "winnow/control_chars.h"

namespace winnow::clean {
namespace {

// True when at least half the gaps between blocks hold a blank line, so the output should keep them.
bool mostly_blank_separated(const std::vector<TextBlock>& blocks) {
  std::size_t gaps = 0, blank_gaps = 0;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    const std::size_t lines = 1 + static_cast<std::size_t>(std::count(blocks[i - 1].text.begin(), blocks[i - 1].text.end(), '\n'));
    ++gaps;
    if (blocks[i].first_line > blocks[i - 1].first_line + lines) ++blank_gaps;
  }
  return gaps > 0 && blank_gaps * 2 >= gaps;
}

// Line ends become "\n" (CRLF and a lone CR alike, so the line count is kept)
// and the other control characters go: kept blocks are printed as they are,
// and an ESC or BEL from the input must not reach a terminal.
std::string plain_lines(std::string_view text) {
  std::string lines;
  lines.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      lines.push_back(text[i]);
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      lines.push_back('\n');
    }
  }
  return without_control_chars(lines);
}

}  // namespace

std::string CleanedText::kept_text() const {
  std::string out;
  for (const TextVerdict& verdict : verdicts) {
    if (!verdict.keep) continue;
    if (paragraphs && !out.empty()) out += '\n';
    out += verdict.text;
    out += '\n';
  }
  return out;
}

Result<CleanedText> clean_text(std::string_view bytes, const Options& options) {
  if (bytes.size() > options.max_input_bytes) {
    return Error{ErrorKind::kTooLarge, "input is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                           std::to_string(options.max_input_bytes) + " bytes"};
  }
  if (bytes.find_first_not_of(" \t\r\n\f") == std::string_view::npos) {
    return Error{ErrorKind::kInvalidInput, "input is empty"};
  }
  Result<const TextModel*> model = builtin_text_model();
  if (!model) return model.error();
  Result<Decoded> decoded = decode_to_utf8(bytes, options.charset, options.content_type);
  if (!decoded) return decoded.error();
  const std::string text = plain_lines(decoded.value().utf8);
  decoded.value().utf8 = std::string();

  const std::vector<TextBlock> blocks = split_text_blocks(text);
  const std::vector<TextFeatures> features = text_block_features(blocks);
  CleanedText cleaned;
  cleaned.paragraphs = mostly_blank_separated(blocks);
  cleaned.verdicts = judge_text_blocks(*model.value(), blocks, features, options.explain);

  Article& article = cleaned.article;
  article.url = options.url;
  for (const TextVerdict& verdict : cleaned.verdicts) {
    if (!verdict.keep) continue;
    if (verdict.title) {
      article.metadata.title = verdict.text;
      continue;
    }
    Span span;
    span.text = verdict.text;
    Block block;
    block.spans.push_back(std::move(span));
    article.blocks.push_back(std::move(block));
  }
  if (article.blocks.empty() && article.metadata.title.empty()) article.warnings.push_back("no article text found");
  return cleaned;
}

InputKind sniff_input_kind(std::string_view bytes) {
  if (looks_wide_unicode(bytes)) {
    // UTF-16/32 markup has a NUL beside every ASCII byte: sniff its decoded head
    // (a multiple of 4 bytes, so no code unit is cut).
    const Result<Decoded> head = decode_to_utf8(bytes.substr(0, std::min<std::size_t>(bytes.size(), 16384) & ~std::size_t{3}));
    if (head) return sniff_input_kind(head.value().utf8);
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::size_t start = bytes.find_first_not_of(" \t\r\n\f");
  if (start == std::string_view::npos) return InputKind::kText;
  if (bytes[start] == '<' && start + 1 < bytes.size()) {
    const char next = bytes[start + 1];
    if (next == '!' || next == '?' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
      return InputKind::kHtml;
    }
  }
  const std::string head = ascii::to_lower(bytes.substr(0, 4096));
  for (const char* marker : {"<html", "<head", "<body", "<!doctype html"}) {
    if (head.find(marker) != std::string::npos) return InputKind::kHtml;
  }
  return InputKind::kText;
}

}  // namespace winnow::clean
