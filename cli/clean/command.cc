// `winnow clean`: expands the inputs, cleans them on -j worker threads, and prints outcomes and messages in input order.
#include "clean/command.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clean/warc_records.h"
#include "clean/worker.h"
#include "common/exit_codes.h"
#include "io/inputs.h"
#include "terminal/messages.h"
#include "common/option_checks.h"
#include "io/output.h"
#include "common/parallel.h"
#include "terminal/progress_line.h"
#include "winnow/clean.h"

namespace winnow::cli {
namespace {

struct CleanSettings {
  std::vector<std::string> inputs;
  std::string output_dir;
  bool jsonl = false;
  std::string format = "text";
  bool links = false;
  std::string url;
  std::string charset;
  bool quiet = false;
  int jobs = 1;
  std::string input = "auto";
  std::string page_type;
  bool explain = false;
};

// Directory arguments contribute *.txt with --input text, else the HTML pages.
DirectoryPages pages_for(InputMode mode) {
  return mode == InputMode::kText ? DirectoryPages::kText : DirectoryPages::kHtml;
}

InputMode parse_input_mode(const std::string& name) {
  return name == "html" ? InputMode::kHtml : name == "text" ? InputMode::kText : InputMode::kAuto;
}

constexpr const char* kDescription = "Extract the article from HTML pages, or strip boilerplate from extracted text";
constexpr const char* kDetails =
    "INPUT is a file, a directory or - for standard input. A directory gives,\n"
    "recursively and in path order, its *.html, *.htm, *.xhtml and *.shtml files\n"
    "and every other file whose first 4 KiB open like an HTML page (a tag, a\n"
    "doctype or a comment first; XML only if XHTML), so wget -r output such as\n"
    "index.php?id=3 is found; with --input text, its *.txt files. Files\n"
    "compressed with gzip, zstd or bzip2 (page.html.gz) are read transparently.\n"
    "Text input (--input text, or sniffed: not starting with a tag) is read one\n"
    "block per line, or per blank-line-separated paragraph when hard-wrapped; the\n"
    "article's blocks are written unchanged and in order (--format text), or as\n"
    "an article in the other formats (json has the title, if found, and text).\n"
    "With one input the article goes to stdout. With several inputs and neither\n"
    "-o nor --jsonl, the articles go to stdout in order, each after a line\n"
    "'==> INPUT <==' (as head does); prefer -o DIR or --jsonl for batches.\n"
    "Errors and warnings go to stderr as 'winnow: error: INPUT: ...'.\n"
    "A WARC file (*.warc, *.warc.gz, *.warc.zst, or sniffed; stdin too) gives\n"
    "every HTML record: 2xx responses and resources whose Content-Type is HTML\n"
    "(sniffed when absent), each cleaned with its WARC-Target-URI and charset.\n"
    "Revisits and other records are counted in a summary line on stderr. With\n"
    "--jsonl each line starts with source, offset, warc_date and warc_record_id;\n"
    "with -o DIR each record is written to DIR/<file stem>/<offset>.<ext>:\n"
    "  winnow clean --jsonl -j 0 crawl/*.warc.gz > articles.jsonl\n\n";

// Prints one page's outcome on the main thread, so stdout and stderr keep input order whatever -j is.
class OutcomePrinter {
 public:
  // `headers`: precede each printed article with '==> LABEL <==' (several pages to stdout).
  explicit OutcomePrinter(bool headers) : headers_(headers) {}

  void print(const std::string& label, const CleanOutcome& outcome, bool jsonl) {
    for (const CleanMessage& message : outcome.messages) {
      if (message.is_error) {
        report_error(label, message.text);
      } else {
        report_warning(label, message.text);
      }
    }
    if (!jsonl && !outcome.ok) return;
    if (headers_) std::cout << (printed_++ ? "\n" : "") << "==> " << label << " <==\n";
    std::cout << outcome.output;
  }

