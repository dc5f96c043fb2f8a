// Formats diagnostics on stderr the same way for every subcommand.
#include "terminal/messages.h"

#include <cerrno>
#include <iostream>
#include <string>
#include <system_error>

#include "terminal/progress_line.h"
#include "winnow/control_chars.h"

namespace winnow::cli {
namespace {

void report(std::string_view level, std::string_view subject, std::string_view message) {
  // Subjects and messages echo file names, URLs and page text: no terminal controls get through.
  erase_progress_line();
  std::cerr << "winnow: ";
  if (!level.empty()) std::cerr << level << ": ";
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

void report_note(std::string_view subject, std::string_view message) {
  report("", subject, message);
}

void report_stdout_error(int error_number) {
  // errno may be older than the failed write (the stream can fail long before it is flushed): only causes a
  // write can have are named, so an unrelated "No such file or directory" never is.
  std::string message = "cannot write to standard output";
  for (const int cause : {ENOSPC, EDQUOT, EFBIG, EPIPE, EIO, EBADF}) {
    if (error_number == cause) message += ": " + std::generic_category().message(error_number);
  }
  report("error", "", message);
}

}  // namespace winnow::cli
