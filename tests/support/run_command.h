// Runs a program the way a shell would and captures what it prints: the helper behind the end-to-end tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace winnow::test {

// What a finished process left behind.
struct CommandResult {
  int exit_code = -1;  // the exit status; 128 + signal number if killed by a signal
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// Runs argv[0] (a path, not searched in PATH) with arguments argv[1..],
// feeding `stdin_data` on its standard input (then end of file), and waits
// for it to exit. A process still running after `timeout_seconds` is killed
// (exit_code 128 + SIGKILL); one that cannot be executed exits with 127.
// Throws std::runtime_error if no pipe or process can be created.
CommandResult run_command(const std::vector<std::string>& argv, std::string_view stdin_data = {},
                          int timeout_seconds = 60);

// Runs the built binary (WINNOW_BIN) as `winnow archive args...`, as run_command() does.
CommandResult run_winnow_archive(const std::vector<std::string>& args);

}  // namespace winnow::test
