// text_block_features(): per-block statistics (shape, words, punctuation), then context from the whole text.
#include "text/features.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <tuple>
#include <unordered_map>

#include "text/best_run.h"
#include "text/lexicon.h"

namespace winnow::clean {
namespace {

// Each feature with its name. The model file is keyed to this list (see
// text_feature_signature), and the static_assert below keeps it in enum order.
constexpr struct {
  TextFeature feature;
  std::string_view name;
} kFeatureNames[] = {
    {kLogChars, "log_chars"},
    {kLogWords, "log_words"},
    {kEndsSentence, "ends_sentence"},
    {kEndsColon, "ends_colon"},
    {kSentences, "sentences"},
    {kCommaRate, "comma_rate"},
    {kCapitalisedWords, "capitalised_words"},
    {kUpperLetters, "upper_letters"},
    {kDigits, "digits"},
    {kPunctuation, "punctuation"},
    {kSeparators, "separators"},
    {kMeanWordLength, "mean_word_length"},
    {kShortWords, "short_words"},
    {kStopWords, "function_words"},
    {kActionWords, "action_words"},
    {kActionCount, "action_count"},
    {kPersonWords, "person_words"},
    {kLinkOrHandle, "link_or_handle"},
    {kClockOrDate, "clock_or_date"},
    {kStartsWithBullet, "starts_with_bullet"},
    {kQuotes, "quotes"},
    {kCopyright, "copyright"},
    {kRepeats, "repeats"},
    {kStartsCapitalised, "starts_capitalised"},
    {kNonLatin, "non_latin"},
    {kRelativeIndex, "relative_index"},
    {kRelativeCharPosition, "relative_char_position"},
    {kLogBlockCount, "log_block_count"},
    {kLogTotalChars, "log_total_chars"},
    {kShareOfLongest, "share_of_longest"},
    {kWindowProseShare, "window_prose_share"},
    {kLogDistancePrevProse, "log_distance_prev_prose"},
    {kLogDistanceNextProse, "log_distance_next_prose"},
    {kInsideCore, "inside_core"},
    {kLogDistanceToCore, "log_distance_to_core"},
    {kCorePosition, "core_position"},
    {kProseBefore, "prose_before"},
    {kProseAfter, "prose_after"},
    {kPrevLogChars, "prev_log_chars"},
    {kPrevEndsSentence, "prev_ends_sentence"},
    {kPrevStopWords, "prev_function_words"},
    {kPrevCapitalised, "prev_capitalised"},
    {kPrevActionWords, "prev_action_words"},
    {kNextLogChars, "next_log_chars"},
    {kNextEndsSentence, "next_ends_sentence"},
    {kNextStopWords, "next_function_words"},
    {kNextCapitalised, "next_capitalised"},
    {kNextActionWords, "next_action_words"},
    {kPrev2LogChars, "prev2_log_chars"},
    {kPrev2EndsSentence, "prev2_ends_sentence"},
    {kNext2LogChars, "next2_log_chars"},
    {kNext2EndsSentence, "next2_ends_sentence"},
    {kLogShortRun, "log_short_run"},
    {kShortRunPosition, "short_run_position"},
    {kWideProseShare, "wide_prose_share"},
    {kShareOfMedian, "share_of_median"},
    {kReaderWords, "reader_words"},
    {kAppealWords, "appeal_words"},
    {kWindowPersonWords, "window_person_words"},
    {kWindowAppealWords, "window_appeal_words"},
    {kLogProseBlocksAfter, "log_prose_blocks_after"},
};
static_assert(std::size(kFeatureNames) == kTextFeatureCount, "every text feature has a name");
static_assert(in_enum_order(kFeatureNames), "kFeatureNames lists the features in enum order");

// A menu item, a link line, a label: few words and no sentence.
constexpr float kShortLineWords = 6;

// Decodes one UTF-8 code point at `text[i]` and advances `i`; invalid bytes give U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  const int extra = (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + extra >= text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000; }
bool is_ideograph(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}
// Letters and digits of any script, roughly: everything above Latin-1 that is not punctuation or symbols.
bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;   // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;   // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFF20) return false;   // full-width punctuation
  if (c >= 0xE000 && c <= 0xF8FF) return false;   // private use (icon fonts)
  if (c >= 0xFE00 && c <= 0xFE4F) return false;
  if (c >= 0x1F000 || c == 0xFFFD) return false;  // emoji, replacement character
  return true;
}
bool is_upper(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
         (c >= 0x410 && c <= 0x42F);
}
bool is_terminator(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026 ||
         c == 0x061F || c == 0x0964;
}
bool is_closing(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x300D;
}
bool is_quote(char32_t c) { return c == '"' || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x201E; }
bool is_separator(char32_t c) { return c == '|' || c == 0x2022 || c == 0xB7 || c == 0xBB || c == 0x203A || c == 0x25B8; }
bool is_bullet(char32_t c) {
  return c == 0x2022 || c == 0xB7 || c == '*' || c == 0x25BA || c == 0x25B6 || c == 0x2192 || c == '>' ||
         c == 0xBB || c == '#' || c == 0x25CF || c == 0x25AA;
}

// What one block says on its own.
struct BlockStats {
  float chars = 0;  // code points that are not spaces
  float words = 0;
  float letters = 0, upper = 0, digits = 0, punctuation = 0, non_latin = 0;
  float capitalised = 0, short_words = 0, function = 0, action = 0, person = 0, word_length = 0;
  float reader = 0, appeal = 0;
  float sentences = 0, commas = 0, separators = 0, quotes = 0;
  bool ends_sentence = false, ends_colon = false, link = false, clock = false, bullet = false;
  bool copyright = false, starts_capitalised = false;
  std::string key;  // letters and digits, lower-cased: finds repeated blocks
  bool prose() const { return words >= 10 && (ends_sentence || sentences >= 1); }
  bool short_line() const { return words < kShortLineWords && !ends_sentence; }
};

void finish_word(BlockStats& s, std::string& word, std::size_t letters, bool capitalised) {
  if (letters == 0) return;
  s.words += 1;
  s.word_length += static_cast<float>(letters);
  if (capitalised) s.capitalised += 1;
  if (letters <= 3) s.short_words += 1;
  const unsigned classes = word_classes(word);
  if (classes & kFunctionWord) s.function += 1;
  if (classes & kActionWord) s.action += 1;
  if (classes & kPersonWord) s.person += 1;
  if (classes & kReaderWord) s.reader += 1;
  if (classes & kAppealWord) s.appeal += 1;
  s.key += word;
  word.clear();
}

// The state of one scan over a block's code points.
struct BlockScan {
  std::string word;            // the word being read, lower-cased
  std::size_t word_letters = 0;
  bool word_capitalised = false;
  char32_t last = 0, before_last = 0;
  std::size_t digit_run = 0;   // digits just before (for clocks and dates)
  bool first_visible = true;

