// Capture times: ISO 8601 in, one sortable UTC form out ("YYYY-MM-DDTHH:MM:SSZ"), so text order is time order.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "winnow/archive.h"

namespace winnow::archive {
namespace {

Error bad_time(std::string_view text) {
  return Error{ErrorKind::kInvalidInput,
               "bad time '" + std::string(text) +
                   "': use ISO 8601, e.g. 2024-05-01, 2024-05-01T10:30:00Z or 2024-05-01T12:30:00+02:00"};
}

// Reads exactly `digits` digits at `pos`; -1 if they are not there.
int read_number(std::string_view text, std::size_t& pos, int digits) {
  if (pos + digits > text.size()) return -1;
  int value = 0;
  for (int i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return value;
}

// Four-digit years: strftime's %Y writes the year 24 as "24", which no reader (parse_time included) takes back.
std::string format_utc(std::time_t seconds) {
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1,
                parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
  return buffer;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace

Result<std::string> parse_time(std::string_view text) {
  std::size_t pos = 0;
  const int year = read_number(text, pos, 4);
  if (year < 0 || pos >= text.size() || text[pos++] != '-') return bad_time(text);
  const int month = read_number(text, pos, 2);
  if (month < 1 || month > 12 || pos >= text.size() || text[pos++] != '-') return bad_time(text);
  const int day = read_number(text, pos, 2);
  if (day < 1 || day > days_in_month(year, month)) return bad_time(text);
  int hour = 0, minute = 0, second = 0, offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    hour = read_number(text, pos, 2);
    if (hour < 0 || hour > 23 || pos >= text.size() || text[pos++] != ':') return bad_time(text);
    minute = read_number(text, pos, 2);
    if (minute < 0 || minute > 59) return bad_time(text);
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      second = read_number(text, pos, 2);
      if (second < 0 || second > 60) return bad_time(text);
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        const std::size_t digits_start = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
        if (pos == digits_start) return bad_time(text);
      }
    }
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const int sign = text[pos++] == '-' ? -1 : 1;
      const int hours = read_number(text, pos, 2);
      if (hours < 0 || hours > 23) return bad_time(text);
      // ISO 8601 allows the offset's minutes to be left out ("+02").
      int minutes = 0;
      if (pos < text.size()) {
        if (text[pos] == ':') ++pos;
        minutes = read_number(text, pos, 2);
        if (minutes < 0 || minutes > 59) return bad_time(text);
      }
      offset_minutes = sign * (hours * 60 + minutes);
    }
  }
  if (pos != text.size()) return bad_time(text);
  std::tm parts{};
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  parts.tm_mday = day;
  parts.tm_hour = hour;
  parts.tm_min = minute;
  parts.tm_sec = second;
  // A leap second (":60") rolls over into the next minute, as timegm counts it.
  const std::time_t utc = timegm(&parts) - offset_minutes * 60;
  // Times are kept as "YYYY-MM-DD…" strings that sort in time order: the zone must not move the year out of 0000..9999.
  std::tm check{};
  gmtime_r(&utc, &check);
  if (check.tm_year + 1900 < 0 || check.tm_year + 1900 > 9999) return bad_time(text);
  return format_utc(utc);
}

Result<std::string> parse_time_at(std::string_view text) {
  Result<std::string> time = parse_time(text);
  if (!time || text.size() != 10) return time;  // only "YYYY-MM-DD" is a date alone
  return time.value().substr(0, 10) + "T23:59:59Z";
}

std::string now_utc() { return format_utc(std::time(nullptr)); }

std::string default_archive_path() {
  const char* env = std::getenv("WINNOW_ARCHIVE");
  if (env != nullptr && *env != '\0') return env;
  return "winnow.db";
}

}  // namespace winnow::archive
