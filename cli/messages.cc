// Formats diagnostics on stderr the same way for every subcommand.
#include "messages.h"

#include <iostream>

#include "progress_line.h"
#include "winnow/control_chars.h"

namespace winnow::cli {
namespace {

void report(std::string_view level, std::string_view subject, std::string_view message) {
  // Subjects and messages echo file names, URLs and page text: no terminal controls get through.
  erase_progress_line();
  std::cerr << "winnow: " << level << ": ";
  if (!subject.empty()) std::cerr << without_control_chars(subject) << ": ";
  std::cerr << without_control_chars(message) << '\n';
}

}  // namespace

void report_error(std::string_view subject, std::string_view message) {
  report("error", subject, message);
}

void report_warning(std::string_view subject, std::string_view message) {
  report("warning", subject, message);
}

}  // namespace winnow::cli