  void end_word(BlockStats& s) {
    finish_word(s, word, word_letters, word_capitalised);
    word_letters = 0;
  }
  bool after_sentence_end() const { return is_terminator(last) || (is_closing(last) && is_terminator(before_last)); }
};

// A letter or digit c, text[at, i) in the input.
[[gnu::always_inline]] inline void count_word_char(BlockStats& s, BlockScan& scan, std::string_view text, std::size_t at, std::size_t i,
                     char32_t c) {
  const bool digit = c >= '0' && c <= '9';
  if (digit) {
    s.digits += 1;
    ++scan.digit_run;
  } else {
    s.letters += 1;
    if (is_upper(c)) s.upper += 1;
    if (c >= 0x370) s.non_latin += 1;
    scan.digit_run = 0;
  }
  if (scan.word_letters == 0) scan.word_capitalised = is_upper(c);
  if (is_ideograph(c)) {  // scripts without spaces: every ideograph is a word
    finish_word(s, scan.word, scan.word_letters, scan.word_capitalised);
    scan.word.append(text.substr(at, i - at));
    finish_word(s, scan.word, 1, false);
    scan.word_letters = 0;
  } else {
    if (c >= 'A' && c <= 'Z') {
      scan.word.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      scan.word.append(text.substr(at, i - at));
    }
    ++scan.word_letters;
  }
}

// A visible character that is not a letter or digit; text[i] is the one after it.
[[gnu::always_inline]] inline void count_punctuation(BlockStats& s, BlockScan& scan, std::string_view text, std::size_t i, char32_t c) {
  scan.end_word(s);
  s.punctuation += 1;
  if (c == ',' || c == ';' || c == 0x3001 || c == 0xFF0C) s.commas += 1;
  if (is_separator(c)) s.separators += 1;
  if (is_quote(c)) s.quotes += 1;
  if (c == 0xA9 || c == 0xAE || c == 0x2122) s.copyright = true;
  if (c == '@' && i < text.size() && text[i] != ' ') s.link = true;
  if ((c == ':' || c == '/') && scan.digit_run >= 1 && i < text.size() && text[i] >= '0' && text[i] <= '9') {
    s.clock = true;
  }
  if (c == ':' && text.substr(i, 2) == "//") s.link = true;
  if (c != '.' || scan.digit_run == 0) scan.digit_run = 0;
}

// The last visible character, past closing quotes and brackets, says how the block ends.
void read_ending(BlockStats& s, std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    std::size_t k = start;
    const char32_t c = next_code_point(text, k);
    end = start;
    if (is_space(c) || is_closing(c)) continue;
    s.ends_sentence = is_terminator(c);
    s.ends_colon = c == ':';
    break;
  }
}

