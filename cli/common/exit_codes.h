// The exit codes of the `winnow` binary, shared by every subcommand and shown in --help.
#pragma once

namespace winnow::cli {

// Every input was processed (warnings such as "no article text found" included).
inline constexpr int kExitOk = 0;
// At least one input could not be read, cleaned or written; the others were still processed.
inline constexpr int kExitFailure = 1;
// The command line is wrong: unknown option, bad option value, conflicting options.
inline constexpr int kExitUsage = 2;

// The --help footer that lists the codes above.
inline constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  every input was processed (warnings do not change this)\n"
    "  1  at least one input failed (the others were still processed)\n"
    "  2  usage error (bad option, bad value, conflicting options)";

}  // namespace winnow::cli
