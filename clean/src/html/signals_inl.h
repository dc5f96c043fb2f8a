// Inline definition of for_each_name_word (included by signals.h only).
#pragma once

#include <string>

namespace winnow::clean {

template <class Visit>
void for_each_name_word(std::string_view value, Visit&& visit) {
  std::string word;
  auto flush = [&] {
    if (!word.empty()) visit(std::string_view(word));
    word.clear();
  };
  char prev = 0;
  for (char c : value) {
    bool upper = c >= 'A' && c <= 'Z';
    bool alnum = upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) {
      flush();
    } else {
      // "relatedStories" -> related, stories; "RELATED" stays one word.
      if (upper && prev >= 'a' && prev <= 'z') flush();
      word += upper ? static_cast<char>(c - 'A' + 'a') : c;
    }
    prev = alnum ? c : 0;
  }
  flush();
}

}  // namespace winnow::clean
