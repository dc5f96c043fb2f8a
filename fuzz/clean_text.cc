// Fuzz target: clean_text (text already extracted, boilerplate and all) and every renderer of its article.
//
// Input: one flag byte, then the text. Flag bit 0: Options::explain; bit 1: a Content-Type with charset=windows-1252.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "article_checks.h"
#include "charset/charset.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  clean::Options options;
  options.explain = flags & 1;
  if (flags & 2) options.content_type = "text/plain; charset=windows-1252";

  Result<clean::CleanedText> cleaned = clean::clean_text(text, options);
  if (!cleaned) {
    fuzz::require(cleaned.error().kind == ErrorKind::kInvalidInput, "clean_text failed with an unexpected error kind",
                  cleaned.error().message);
    return 0;
  }
  Result<clean::Decoded> decoded = clean::decode_to_utf8(text, options.charset, options.content_type);
  fuzz::require(decoded.ok(), "clean_text succeeded on bytes decode_to_utf8 refuses");
  fuzz::CodePoints allowed;
  fuzz::add_code_points(decoded.value().utf8, allowed);
  allowed.insert(0xFFFD);

  const clean::CleanedText& result = cleaned.value();
  std::size_t previous_line = 0;
  for (const clean::TextVerdict& verdict : result.verdicts) {
    fuzz::require_utf8(verdict.text, "a verdict's text is not valid UTF-8");
    // A verdict's text is the block as in the input: nothing but the input's characters.
    fuzz::require_made_of(verdict.text, allowed, "verdict text");
    fuzz::require(verdict.line > previous_line, "verdict lines do not increase");
    previous_line = verdict.line;
    fuzz::require(!verdict.title || verdict.keep, "a title verdict that is not kept");
    fuzz::require(!options.explain || verdict.reasons.size() < 64, "too many reasons");
    for (const std::string& reason : verdict.reasons) fuzz::require_utf8(reason, "a reason is not valid UTF-8");
  }
  const std::string kept = result.kept_text();
  fuzz::require_utf8(kept, "kept_text() is not valid UTF-8");
  fuzz::require_made_of(kept, allowed, "kept_text");
  fuzz::check_article(result.article, &allowed);
  fuzz::check_renderers(result.article);
  return 0;
}
