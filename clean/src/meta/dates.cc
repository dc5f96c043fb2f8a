// Normalises the many ways pages write dates to ISO 8601.
#include "meta/dates.h"

#include <array>
#include <cstdio>
#include <utility>
#include <vector>

#include "winnow/ascii.h"

namespace winnow::clean {
namespace {

using ascii::is_alpha;
using ascii::is_digit;
using ascii::is_space;
using ascii::trim;

struct DateTime {
  int year = 0;
  int month = 0;
  int day = 0;
  bool has_time = false;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::string zone;  // empty, "Z" or "+HH:MM"
};

// Years outside this range are placeholders ("0000-00-00") or typos.
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// Zone abbreviations that are unambiguous enough to trust on web pages.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kNamedZones = {{
    {"z", "Z"},         {"ut", "Z"},         {"utc", "Z"},        {"gmt", "Z"},
    {"est", "-05:00"},  {"edt", "-04:00"},   {"cst", "-06:00"},   {"cdt", "-05:00"},
    {"mst", "-07:00"},  {"mdt", "-06:00"},   {"pst", "-08:00"},   {"pdt", "-07:00"},
    {"bst", "+01:00"},  {"cet", "+01:00"},   {"cest", "+02:00"},  {"eet", "+02:00"},
    {"eest", "+03:00"}, {"jst", "+09:00"},   {"aest", "+10:00"},
}};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool valid(const DateTime& d) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < kMinYear || d.year > kMaxYear || d.month < 1 || d.month > 12 || d.day < 1) return false;
  int days = kDays[d.month - 1] + (d.month == 2 && is_leap(d.year) ? 1 : 0);
  if (d.day > days) return false;
  if (!d.has_time) return true;
  return d.hour >= 0 && d.hour <= 23 && d.minute >= 0 && d.minute <= 59 && d.second >= 0 &&
         d.second <= 60;
}

std::string format(const DateTime& d) {
  if (!valid(d)) return {};
  char buffer[32];
  if (!d.has_time) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day,
                d.hour, d.minute, d.second);
  return std::string(buffer) + d.zone;
}

// Reads between min and max digits at pos; false (pos unchanged) when fewer.
bool read_number(std::string_view s, std::size_t& pos, std::size_t min, std::size_t max, int& value) {
  std::size_t end = pos;
  int v = 0;
  while (end < s.size() && end - pos < max && is_digit(s[end])) v = v * 10 + (s[end++] - '0');
  if (end - pos < min) return false;
  // More digits than allowed means a different format, not a truncated number.
  if (end < s.size() && is_digit(s[end])) return false;
  value = v;
  pos = end;
  return true;
}

// "Z", "GMT", "+01", "+0100", "+01:00", "GMT+01:00", "EST" -> "Z" or "+HH:MM".
bool parse_zone(std::string_view text, std::string& zone) {
  std::string z = ascii::to_lower(trim(text));
  if (z.size() > 3 && (z.compare(0, 3, "gmt") == 0 || z.compare(0, 3, "utc") == 0) &&
      (z[3] == '+' || z[3] == '-')) {
    z.erase(0, 3);
  }
  for (const auto& [name, offset] : kNamedZones) {
    if (z == name) {
      zone = std::string(offset);
      return true;
    }
  }
  if (z.empty() || (z[0] != '+' && z[0] != '-')) return false;
  std::size_t pos = 1;
  int hours = 0;
  int minutes = 0;
  if (!read_number(z, pos, 1, 2, hours)) {
    if (!read_number(z, pos, 4, 4, hours)) return false;
    minutes = hours % 100;
    hours /= 100;
  } else if (pos < z.size()) {
    if (z[pos] == ':') ++pos;
    if (!read_number(z, pos, 2, 2, minutes)) return false;
  }
  if (pos != z.size() || hours > 23 || minutes > 59) return false;
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", z[0], hours, minutes);
  zone = buffer;
  return true;
}

