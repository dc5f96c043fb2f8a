// Fuzz target: the date parsers: clean's normalize_date (pages' dates to ISO 8601) and the archive's parse_time / parse_time_at.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "checks.h"
#include "meta/dates.h"
#include "winnow/archive.h"

using namespace winnow;

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool real_date(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// "YYYY-MM-DD", optionally "THH:MM:SS", optionally "Z" or "+HH:MM"/"-HH:MM", with a real date and time.
bool iso_8601(std::string_view text, bool need_time, bool need_z) {
  int year, month, day, hour, minute, second;
  if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, month) || text[7] != '-' ||
      !digits(text, 8, 2, day) || !real_date(year, month, day)) {
    return false;
  }
  if (text.size() == 10) return !need_time;
  if (text[10] != 'T' || !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) ||
      text[16] != ':' || !digits(text, 17, 2, second) || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  const std::string_view zone = text.substr(19);
  if (need_z) return zone == "Z";
  if (zone.empty() || zone == "Z") return true;
  int zone_hours, zone_minutes;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2, zone_hours) && zone[3] == ':' &&
         digits(zone, 4, 2, zone_minutes) && zone_hours <= 23 && zone_minutes <= 59;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::string date = clean::normalize_date(text);
  if (!date.empty()) {
    fuzz::require(iso_8601(date, false, false), "normalize_date gave something that is not ISO 8601", date);
    fuzz::require(clean::normalize_date(date) == date, "normalize_date does not keep its own output", date);
  }
  for (bool at : {false, true}) {
    Result<std::string> time = at ? archive::parse_time_at(text) : archive::parse_time(text);
    if (!time) {
      fuzz::require(time.error().kind == ErrorKind::kInvalidInput, "parse_time failed with an unexpected kind");
      continue;
    }
    fuzz::require(iso_8601(time.value(), true, true), "parse_time gave something that is not YYYY-MM-DDTHH:MM:SSZ",
                  time.value());
    Result<std::string> again = archive::parse_time(time.value());
    fuzz::require(again.ok() && again.value() == time.value(), "parse_time does not keep its own output", time.value());
  }
  return 0;
}
