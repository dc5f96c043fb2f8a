// Plain-text views of an article: Block::plain_text, Article::text and Article::word_count.
#include <cstddef>
#include <string>
#include <string_view>

#include "winnow/clean.h"

namespace winnow::clean {

namespace {

std::string join_spans(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& span : spans) out += span.text;
  return out;
}

// Counts words across several pieces of text without building the joined string;
// a word may continue from one span into the next because spans carry their own spaces.
class WordCounter {
 public:
  void feed(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      unsigned char next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
      // U+00A0 (C2 A0) and the General Punctuation block U+2000..U+207F
      // (E2 80.., E2 81..: spaces, dashes, quotes) separate words.
      if ((c == 0xC2 && next == 0xA0) || (c == 0xE2 && (next == 0x80 || next == 0x81))) {
        in_word_ = false;
        i += c == 0xC2 ? 1 : 2;
        continue;
      }
      // Any other non-ASCII byte counts as a letter: cheap, and right for
      // letters in every script.
      bool word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                  (c >= 'A' && c <= 'Z');
      if (word && !in_word_) ++count_;
      in_word_ = word;
    }
  }
  void feed(const std::vector<Span>& spans) {
    for (const Span& span : spans) feed(span.text);
  }
  void separate() { in_word_ = false; }
  std::size_t count() const { return count_; }

 private:
  std::size_t count_ = 0;
  bool in_word_ = false;
};

}  // namespace

std::string Block::plain_text() const {
  switch (kind) {
    case BlockKind::kHeading:
    case BlockKind::kParagraph:
    case BlockKind::kQuote:
      return join_spans(spans);
    case BlockKind::kList: {
      std::string out;
      for (const auto& item : items) {
        std::string line = join_spans(item);
        // An empty item would read as a paragraph break.
        if (line.empty()) continue;
        if (!out.empty()) out += '\n';
        out += line;
      }
      return out;
    }
    case BlockKind::kTable: {
      std::string out;
      for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r > 0) out += '\n';
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
          if (c > 0) out += " | ";
          out += rows[r][c];
        }
      }
      return out;
    }
    case BlockKind::kCode:
      return code;
  }
  return {};
}

std::string Article::text() const {
  std::string out;
  for (const Block& block : blocks) {
    std::string part = block.plain_text();
    if (part.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += part;
  }
  return out;
}

std::size_t Article::word_count() const {
  // Same count as scanning text(): every separator text() inserts is a non-word
  // character, so counting piece by piece with a break between pieces agrees.
  WordCounter counter;
  for (const Block& block : blocks) {
    counter.separate();
    switch (block.kind) {
      case BlockKind::kHeading:
      case BlockKind::kParagraph:
      case BlockKind::kQuote:
        counter.feed(block.spans);
        break;
      case BlockKind::kList:
        for (const auto& item : block.items) {
          counter.separate();
          counter.feed(item);
        }
        break;
      case BlockKind::kTable:
        for (const auto& row : block.rows) {
          for (const std::string& cell : row) {
            counter.separate();
            counter.feed(cell);
          }
        }
        break;
      case BlockKind::kCode:
        counter.feed(block.code);
        break;
    }
  }
  return counter.count();
}

}  // namespace winnow::clean