BlockStats block_stats(std::string_view text) {
  BlockStats s;
  BlockScan scan;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const char32_t c = next_code_point(text, i);
    if (is_space(c)) {
      scan.end_word(s);
      if (scan.after_sentence_end()) s.sentences += 1;
      scan.before_last = scan.last;
      scan.last = c;
      continue;
    }
    s.chars += 1;
    if (scan.first_visible) {
      s.bullet = is_bullet(c) || ((c == '-' || c == 0x2013 || c == 0x2014) && i < text.size() && text[i] == ' ');
      s.starts_capitalised = is_upper(c);
      scan.first_visible = false;
    }
    if (is_word_char(c)) {
      count_word_char(s, scan, text, at, i, c);
    } else {
      count_punctuation(s, scan, text, i, c);
    }
    if (c == '.' && at >= 3 && text.substr(at - 3, 4) == "www.") s.link = true;
    scan.before_last = scan.last;
    scan.last = c;
  }
  finish_word(s, scan.word, scan.word_letters, scan.word_capitalised);
  if (scan.after_sentence_end()) s.sentences += 1;
  read_ending(s, text);
  return s;
}

float ratio(float part, float whole) { return whole > 0 ? part / whole : 0.0f; }
float log1(float x) { return std::log1p(std::max(0.0f, x)); }

}  // namespace

std::string_view text_feature_name(int feature) {
  return feature >= 0 && feature < kTextFeatureCount ? kFeatureNames[feature].name : std::string_view("?");
}

