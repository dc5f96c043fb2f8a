// The one place that formats what winnow says on stderr: `winnow: error: ...` and `winnow: warning: ...`.
#pragma once

#include <string_view>

namespace winnow::cli {

// Prints "winnow: error: <subject>: <message>" (or without the subject when empty) to stderr.
void report_error(std::string_view subject, std::string_view message);
// Prints "winnow: warning: <subject>: <message>" to stderr.
void report_warning(std::string_view subject, std::string_view message);
// Prints "winnow: <subject>: <message>" to stderr: a summary, neither error nor warning.
void report_note(std::string_view subject, std::string_view message);
// Prints that standard output could not be written, with the reason `error_number` (errno after the failed
// flush) names when it is one a write can have, such as "No space left on device" for `> /dev/full`.
void report_stdout_error(int error_number);

}  // namespace winnow::cli