 private:
  bool headers_;
  int printed_ = 0;
};

int run_clean(const CleanSettings& settings) {
  if (std::count(settings.inputs.begin(), settings.inputs.end(), "-") > 1) {
    report_error("", "standard input (-) can be given only once");
    return kExitUsage;
  }
  const InputMode input_mode = parse_input_mode(settings.input);
  std::vector<Input> inputs = expand_inputs(settings.inputs, pages_for(input_mode));
  if (!settings.url.empty() && inputs.size() != 1) {
    report_error("", "--url applies to exactly one input page, but " + std::to_string(inputs.size()) +
                         " were given; run winnow clean once per page to give each its URL");
    return kExitUsage;
  }
  if (!settings.output_dir.empty()) {
    // Said once, before any work, rather than once per input.
    if (const std::optional<Error> error = prepare_output_directory(settings.output_dir)) {
      report_error("", error->message);
      return error->kind == ErrorKind::kInvalidInput ? kExitUsage : kExitFailure;
    }
    // Names are fixed before any worker starts, so -o DIR gives the same files whatever -j is.
    assign_output_names(inputs);
  }

  CleanJob job;
  job.options.url = settings.url;
  job.options.charset = settings.charset;
  job.format = clean::parse_format(settings.format).value_or(clean::Format::kText);
  job.links = settings.links;
  job.jsonl = settings.jsonl;
  job.output_dir = settings.output_dir;
  job.quiet = settings.quiet;
  job.input_mode = input_mode;
  job.options.explain = settings.explain;
  job.options.page_type = clean::parse_page_type(settings.page_type);

  // WARC inputs are known before any work, so the choice of headers and refusals come first.
  std::vector<bool> is_warc(inputs.size(), false);
  if (input_mode != InputMode::kText) {
    for (std::size_t i = 0; i < inputs.size(); ++i) is_warc[i] = is_warc_input(inputs[i]);
  }
  const bool any_warc = std::find(is_warc.begin(), is_warc.end(), true) != is_warc.end();
  if (any_warc && (!settings.url.empty() || settings.explain)) {
    report_error("", std::string(settings.explain ? "--explain" : "--url") +
                         " does not apply to a WARC file: its records carry their own URLs and are HTML");
    return kExitUsage;
  }

  const bool to_stdout = settings.output_dir.empty();
  OutcomePrinter printer(to_stdout && !settings.jsonl && (inputs.size() > 1 || any_warc));
  // A progress line only where it cannot mix with articles on the terminal.
  BatchProgress progress(!settings.quiet && inputs.size() > 1 && (!to_stdout || !isatty(STDOUT_FILENO)));
  const unsigned jobs = worker_count(settings.jobs);
  int exit_code = kExitOk;
  std::size_t failed = 0;
  for (std::size_t first = 0; first < inputs.size();) {
    if (is_warc[first]) {
      const Input& input = inputs[first];
      const WarcTally tally = clean_warc(input, job, jobs, [&](const std::string& label, CleanOutcome&& outcome) {
        printer.print(label, outcome, settings.jsonl);
      });
      if (tally.error) report_error(input.label(), tally.error->message);
      if (!settings.quiet) report_note(input.label(), describe_tally(tally));
      if (tally.error || tally.failed > 0) {
        exit_code = kExitFailure;
        ++failed;
      }
      progress.update(++first, inputs.size(), failed);
      continue;
    }
    // A run of ordinary pages, cleaned on the workers together.
    std::size_t end = first;
    while (end < inputs.size() && !is_warc[end]) ++end;
    for_each_ordered<CleanOutcome>(
        end - first, jobs, [&](std::size_t i) { return clean_one_input(inputs[first + i], job); },
        [&](std::size_t i, CleanOutcome&& outcome) {
          printer.print(inputs[first + i].label(), outcome, settings.jsonl);
          if (!outcome.ok) {
            exit_code = kExitFailure;
            ++failed;
          }
          progress.update(first + i + 1, inputs.size(), failed);
        });
    first = end;
  }
  progress.finish();
  if (!std::cout.flush()) {
    report_stdout_error(errno);
    exit_code = kExitFailure;
  }
  return exit_code;
}

std::string check_format(const std::string& name) {
  if (clean::parse_format(name)) return {};
  return "unknown format '" + name + "': use text, markdown (md), html or json";
}

std::string check_jobs(const std::string& text) {
  int jobs = -1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, jobs);
  if (error == std::errc() && stop == end && jobs >= 0 && jobs <= kMaxJobs) return {};
  return "'" + text + "' is not a thread count: use 0 (one per core) or 1 to " + std::to_string(kMaxJobs);
}

}  // namespace

