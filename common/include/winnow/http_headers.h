// The one lookup of an HTTP header by name in a list of (name, value) pairs: names compare without ASCII case.
#pragma once

#include <string>
#include <string_view>

#include "winnow/ascii.h"

namespace winnow {

// The value of the first header called `name` (ASCII case ignored), or ""
// when there is none. `headers` is any range of (name, value) pairs.
template <class HeaderList>
std::string header_value(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (ascii::iequals(key, name)) return value;
  }
  return {};
}

}  // namespace winnow
