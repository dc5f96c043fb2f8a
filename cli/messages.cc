// Formats diagnostics on stderr the same way for every subcommand.
#include "messages.h"

#include <iostream>

namespace winnow::cli {
namespace {

void report(std::string_view level, std::string_view subject, std::string_view message) {
  std::cerr << "winnow: " << level << ": ";
  if (!subject.empty()) std::cerr << subject << ": ";
  std::cerr << message << '\n';
}

}  // namespace

void report_error(std::string_view subject, std::string_view message) {
  report("error", subject, message);
}

void report_warning(std::string_view subject, std::string_view message) {
  report("warning", subject, message);
}

}  // namespace winnow::cli
