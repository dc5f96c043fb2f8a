// Small multilingual word lists the text classifier counts: function words, call-to-action words, first/second person.
#pragma once

#include <string_view>

namespace winnow::clean {

// Which lists a word is on, as a bit set: one hash lookup for all of them.
enum WordClass : unsigned {
  kFunctionWord = 1, kActionWord = 2, kPersonWord = 4, kReaderWord = 8, kAppealWord = 16,
};
unsigned word_classes(std::string_view word);

// Each takes one word, already lower-cased (ASCII letters only are folded).
// The lists cover English, German, French, Spanish, Italian, Portuguese and
// Dutch; they are features the learned model weighs, never rules on their own.

// Function words (articles, prepositions, pronouns, auxiliaries): dense in prose.
bool is_function_word(std::string_view word);
// Words of site chrome and calls to action: share, subscribe, login, cookie, …
bool is_action_word(std::string_view word);
// First and second person plural/singular (we, our, you, …): appeals talk to the reader.
bool is_person_word(std::string_view word);
// Second person only (you, your, vous, du, …).
bool is_reader_word(std::string_view word);
// Words of appeals for money or membership: support, donate, journalism, readers, …
bool is_appeal_word(std::string_view word);

}  // namespace winnow::clean