namespace {

// What the whole text says about where its article is: computed once, read per block.
struct TextLayout {
  std::unordered_map<std::string_view, int> repeats;  // BlockStats::key -> blocks with it
  float total_chars = 0, longest = 0, total_prose = 0;
  std::size_t core_begin = 0, core_end = 0;  // [begin, end): the run with the most prose
  std::vector<float> prev_prose, next_prose;  // distance to the nearest prose block
  std::vector<std::size_t> run_begin, run_length;  // each block's run of short lines
  float median_chars = 0;
  std::vector<double> prefix_chars, prefix_prose;  // sums over blocks [0, i)
  std::vector<float> prose_blocks_after;
};

void count_totals(const std::vector<BlockStats>& stats, TextLayout& layout) {
  for (const BlockStats& s : stats) {
    if (!s.key.empty()) ++layout.repeats[s.key];
    layout.total_chars += s.chars;
    layout.longest = std::max(layout.longest, s.chars);
    if (s.prose()) layout.total_prose += s.chars;
  }
}

// The core: the run of blocks with the most prose words net of everything else.
void find_core(const std::vector<BlockStats>& stats, TextLayout& layout) {
  std::vector<double> values;
  values.reserve(stats.size());
  for (const BlockStats& s : stats) values.push_back(s.prose() ? s.words : -(2.0 + 0.5 * s.words));
  std::tie(layout.core_begin, layout.core_end) = best_run(values);
}

// Distances to the nearest prose block before and after each block, and the prose blocks after it.
void measure_prose_distances(const std::vector<BlockStats>& stats, TextLayout& layout) {
  const std::size_t n = stats.size();
  layout.prev_prose.assign(n, 1e6f);
  layout.next_prose.assign(n, 1e6f);
  for (std::size_t i = 0, last = SIZE_MAX; i < n; ++i) {
    if (last != SIZE_MAX) layout.prev_prose[i] = static_cast<float>(i - last);
    if (stats[i].prose()) last = i;
  }
  for (std::size_t i = n, next = SIZE_MAX; i-- > 0;) {
    if (next != SIZE_MAX) layout.next_prose[i] = static_cast<float>(next - i);
    if (stats[i].prose()) next = i;
  }
  layout.prose_blocks_after.assign(n, 0.0f);
  for (std::size_t i = n, count = 0; i-- > 0;) {
    layout.prose_blocks_after[i] = static_cast<float>(count);
    if (stats[i].prose()) ++count;
  }
}

// Runs of consecutive short lines (menus, tag lists, link lists): each block's run and place in it.
void find_short_line_runs(const std::vector<BlockStats>& stats, TextLayout& layout) {
  const std::size_t n = stats.size();
  layout.run_begin.assign(n, 0);
  layout.run_length.assign(n, 0);
  for (std::size_t i = 0; i < n;) {
    if (!stats[i].short_line()) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && stats[end].short_line()) ++end;
    for (std::size_t k = i; k < end; ++k) {
      layout.run_begin[k] = i;
      layout.run_length[k] = end - i;
    }
    i = end;
  }
}

void measure_lengths(const std::vector<BlockStats>& stats, TextLayout& layout) {
  const std::size_t n = stats.size();
  std::vector<float> lengths;
  for (const BlockStats& s : stats) lengths.push_back(s.chars);
  if (!lengths.empty()) {
    std::nth_element(lengths.begin(), lengths.begin() + static_cast<std::ptrdiff_t>(n / 2), lengths.end());
    layout.median_chars = lengths[n / 2];
  }
  layout.prefix_chars.assign(n + 1, 0.0);
  layout.prefix_prose.assign(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    layout.prefix_chars[i + 1] = layout.prefix_chars[i] + stats[i].chars;
    layout.prefix_prose[i + 1] = layout.prefix_prose[i] + (stats[i].prose() ? stats[i].chars : 0.0f);
  }
}

TextLayout text_layout(const std::vector<BlockStats>& stats) {
  TextLayout layout;
  count_totals(stats, layout);
  find_core(stats, layout);
  measure_prose_distances(stats, layout);
  find_short_line_runs(stats, layout);
  measure_lengths(stats, layout);
  return layout;
}

