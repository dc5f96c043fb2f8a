// Normalises the many ways pages write dates to ISO 8601.
#pragma once

#include <string>
#include <string_view>

namespace winnow::clean {

// Returns text as "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" followed by "Z" or
// "+HH:MM" when a time (and zone) is given; fractional seconds are dropped.
// Understands ISO 8601 and its common variants ("2019-11-19 14:30:00",
// "2019/11/19", "20191119", "+0100" zones), RFC 2822 ("Tue, 19 Nov 2019
// 14:30:00 GMT"), "November 19, 2019", "19 Nov 2019", "19.11.2019" and
// unambiguous day/month orders. Returns an empty string for anything else,
// including impossible dates (2019-02-30) and day/month-ambiguous forms
// such as "03/04/2019".
std::string normalize_date(std::string_view text);

}  // namespace winnow::clean