// "HH:MM[:SS[.fff]]" at pos.
bool read_time(std::string_view s, std::size_t& pos, DateTime& d) {
  std::size_t p = pos;
  if (!read_number(s, p, 1, 2, d.hour) || p >= s.size() || s[p] != ':') return false;
  ++p;
  if (!read_number(s, p, 2, 2, d.minute)) return false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!read_number(s, p, 2, 2, d.second)) return false;
    if (p < s.size() && (s[p] == '.' || s[p] == ',') && p + 1 < s.size() && is_digit(s[p + 1])) {
      ++p;
      while (p < s.size() && is_digit(s[p])) ++p;
    }
  }
  d.has_time = true;
  pos = p;
  return true;
}

// What may follow a numeric date: nothing, or 'T'/space, a time and a zone.
bool read_time_and_zone(std::string_view s, std::size_t pos, DateTime& d) {
  if (pos == s.size()) return true;
  if (s[pos] != 'T' && s[pos] != 't' && !is_space(s[pos])) return false;
  ++pos;
  while (pos < s.size() && is_space(s[pos])) ++pos;
  if (!read_time(s, pos, d)) return false;
  std::string_view rest = trim(s.substr(pos));
  return rest.empty() || parse_zone(rest, d.zone);
}

// 2019-11-19, 2019/11/19, 2019.11.19, each optionally with a time and zone.
std::string parse_year_first(std::string_view s) {
  DateTime d;
  std::size_t pos = 0;
  if (!read_number(s, pos, 4, 4, d.year) || pos >= s.size()) return {};
  char separator = s[pos];
  if (separator != '-' && separator != '/' && separator != '.') return {};
  ++pos;
  if (!read_number(s, pos, 1, 2, d.month) || pos >= s.size() || s[pos] != separator) return {};
  ++pos;
  if (!read_number(s, pos, 1, 2, d.day)) return {};
  if (!read_time_and_zone(s, pos, d)) return {};
  return format(d);
}

// 20191119, 20191119T143000Z.
std::string parse_compact(std::string_view s) {
  DateTime d;
  std::size_t pos = 0;
  int ymd = 0;
  if (!read_number(s, pos, 8, 8, ymd)) return {};
  d.year = ymd / 10000;
  d.month = ymd / 100 % 100;
  d.day = ymd % 100;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't') return {};
    ++pos;
    int hms = 0;
    std::size_t start = pos;
    if (!read_number(s, pos, 4, 6, hms) || (pos - start) % 2 != 0) return {};
    if (pos - start == 4) hms *= 100;
    d.has_time = true;
    d.hour = hms / 10000;
    d.minute = hms / 100 % 100;
    d.second = hms % 100;
    std::string_view rest = trim(s.substr(pos));
    if (!rest.empty() && !parse_zone(rest, d.zone)) return {};
  }
  return format(d);
}

// 19.11.2019 (always day first), 19/11/2019 and 11/19/2019 (only when one of
// the first two numbers cannot be a month).
std::string parse_day_month_year(std::string_view s) {
  DateTime d;
  std::size_t pos = 0;
  int first = 0;
  int second = 0;
  if (!read_number(s, pos, 1, 2, first) || pos >= s.size()) return {};
  char separator = s[pos];
  if (separator != '.' && separator != '/' && separator != '-') return {};
  ++pos;
  if (!read_number(s, pos, 1, 2, second) || pos >= s.size() || s[pos] != separator) return {};
  ++pos;
  if (!read_number(s, pos, 4, 4, d.year)) return {};
  if (!read_time_and_zone(s, pos, d)) return {};
  if (separator == '.' || first > 12) {
    d.day = first;
    d.month = second;
  } else if (second > 12) {
    d.month = first;
    d.day = second;
  } else {
    return {};
  }
  return format(d);
}

int month_from_word(std::string_view word) {
  if (word == "sept") return 9;
  if (word.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i].substr(0, word.size()) == word) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  if (word.size() < 3) return false;
  for (std::string_view day : kWeekdays) {
    if (day.substr(0, word.size()) == word) return true;
  }
  return word == "tues" || word == "thur" || word == "thurs";
}

bool all_alpha(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_alpha(c)) return false;
  }
  return true;
}

// Applies "am"/"pm" to a 12-hour clock reading.
bool apply_meridiem(DateTime& d, bool pm) {
  if (!d.has_time || d.hour < 1 || d.hour > 12) return false;
  if (pm && d.hour != 12) d.hour += 12;
  if (!pm && d.hour == 12) d.hour = 0;
  return true;
}