// The features a block has on its own: its size, shape and words.
void set_own_features(const BlockStats& s, const TextLayout& layout, TextFeatures& f) {
  f[kLogChars] = log1(s.chars);
  f[kLogWords] = log1(s.words);
  f[kEndsSentence] = s.ends_sentence;
  f[kEndsColon] = s.ends_colon;
  f[kSentences] = log1(s.sentences);
  f[kCommaRate] = ratio(s.commas, s.words);
  f[kCapitalisedWords] = ratio(s.capitalised, s.words);
  f[kUpperLetters] = ratio(s.upper, s.letters);
  f[kDigits] = ratio(s.digits, s.chars);
  f[kPunctuation] = ratio(s.punctuation, s.chars);
  f[kSeparators] = log1(s.separators);
  f[kMeanWordLength] = ratio(s.word_length, s.words);
  f[kShortWords] = ratio(s.short_words, s.words);
  f[kStopWords] = ratio(s.function, s.words);
  f[kActionWords] = ratio(s.action, s.words);
  f[kActionCount] = log1(s.action);
  f[kPersonWords] = ratio(s.person, s.words);
  f[kLinkOrHandle] = s.link;
  f[kClockOrDate] = s.clock;
  f[kStartsWithBullet] = s.bullet;
  f[kQuotes] = log1(s.quotes);
  f[kCopyright] = s.copyright;
  f[kRepeats] = s.key.empty() ? 0.0f : log1(static_cast<float>(layout.repeats.at(s.key) - 1));
  f[kStartsCapitalised] = s.starts_capitalised;
  f[kNonLatin] = ratio(s.non_latin, s.letters);
  f[kReaderWords] = ratio(s.reader, s.words);
  f[kAppealWords] = ratio(s.appeal, s.words);
}

// Where block i sits: in the text, against the core and the prose around it.
// `chars_before` and `prose_before` sum the blocks before it.
void set_position_features(const std::vector<BlockStats>& stats, std::size_t i, const TextLayout& layout,
                           float chars_before, float prose_before, TextFeatures& f) {
  const std::size_t n = stats.size();
  const BlockStats& s = stats[i];
  f[kRelativeIndex] = n > 1 ? static_cast<float>(i) / static_cast<float>(n - 1) : 0.0f;
  f[kRelativeCharPosition] = ratio(chars_before, layout.total_chars);
  // The text's size would let the model learn "short texts are boilerplate"
  // from our small fixture pages; it is left out (always 0).
  f[kLogBlockCount] = 0;
  f[kLogTotalChars] = 0;
  f[kShareOfLongest] = ratio(s.chars, layout.longest);
  f[kLogDistancePrevProse] = log1(std::min(layout.prev_prose[i], 1000.0f));
  f[kLogDistanceNextProse] = log1(std::min(layout.next_prose[i], 1000.0f));
  const std::size_t core_begin = layout.core_begin, core_end = layout.core_end;
  const bool inside = i >= core_begin && i < core_end;
  f[kInsideCore] = inside;
  const std::size_t distance = inside ? 0 : i < core_begin ? core_begin - i : i + 1 - core_end;
  f[kLogDistanceToCore] = log1(static_cast<float>(distance));
  f[kCorePosition] = inside && core_end - core_begin > 1
                         ? static_cast<float>(i - core_begin) / static_cast<float>(core_end - core_begin - 1)
                         : (inside ? 0.5f : (i < core_begin ? -1.0f : 2.0f));
  f[kProseBefore] = ratio(prose_before, layout.total_prose);
  const float prose_here = s.prose() ? s.chars : 0.0f;
  f[kProseAfter] = ratio(layout.total_prose - prose_before - prose_here, layout.total_prose);
  const std::size_t run_length = layout.run_length[i];
  f[kLogShortRun] = log1(static_cast<float>(run_length));
  f[kShortRunPosition] = run_length > 1 ? static_cast<float>(i - layout.run_begin[i]) / static_cast<float>(run_length - 1)
                                        : (run_length == 1 ? 0.5f : -1.0f);
  f[kShareOfMedian] = log1(ratio(s.chars, std::max(layout.median_chars, 1.0f)));
  f[kLogProseBlocksAfter] = log1(layout.prose_blocks_after[i]);
}

