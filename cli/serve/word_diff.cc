// Myers' diff on words: the forward search keeps each round's furthest reaching paths, then walks them back into runs.
#include "serve/word_diff.h"

#include <algorithm>

namespace winnow::cli::serve {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Appends `count` words of `op` to the runs, merging with the run before when it has the same op.
void add_run(std::vector<DiffRun>& runs, DiffOp op, std::size_t a_begin, std::size_t b_begin, std::size_t count) {
  if (count == 0) return;
  if (!runs.empty() && runs.back().op == op) {
    runs.back().count += count;
    return;
  }
  runs.push_back({op, a_begin, b_begin, count});
}

// One edit of the script, word by word: kEqual moves both, kDelete a, kInsert b.
struct Step {
  DiffOp op;
  std::size_t a, b;
};

// The Myers edit script of a[a0, a1) against b[b0, b1), or false when it needs more than max_edits edits.
bool myers(const std::vector<WordToken>& a, std::size_t a0, std::size_t a1, const std::vector<WordToken>& b,
           std::size_t b0, std::size_t b1, std::size_t max_edits, std::vector<Step>& script) {
  const long n = static_cast<long>(a1 - a0), m = static_cast<long>(b1 - b0);
  const long limit = std::min<long>(n + m, static_cast<long>(max_edits));
  std::vector<long> v(static_cast<std::size_t>(2 * limit + 3), 0);
  const long offset = limit + 1;
  std::vector<std::vector<long>> trace;  // trace[d][k + d]: furthest x on diagonal k after d edits
  long found = -1;
  for (long d = 0; d <= limit && found < 0; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                               : v[offset + k - 1] + 1;
      long y = x - k;
      while (x < n && y < m && a[a0 + x].word == b[b0 + y].word) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.emplace_back(v.begin() + offset - d, v.begin() + offset + d + 1);
  }
  if (found < 0) return false;
  long x = n, y = m;
  std::vector<Step> reversed;
  for (long d = found; d > 0; --d) {
    const std::vector<long>& previous = trace[static_cast<std::size_t>(d - 1)];
    const long k = x - y;
    const auto at = [&](long diagonal) { return previous[static_cast<std::size_t>(diagonal + d - 1)]; };
    const long prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    const long prev_x = at(prev_k), prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) reversed.push_back({DiffOp::kEqual, static_cast<std::size_t>(--x), static_cast<std::size_t>(--y)});
    if (x == prev_x) {
      reversed.push_back({DiffOp::kInsert, static_cast<std::size_t>(x), static_cast<std::size_t>(--y)});
    } else {
      reversed.push_back({DiffOp::kDelete, static_cast<std::size_t>(--x), static_cast<std::size_t>(y)});
    }
  }
  while (x > 0 && y > 0) reversed.push_back({DiffOp::kEqual, static_cast<std::size_t>(--x), static_cast<std::size_t>(--y)});
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) script.push_back({it->op, it->a + a0, it->b + b0});
  return true;
}

}  // namespace

std::vector<WordToken> split_words(std::string_view text, std::string_view* lead) {
  std::vector<WordToken> words;
  std::size_t pos = 0;
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (lead) *lead = text.substr(0, pos);
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size() && !is_space(text[end])) ++end;
    std::size_t space_end = end;
    while (space_end < text.size() && is_space(text[space_end])) ++space_end;
    words.push_back({text.substr(pos, end - pos), text.substr(end, space_end - end)});
    pos = space_end;
  }
  return words;
}

WordDiff diff_words(std::string_view a, std::string_view b, std::size_t max_edits) {
  WordDiff diff;
  diff.a = split_words(a, &diff.a_lead);
  diff.b = split_words(b, &diff.b_lead);
  const std::size_t n = diff.a.size(), m = diff.b.size();
  std::size_t prefix = 0;
  while (prefix < n && prefix < m && diff.a[prefix].word == diff.b[prefix].word) ++prefix;
  std::size_t suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && diff.a[n - 1 - suffix].word == diff.b[m - 1 - suffix].word) {
    ++suffix;
  }
  add_run(diff.runs, DiffOp::kEqual, 0, 0, prefix);
  std::vector<Step> script;
  if (myers(diff.a, prefix, n - suffix, diff.b, prefix, m - suffix, max_edits, script)) {
    for (const Step& step : script) add_run(diff.runs, step.op, step.a, step.b, 1);
  } else {
    diff.approximate = true;
    add_run(diff.runs, DiffOp::kDelete, prefix, prefix, n - suffix - prefix);
    add_run(diff.runs, DiffOp::kInsert, n - suffix, prefix, m - suffix - prefix);
  }
  add_run(diff.runs, DiffOp::kEqual, n - suffix, m - suffix, suffix);
  for (const DiffRun& run : diff.runs) {
    if (run.op == DiffOp::kDelete) diff.deleted += run.count;
    if (run.op == DiffOp::kInsert) diff.inserted += run.count;
  }
  return diff;
}

}  // namespace winnow::cli::serve