// The lower-case tokens of s, split at whitespace, commas and parentheses.
std::vector<std::string> date_tokens(std::string_view s) {
  std::vector<std::string> tokens;
  std::string current;
  for (char c : s) {
    if (is_space(c) || c == ',' || c == '(' || c == ')') {
      if (!current.empty()) tokens.push_back(ascii::to_lower(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(ascii::to_lower(current));
  return tokens;
}

// A clock reading with what is glued to it: "14:30", "2:30pm", "14:30:00+01:00".
bool read_clock_token(std::string_view token, DateTime& d) {
  std::size_t pos = 0;
  if (d.has_time || !read_time(token, pos, d)) return false;
  std::string_view rest = token.substr(pos);
  if (rest == "am" || rest == "pm") return apply_meridiem(d, rest[0] == 'p');
  return rest.empty() || parse_zone(rest, d.zone);
}

// A token that starts with a digit: a clock reading, a year, an hour that
// "am"/"pm" follows as the next token, or a day ("19", "19th").
bool read_number_token(std::string_view token, std::string_view next, DateTime& d, bool& day_set) {
  std::size_t digits = 0;
  while (digits < token.size() && is_digit(token[digits])) ++digits;
  if (digits < token.size() && token[digits] == ':') return read_clock_token(token, d);
  std::string_view suffix = token.substr(digits);
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
    return false;
  }
  if (digits > 4) return false;
  int value = std::stoi(std::string(token.substr(0, digits)));
  if (digits == 4 && suffix.empty()) {
    if (d.year != 0) return false;
    d.year = value;
  } else if (digits <= 2 && suffix.empty() && (next == "am" || next == "pm")) {
    if (d.has_time) return false;
    d.has_time = true;
    d.hour = value;
  } else if (digits <= 2) {
    if (day_set) return false;
    d.day = value;
    day_set = true;
  } else {
    return false;
  }
  return true;
}

// A word of letters: a month name; after the time, perhaps a zone name; any
// other word ("Tuesday", "Published", "at") is skipped.
bool read_word_token(std::string_view token, DateTime& d) {
  if (int month = month_from_word(token); month != 0) {
    if (d.month != 0) return false;
    d.month = month;
  } else if (!is_weekday(token) && d.has_time && d.zone.empty()) {
    parse_zone(token, d.zone);  // an unknown word after the time is not a zone we trust
  }
  return true;
}

// Reads one token into d; false when the text cannot be a date. next is the
// token after it, or empty.
bool read_date_token(std::string_view token, std::string_view next, DateTime& d, bool& day_set) {
  while (token.size() > 1 && token.back() == '.') token.remove_suffix(1);
  if (token == "a.m" || token == "am" || token == "p.m" || token == "pm") {
    return apply_meridiem(d, token[0] == 'p');
  }
  if (is_digit(token[0])) return read_number_token(token, next, d, day_set);
  if ((token[0] == '+' || token[0] == '-') && token.size() > 1) {
    return d.has_time && parse_zone(token, d.zone);
  }
  if (all_alpha(token)) return read_word_token(token, d);
  // Separators ("-", "|", "·") are skipped; anything else must be a zone ("GMT+01:00").
  if (token.find_first_not_of("-|/–—·") != std::string_view::npos) {
    return d.has_time && parse_zone(token, d.zone);
  }
  return true;
}

// Dates with a month name in any order: "Tue, 19 Nov 2019 14:30:00 GMT",
// "November 19th, 2019 at 2:30 pm", "Published 19 November 2019".
std::string parse_words(std::string_view s) {
  const std::vector<std::string> tokens = date_tokens(s);
  DateTime d;
  bool day_set = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view next = i + 1 < tokens.size() ? std::string_view(tokens[i + 1]) : std::string_view();
    if (!read_date_token(tokens[i], next, d, day_set)) return {};
  }
  if (d.month == 0 || !day_set || d.year == 0) return {};
  if (!d.has_time) d.zone.clear();
  return format(d);
}

}  // namespace

std::string normalize_date(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty() || s.size() > 100) return {};
  for (auto parse : {parse_year_first, parse_compact, parse_day_month_year, parse_words}) {
    std::string out = parse(s);
    if (!out.empty()) return out;
  }
  return {};
}

}  // namespace winnow::clean
