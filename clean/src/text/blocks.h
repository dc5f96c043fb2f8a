// Splitting plain text into blocks: one per line, or one per blank-line-separated paragraph when lines are hard-wrapped.
#pragma once

#include <string_view>
#include <vector>

namespace winnow::clean {

// One block of a text input. `text` points into the input: the block's lines
// exactly as given (several lines, joined by their own line breaks, in
// paragraph mode), without trailing line terminators ("\n", "\r\n" or "\r").
struct TextBlock {
  std::string_view text;
  std::size_t first_line = 0;  // 1-based line number of the block's first line
};

// Splits `text` into its non-blank blocks in order. Paragraph mode (blocks are
// runs of non-blank lines separated by blank lines) is chosen when the text
// has blank lines and at least a third of its paragraphs span several lines,
// as hard-wrapped text does; otherwise every non-blank line is a block. Never
// fails; blank input gives no blocks.
std::vector<TextBlock> split_text_blocks(std::string_view text);

}  // namespace winnow::clean
