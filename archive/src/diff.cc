// Myers' greedy diff (forward, with a saved frontier per step for the script); inputs are trimmed of common ends first.
#include "diff.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace winnow::archive {
namespace {

// One step of an edit script.
enum class Op { kKeep, kDelete, kInsert };

// The shortest edit script between a and b, or nullopt past max_edits (then the caller treats the middle as replaced).
std::optional<std::vector<Op>> edit_script(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                                           std::size_t max_edits) {
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = std::min<std::ptrdiff_t>(n + m, static_cast<std::ptrdiff_t>(max_edits));
  const std::ptrdiff_t offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  // trace[d] keeps the frontier diagonals -d..d as they were before step d: O(D²) memory in all.
  std::vector<std::vector<std::ptrdiff_t>> trace;
  for (std::ptrdiff_t d = 0; d <= max; ++d) {
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                         : v[offset + k - 1] + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        // Walk the saved frontiers back from (n, m) to (0, 0).
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
    }
  }
  return std::nullopt;
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

}  // namespace

std::optional<std::size_t> edit_distance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                                         std::size_t max_edits) {
  // Greedy forward pass keeping only the current frontier: O((N+M)D) time, O(D) memory.
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = std::min<std::ptrdiff_t>(n + m, static_cast<std::ptrdiff_t>(max_edits));
  const std::ptrdiff_t offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  for (std::ptrdiff_t d = 0; d <= max; ++d) {
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                         : v[offset + k - 1] + 1;
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) return static_cast<std::size_t>(d);
    }
  }
  return std::nullopt;
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
  std::vector<std::uint64_t> a = word_hashes(before);
  std::vector<std::uint64_t> b = word_hashes(after);
  // Common ends cost nothing to skip and keep D the only thing that matters.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  a = std::vector<std::uint64_t>(a.begin() + static_cast<std::ptrdiff_t>(head), a.end() - static_cast<std::ptrdiff_t>(tail));
  b = std::vector<std::uint64_t>(b.begin() + static_cast<std::ptrdiff_t>(head), b.end() - static_cast<std::ptrdiff_t>(tail));
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
  std::vector<std::uint64_t> a, b;
  for (std::string_view line : old_lines) a.push_back(hash_of(line));
  for (std::string_view line : new_lines) b.push_back(hash_of(line));

  std::size_t head = 0;
  while (head < a.size() && head < b.size() && old_lines[head] == new_lines[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         old_lines[a.size() - 1 - tail] == new_lines[b.size() - 1 - tail]) {
    ++tail;
  }
  const std::vector<std::uint64_t> middle_a(a.begin() + static_cast<std::ptrdiff_t>(head),
                                            a.end() - static_cast<std::ptrdiff_t>(tail));
  const std::vector<std::uint64_t> middle_b(b.begin() + static_cast<std::ptrdiff_t>(head),
                                            b.end() - static_cast<std::ptrdiff_t>(tail));
  std::vector<Op> ops(head, Op::kKeep);
  if (std::optional<std::vector<Op>> middle = edit_script(middle_a, middle_b, 1000)) {
    ops.insert(ops.end(), middle->begin(), middle->end());
  } else {
    // Too different to align cheaply: the middle is shown as replaced wholesale.
    ops.insert(ops.end(), middle_a.size(), Op::kDelete);
    ops.insert(ops.end(), middle_b.size(), Op::kInsert);
  }
  ops.insert(ops.end(), tail, Op::kKeep);
  // Hash collisions could pair different lines: a "kept" pair must really be equal, else it is a change.
  {
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
    ops = std::move(checked);
  }

  std::string out = "--- " + old_name + "\n+++ " + new_name + "\n";
  // Positions of each op in both texts.
  std::vector<std::size_t> pos_a(ops.size() + 1), pos_b(ops.size() + 1);
  for (std::size_t k = 0; k < ops.size(); ++k) {
    pos_a[k + 1] = pos_a[k] + (ops[k] != Op::kInsert ? 1 : 0);
    pos_b[k + 1] = pos_b[k] + (ops[k] != Op::kDelete ? 1 : 0);
  }
  std::size_t k = 0;
  const auto ctx = static_cast<std::size_t>(context);
  while (k < ops.size()) {
    if (ops[k] == Op::kKeep) {
      ++k;
      continue;
    }
    // A hunk: from `context` keeps before this change to `context` keeps after the last change
    // that is within 2 × context of the previous one.
    const std::size_t start = k >= ctx ? k - ctx : 0;
    std::size_t end = k;
    std::size_t last_change = k;
    while (end < ops.size()) {
      if (ops[end] != Op::kKeep) last_change = end;
      if (end - last_change > 2 * ctx) break;
      ++end;
    }
    end = std::min(ops.size(), last_change + 1 + ctx);
    const std::size_t old_count = pos_a[end] - pos_a[start];
    const std::size_t new_count = pos_b[end] - pos_b[start];
    out += "@@ -" + std::to_string(old_count == 0 ? pos_a[start] : pos_a[start] + 1) + "," + std::to_string(old_count) +
           " +" + std::to_string(new_count == 0 ? pos_b[start] : pos_b[start] + 1) + "," + std::to_string(new_count) +
           " @@\n";
    for (std::size_t h = start; h < end; ++h) {
      switch (ops[h]) {
        case Op::kKeep:
          out += " ";
          out += old_lines[pos_a[h]];
          break;
        case Op::kDelete:
          out += "-";
          out += old_lines[pos_a[h]];
          break;
        case Op::kInsert:
          out += "+";
          out += new_lines[pos_b[h]];
          break;
      }
      out += "\n";
    }
    k = end;
  }
  return out;
}

}  // namespace winnow::archive
