// `winnow clean`'s per-input work: read, clean, render and (for -o DIR) write one input, safe to run on any thread.
#pragma once

#include <string>
#include <vector>

#include "io/inputs.h"
#include "winnow/clean.h"

namespace winnow::cli {

// How to read an input: sniff it (see clean::sniff_input_kind), or as said.
enum class InputMode { kAuto, kHtml, kText };

// What to do with each input; shared read-only by all workers.
struct CleanJob {
  clean::Options options;
  InputMode input_mode = InputMode::kAuto;
  clean::Format format = clean::Format::kText;
  bool links = false;
  bool jsonl = false;       // output is one JSONL line per input, failed inputs included
  std::string output_dir;   // non-empty: write DIR/<output_stem>.<ext> instead of printing
  bool quiet = false;       // leave warnings out of CleanOutcome::messages
};

// One line for stderr about an input, in the order it must be printed.
struct CleanMessage {
  bool is_error = false;  // error, else warning
  std::string text;       // without the "winnow: error: INPUT: " prefix
};

// Everything the cleaning of one input produced, for the main thread to print in input order.
struct CleanOutcome {
  bool ok = false;                     // false: the input failed (exit code 1)
  std::vector<CleanMessage> messages;  // errors and warnings about this input
  // What goes to stdout: the JSONL line, or the rendered article (with a
  // final newline) when printing articles; empty with -o DIR or on failure.
  std::string output;
};

// Reads, cleans and renders `input` as `job` says, writing the output file
// itself under -o DIR. Touches no stream and no shared state, so several
// inputs can be cleaned at once. Every failure, an unexpected exception
// included, is returned as a failed outcome with an error message.
CleanOutcome clean_one_input(const Input& input, const CleanJob& job);

}  // namespace winnow::cli
