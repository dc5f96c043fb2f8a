// `winnow clean`: reads each input, cleans it with winnow::clean, and sends the article to stdout, JSONL or files.
#include "clean_command.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "exit_codes.h"
#include "inputs.h"
#include "messages.h"
#include "output.h"
#include "read_input.h"
#include "winnow/clean.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

struct CleanSettings {
  std::vector<std::string> inputs;
  std::string output_dir;
  bool jsonl = false;
  std::string format = "text";
  bool links = false;
  std::string url;
  std::string charset;
  bool quiet = false;
};

constexpr const char* kDescription = "Extract the article from HTML pages";
constexpr const char* kDetails =
    "INPUT is an HTML file, a directory (its *.html and *.htm files, recursively,\n"
    "in path order) or - for standard input.\n"
    "With one input the article goes to stdout. With several inputs and neither\n"
    "-o nor --jsonl, the articles go to stdout in order, each after a line\n"
    "'==> INPUT <==' (as head does); prefer -o DIR or --jsonl for batches.\n"
    "Errors and warnings go to stderr as 'winnow: error: INPUT: ...'.\n\n";

std::string with_final_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

// One JSONL line: the source first, then render_json's keys (or the error).
std::string jsonl_line(const Input& input, const Result<clean::Article>& article) {
  nlohmann::ordered_json line;
  line["source"] = input.source();
  if (article.ok()) {
    const auto body = nlohmann::ordered_json::parse(clean::render_json(article.value()));
    for (const auto& [key, value] : body.items()) line[key] = value;
  } else {
    line["error"] = article.error().message;
  }
  // Paths are bytes on POSIX and may not be UTF-8; replace rather than throw.
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

Result<clean::Article> clean_input(const Input& input, const clean::Options& options) {
  if (!input.error.empty()) return Error{ErrorKind::kIo, input.error};
  Result<std::string> bytes = read_input(input, options.max_input_bytes);
  if (!bytes) return bytes.error();
  return clean::clean_html(bytes.value(), options);
}

// Sends one outcome where the settings say; false when the article could not be delivered.
class ArticleSink {
 public:
  ArticleSink(const CleanSettings& settings, clean::Format format, std::size_t input_count)
      : settings_(settings), format_(format), headers_(input_count > 1) {}

  bool deliver(const Input& input, const Result<clean::Article>& article) {
    if (settings_.jsonl) {
      std::cout << jsonl_line(input, article);
      return article.ok();
    }
    if (!article) return false;
    const std::string rendered = with_final_newline(
        clean::render(article.value(), format_, clean::RenderOptions{settings_.links}));
    if (!settings_.output_dir.empty()) return write_to_directory(input, rendered);
    if (headers_) std::cout << (delivered_++ ? "\n" : "") << "==> " << input.label() << " <==\n";
    std::cout << rendered;
    return true;
  }

 private:
  bool write_to_directory(const Input& input, const std::string& rendered) {
    fs::path target = fs::path(settings_.output_dir) / input.output_stem;
    target += "." + std::string(clean::format_extension(format_));
    Result<fs::path> written = write_file_atomically(target, rendered);
    if (!written) report_error(input.label(), written.error().message);
    return written.ok();
  }

  const CleanSettings& settings_;
  clean::Format format_;
  bool headers_;
  int delivered_ = 0;
};

int run_clean(const CleanSettings& settings) {
  if (std::count(settings.inputs.begin(), settings.inputs.end(), "-") > 1) {
    report_error("", "standard input (-) can be given only once");
    return kExitUsage;
  }
  std::vector<Input> inputs = expand_inputs(settings.inputs);
  if (!settings.url.empty() && inputs.size() != 1) {
    report_error("", "--url applies to exactly one input page, but " + std::to_string(inputs.size()) +
                         " were given; run winnow clean once per page to give each its URL");
    return kExitUsage;
  }
  if (!settings.output_dir.empty()) assign_output_names(inputs);

  clean::Options options;
  options.url = settings.url;
  options.charset = settings.charset;
  const clean::Format format = clean::parse_format(settings.format).value_or(clean::Format::kText);
  ArticleSink sink(settings, format, inputs.size());

  int exit_code = kExitOk;
  for (const Input& input : inputs) {
    const Result<clean::Article> article = clean_input(input, options);
    if (!article) {
      report_error(input.label(), article.error().message);
    } else if (!settings.quiet) {
      for (const std::string& warning : article.value().warnings) report_warning(input.label(), warning);
    }
    if (!sink.deliver(input, article)) exit_code = kExitFailure;
  }
  if (!std::cout.flush()) {
    report_error("", "cannot write to standard output");
    exit_code = kExitFailure;
  }
  return exit_code;
}

std::string check_format(const std::string& name) {
  if (clean::parse_format(name)) return {};
  return "unknown format '" + name + "': use text, markdown (md), html or json";
}

}  // namespace

void register_clean_command(CLI::App& app, int& exit_code) {
  auto settings = std::make_shared<CleanSettings>();
  CLI::App* command = app.add_subcommand("clean", kDescription);
  command->footer(std::string(kDetails) + kExitCodesHelp);

  command->add_option("INPUT", settings->inputs, "HTML file, directory, or - for stdin")
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
      ->type_name("URL");
  command->add_option("--charset", settings->charset, "Read the input in this charset instead of detecting it")
      ->type_name("NAME");
  command->add_flag("-q,--quiet", settings->quiet, "Do not print warnings (errors are still printed)");

  command->callback([settings, &exit_code] { exit_code = run_clean(*settings); });
}

}  // namespace winnow::cli