// What the blocks next to block i and the windows around it look like.
void set_neighbourhood_features(const std::vector<BlockStats>& stats, std::size_t i, const TextLayout& layout,
                                TextFeatures& f) {
  const std::size_t n = stats.size();
  const auto neighbour = [&](std::ptrdiff_t offset) -> const BlockStats* {
    const std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + offset;
    return k >= 0 && k < static_cast<std::ptrdiff_t>(n) ? &stats[static_cast<std::size_t>(k)] : nullptr;
  };
  const BlockStats* prev = neighbour(-1);
  const BlockStats* next = neighbour(1);
  const BlockStats* prev2 = neighbour(-2);
  const BlockStats* next2 = neighbour(2);
  f[kPrevLogChars] = prev ? log1(prev->chars) : -1.0f;
  f[kPrevEndsSentence] = prev ? prev->ends_sentence : -1.0f;
  f[kPrevStopWords] = prev ? ratio(prev->function, prev->words) : -1.0f;
  f[kPrevCapitalised] = prev ? ratio(prev->capitalised, prev->words) : -1.0f;
  f[kPrevActionWords] = prev ? ratio(prev->action, prev->words) : -1.0f;
  f[kNextLogChars] = next ? log1(next->chars) : -1.0f;
  f[kNextEndsSentence] = next ? next->ends_sentence : -1.0f;
  f[kNextStopWords] = next ? ratio(next->function, next->words) : -1.0f;
  f[kNextCapitalised] = next ? ratio(next->capitalised, next->words) : -1.0f;
  f[kNextActionWords] = next ? ratio(next->action, next->words) : -1.0f;
  f[kPrev2LogChars] = prev2 ? log1(prev2->chars) : -1.0f;
  f[kPrev2EndsSentence] = prev2 ? prev2->ends_sentence : -1.0f;
  f[kNext2LogChars] = next2 ? log1(next2->chars) : -1.0f;
  f[kNext2EndsSentence] = next2 ? next2->ends_sentence : -1.0f;

  float window_chars = 0, window_prose = 0;
  for (std::size_t k = i >= 3 ? i - 3 : 0; k < std::min(n, i + 4); ++k) {
    window_chars += stats[k].chars;
    if (stats[k].prose()) window_prose += stats[k].chars;
  }
  f[kWindowProseShare] = ratio(window_prose, window_chars);
  const std::size_t wide_begin = i >= 10 ? i - 10 : 0, wide_end = std::min(n, i + 11);
  f[kWideProseShare] = static_cast<float>((layout.prefix_prose[wide_end] - layout.prefix_prose[wide_begin]) /
                                          std::max(1.0, layout.prefix_chars[wide_end] - layout.prefix_chars[wide_begin]));
  float window_words = 0, window_person = 0, window_appeal = 0;
  for (std::size_t k = i >= 2 ? i - 2 : 0; k < std::min(n, i + 3); ++k) {
    window_words += stats[k].words;
    window_person += stats[k].person;
    window_appeal += stats[k].appeal;
  }
  f[kWindowPersonWords] = ratio(window_person, window_words);
  f[kWindowAppealWords] = ratio(window_appeal, window_words);
}

}  // namespace

std::vector<TextFeatures> text_block_features(const std::vector<TextBlock>& blocks) {
  std::vector<BlockStats> stats;
  stats.reserve(blocks.size());
  for (const TextBlock& block : blocks) stats.push_back(block_stats(block.text));
  const TextLayout layout = text_layout(stats);

  std::vector<TextFeatures> features(stats.size());
  float chars_before = 0, prose_before = 0;
  for (std::size_t i = 0; i < stats.size(); ++i) {
    set_own_features(stats[i], layout, features[i]);
    set_position_features(stats, i, layout, chars_before, prose_before, features[i]);
    set_neighbourhood_features(stats, i, layout, features[i]);
    chars_before += stats[i].chars;
    prose_before += stats[i].prose() ? stats[i].chars : 0.0f;
  }
  return features;
}

}  // namespace winnow::clean
