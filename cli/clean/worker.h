// `winnow clean`'s per-page work: clean, render and (for -o DIR) write one page, safe to run on any thread.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

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

// Everything the cleaning of one page produced, for the main thread to print in input order.
struct CleanOutcome {
  bool ok = false;                     // false: the page failed (exit code 1)
  std::vector<CleanMessage> messages;  // errors and warnings about this page
  // What goes to stdout: the JSONL line, or the rendered article (with a
  // final newline) when printing articles; empty with -o DIR or on failure.
  std::string output;
};

// A page cleaned: its article, and for text input the output that replaces the rendered article.
struct Cleaned {
  clean::Article article;
  std::optional<std::string> output;
};

// Where one page's result goes: the fields that open its JSONL line (before
// the article's own; "source" at least) and its name under -o DIR, without extension.
struct Destination {
  nlohmann::ordered_json jsonl_fields;
  std::filesystem::path output_stem;
};

// Cleans page bytes as `job` says (HTML, or text by job.input_mode or
// sniffing) with `options`: job.options plus what is known of this page.
// Fails as clean::clean_html and clean::clean_text do.
Result<Cleaned> clean_bytes(std::string_view bytes, const CleanJob& job, const clean::Options& options);

// Turns a page's result into its outcome as `job` says: a JSONL line (failures
// included), the rendered article, or the file written under -o DIR.
CleanOutcome deliver(const Result<Cleaned>& cleaned, const Destination& destination, const CleanJob& job);

// Runs `work` and returns its outcome; an exception it throws (out of memory,
// a bug) becomes a failed outcome with an error message instead, so a batch goes on.
CleanOutcome guarded(const Destination& destination, const CleanJob& job, const std::function<CleanOutcome()>& work);

// Reads, cleans and renders `input` as `job` says, writing the output file
// itself under -o DIR. Touches no stream and no shared state, so several
// inputs can be cleaned at once. Every failure, an unexpected exception
// included, is returned as a failed outcome with an error message.
CleanOutcome clean_one_input(const Input& input, const CleanJob& job);

}  // namespace winnow::cli
