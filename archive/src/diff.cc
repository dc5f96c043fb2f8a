// Myers' greedy diff (forward, with a saved frontier per step for the script); inputs are trimmed of common ends first.
#include "diff.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace winnow::archive {
namespace {

// One step of an edit script.
enum class Op { kKeep, kDelete, kInsert };

using Hashes = std::vector<std::uint64_t>;

// Myers' greedy forward search for the shortest edit script from a to b:
// O((N+M)D) time. `before_step(d, v, offset)` sees the frontier (v[offset + k]
// is the furthest x on diagonal k) before each step d. Returns D, or nullopt
// past max_edits.
template <class BeforeStep>
std::optional<std::ptrdiff_t> forward_search(const Hashes& a, const Hashes& b, std::size_t max_edits,
                                             BeforeStep before_step) {
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = std::min<std::ptrdiff_t>(n + m, static_cast<std::ptrdiff_t>(max_edits));
  const std::ptrdiff_t offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  for (std::ptrdiff_t d = 0; d <= max; ++d) {
    before_step(d, v, offset);
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                         : v[offset + k - 1] + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return std::nullopt;
}

// The script that reaches (n, m) in `d` steps, walked back through the saved
// frontiers (trace[step] holds diagonals -step..step before that step).
std::vector<Op> walk_back(const std::vector<std::vector<std::ptrdiff_t>>& trace, std::ptrdiff_t n, std::ptrdiff_t m,
                          std::ptrdiff_t d) {
  std::vector<Op> ops;
  std::ptrdiff_t cx = n, cy = m;
  for (std::ptrdiff_t step = d; step > 0; --step) {
    const std::vector<std::ptrdiff_t>& prev = trace[static_cast<std::size_t>(step)];
    const std::ptrdiff_t ck = cx - cy;
    const auto at = [&](std::ptrdiff_t diagonal) { return prev[static_cast<std::size_t>(diagonal + step)]; };
    const bool down = ck == -step || (ck != step && at(ck - 1) < at(ck + 1));
    const std::ptrdiff_t pk = down ? ck + 1 : ck - 1;
    const std::ptrdiff_t px = at(pk);
    const std::ptrdiff_t py = px - pk;
    while (cx > (down ? px : px + 1) && cy > (down ? py + 1 : py)) {
      ops.push_back(Op::kKeep);
      --cx, --cy;
    }
    ops.push_back(down ? Op::kInsert : Op::kDelete);
    cx = px, cy = py;
  }
  while (cx > 0 && cy > 0) {
    ops.push_back(Op::kKeep);
    --cx, --cy;
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

// The shortest edit script between a and b, or nullopt past max_edits (then the caller treats the middle as replaced).
std::optional<std::vector<Op>> edit_script(const Hashes& a, const Hashes& b, std::size_t max_edits) {
  // trace[d] keeps the frontier diagonals -d..d as they were before step d: O(D²) memory in all.
  std::vector<std::vector<std::ptrdiff_t>> trace;
  const std::optional<std::ptrdiff_t> d =
      forward_search(a, b, max_edits, [&](std::ptrdiff_t step, const std::vector<std::ptrdiff_t>& v, std::ptrdiff_t offset) {
        trace.emplace_back(v.begin() + (offset - step), v.begin() + (offset + step + 1));
      });
  if (!d) return std::nullopt;
  return walk_back(trace, static_cast<std::ptrdiff_t>(a.size()), static_cast<std::ptrdiff_t>(b.size()), *d);
}

std::uint64_t hash_of(std::string_view text) {
  // FNV-1a: stable across runs, fast, and collisions only blur a count.
  std::uint64_t hash = 1469598103934665603ull;
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// How many items a and b share at their start (head) and, after it, at their end (tail).
struct CommonEnds {
  std::size_t head = 0, tail = 0;
};
template <class Equal>
CommonEnds common_ends(std::size_t a_size, std::size_t b_size, Equal equal) {
  CommonEnds ends;
  while (ends.head < a_size && ends.head < b_size && equal(ends.head, ends.head)) ++ends.head;
  while (ends.tail < a_size - ends.head && ends.tail < b_size - ends.head &&
         equal(a_size - 1 - ends.tail, b_size - 1 - ends.tail)) {
    ++ends.tail;
  }
  return ends;
}

// items without the common ends.
Hashes middle(const Hashes& items, const CommonEnds& ends) {
  return Hashes(items.begin() + static_cast<std::ptrdiff_t>(ends.head),
                items.end() - static_cast<std::ptrdiff_t>(ends.tail));
}

// The edit script from old_lines to new_lines: common ends kept, the middle
// aligned by Myers (or replaced wholesale when too different), and any pair
// "kept" only because two line hashes collide turned into a change.
std::vector<Op> line_script(const std::vector<std::string_view>& old_lines, const std::vector<std::string_view>& new_lines) {
  Hashes a, b;
  for (std::string_view line : old_lines) a.push_back(hash_of(line));
  for (std::string_view line : new_lines) b.push_back(hash_of(line));
  const CommonEnds ends =
      common_ends(a.size(), b.size(), [&](std::size_t i, std::size_t j) { return old_lines[i] == new_lines[j]; });
  const Hashes middle_a = middle(a, ends);
  const Hashes middle_b = middle(b, ends);
  std::vector<Op> ops(ends.head, Op::kKeep);
  if (std::optional<std::vector<Op>> script = edit_script(middle_a, middle_b, 1000)) {
    ops.insert(ops.end(), script->begin(), script->end());
  } else {
    // Too different to align cheaply: the middle is shown as replaced wholesale.
    ops.insert(ops.end(), middle_a.size(), Op::kDelete);
    ops.insert(ops.end(), middle_b.size(), Op::kInsert);
  }
  ops.insert(ops.end(), ends.tail, Op::kKeep);
  std::vector<Op> checked;
  std::size_t i = 0, j = 0;
  for (const Op op : ops) {
    if (op == Op::kKeep && old_lines[i] != new_lines[j]) {
      checked.push_back(Op::kDelete);
      checked.push_back(Op::kInsert);
    } else {
      checked.push_back(op);
    }
    if (op != Op::kInsert) ++i;
    if (op != Op::kDelete) ++j;
  }
  return checked;
}

// The script's hunks in unified diff form: each change with `context` kept lines around it.
class HunkWriter {
 public:
  HunkWriter(const std::vector<Op>& ops, const std::vector<std::string_view>& old_lines,
             const std::vector<std::string_view>& new_lines, std::size_t context)
      : ops_(ops), old_lines_(old_lines), new_lines_(new_lines), context_(context),
        pos_a_(ops.size() + 1), pos_b_(ops.size() + 1) {
    // Positions of each op in both texts.
    for (std::size_t k = 0; k < ops.size(); ++k) {
      pos_a_[k + 1] = pos_a_[k] + (ops[k] != Op::kInsert ? 1 : 0);
      pos_b_[k + 1] = pos_b_[k] + (ops[k] != Op::kDelete ? 1 : 0);
    }
  }

  void write(std::string& out) const {
    std::size_t k = 0;
    while (k < ops_.size()) {
      if (ops_[k] == Op::kKeep) {
        ++k;
        continue;
      }
      const std::size_t start = k >= context_ ? k - context_ : 0;
      const std::size_t end = hunk_end(k);
      write_hunk(start, end, out);
      k = end;
    }
  }

 private:
  // A hunk runs to `context` keeps after the last change that is within 2 × context of the one before it.
  std::size_t hunk_end(std::size_t first_change) const {
    std::size_t end = first_change;
    std::size_t last_change = first_change;
    while (end < ops_.size()) {
      if (ops_[end] != Op::kKeep) last_change = end;
      if (end - last_change > 2 * context_) break;
      ++end;
    }
    return std::min(ops_.size(), last_change + 1 + context_);
  }

  void write_hunk(std::size_t start, std::size_t end, std::string& out) const {
    const std::size_t old_count = pos_a_[end] - pos_a_[start];
    const std::size_t new_count = pos_b_[end] - pos_b_[start];
    out += "@@ -" + std::to_string(old_count == 0 ? pos_a_[start] : pos_a_[start] + 1) + "," +
           std::to_string(old_count) + " +" + std::to_string(new_count == 0 ? pos_b_[start] : pos_b_[start] + 1) +
           "," + std::to_string(new_count) + " @@\n";
    for (std::size_t h = start; h < end; ++h) {
      const Op op = ops_[h];
      out += op == Op::kKeep ? " " : op == Op::kDelete ? "-" : "+";
      out += op == Op::kInsert ? new_lines_[pos_b_[h]] : old_lines_[pos_a_[h]];
      out += "\n";
    }
  }

  const std::vector<Op>& ops_;
  const std::vector<std::string_view>& old_lines_;
  const std::vector<std::string_view>& new_lines_;
  std::size_t context_;
  std::vector<std::size_t> pos_a_, pos_b_;
};

}  // namespace

std::optional<std::size_t> edit_distance(const Hashes& a, const Hashes& b, std::size_t max_edits) {
  // Only the current frontier is kept: O(D) memory.
  const std::optional<std::ptrdiff_t> d =
      forward_search(a, b, max_edits, [](std::ptrdiff_t, const std::vector<std::ptrdiff_t>&, std::ptrdiff_t) {});
  if (!d) return std::nullopt;
  return static_cast<std::size_t>(*d);
}

std::vector<std::uint64_t> word_hashes(std::string_view text) {
  std::vector<std::uint64_t> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(hash_of(text.substr(start, i - start)));
  }
  return words;
}

std::size_t words_changed(std::string_view before, std::string_view after) {
  const Hashes all_a = word_hashes(before);
  const Hashes all_b = word_hashes(after);
  // Common ends cost nothing to skip and keep D the only thing that matters.
  const CommonEnds ends =
      common_ends(all_a.size(), all_b.size(), [&](std::size_t i, std::size_t j) { return all_a[i] == all_b[j]; });
  const Hashes a = middle(all_a, ends);
  const Hashes b = middle(all_b, ends);
  // Words changed per region is max(removed, added); summed over regions this is at least
  // max(|a|,|b|)-LCS and at most the edit distance. Using D: removed = (D + |a| - |b|) / 2, added = D - removed.
  const std::optional<std::size_t> distance = edit_distance(a, b, 4096);
  if (!distance) return std::max(a.size(), b.size());
  const std::size_t removed = (*distance + a.size() - b.size()) / 2;
  const std::size_t added = *distance - removed;
  return std::max(removed, added);
}

std::string unified_diff(std::string_view before, std::string_view after, const std::string& old_name,
                         const std::string& new_name, int context) {
  if (before == after) return {};
  const std::vector<std::string_view> old_lines = split_lines(before);
  const std::vector<std::string_view> new_lines = split_lines(after);
  const std::vector<Op> ops = line_script(old_lines, new_lines);
  std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
  HunkWriter(ops, old_lines, new_lines, static_cast<std::size_t>(context)).write(out);
  return out;
}

}  // namespace winnow::archive