void register_clean_command(CLI::App& app, int& exit_code) {
  auto settings = std::make_shared<CleanSettings>();
  CLI::App* command = app.add_subcommand("clean", kDescription);
  command->footer(std::string(kDetails) + kExitCodesHelp);

  command->add_option("INPUT", settings->inputs, "HTML or text file, directory, or - for stdin")
      ->required()
      ->type_name("");
  CLI::Option* output_dir = command->add_option(
      "-o,--output-dir", settings->output_dir,
      "Write one file per input into DIR (created if needed):\n"
      "DIR/<name>.<txt|md|html|json>, stdin as stdin.<ext>; files found\n"
      "in a directory argument keep their relative path; clashing\n"
      "names get -2, -3...");
  output_dir->type_name("DIR");
  CLI::Option* format = command->add_option("-f,--format", settings->format,
                                            "Output format: text (default), markdown (or md), html, json");
  format->type_name("FORMAT")->check(CLI::Validator(check_format, ""));
  command->add_flag("--jsonl", settings->jsonl,
                    "Print one JSON object per input, one per line, with a \"source\" key\n"
                    "(and an \"error\" key instead of the article when the input failed)")
      ->excludes(output_dir)
      ->excludes(format);
  command->add_flag("--links", settings->links, "Keep hyperlinks (markdown and html formats)");
  command->add_option("--url", settings->url, "The page's address, to resolve relative links (one input only)")
      ->type_name("URL")
      ->check(CLI::Validator(check_page_url, ""));
  command->add_option("--charset", settings->charset, "Read the input in this charset instead of detecting it")
      ->type_name("NAME")
      ->check(CLI::Validator(check_not_empty, ""));
  output_dir->check(CLI::Validator(check_not_empty, ""));
  command->add_option("-j,--jobs", settings->jobs,
                      "Clean up to N inputs at once on N threads (default 1; 0 = one\n"
                      "per core; at most 256). Output, files, messages and exit code\n"
                      "are the same as with -j 1, and printed in input order")
      ->type_name("N")
      ->check(CLI::Validator(check_jobs, ""));
  command->add_flag("-q,--quiet", settings->quiet, "Do not print warnings (errors are still printed)");
  command->add_option("--input", settings->input,
                      "How to read inputs: auto (default: sniff each one), html, or text\n"
                      "(already-extracted text with its boilerplate still in)")
      ->type_name("KIND")
      ->check(CLI::IsMember({"auto", "html", "text"}));
  command->add_option("--page-type", settings->page_type,
                      "Extract every page as this type instead of deciding it from the page:\n"
                      "article, forum, product, collection, listing, documentation or service\n"
                      "(--format json and --jsonl report the type as page_type)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"article", "forum", "product", "collection", "listing", "documentation", "service"}));
  command->add_flag("--explain", settings->explain,
                    "Text input: print every block with its decision (keep/drop), score\n"
                    "and strongest reasons instead of the article (-f json: as JSON)")
      ->excludes("--jsonl");

  command->callback([settings, &exit_code] { exit_code = run_clean(*settings); });
}

}  // namespace winnow::cli
