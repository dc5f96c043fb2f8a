// Cleans one input of `winnow clean` into an outcome; runs on worker threads, so it prints nothing itself.
#include "clean_worker.h"

#include <exception>
#include <filesystem>
#include <new>
#include <nlohmann/json.hpp>
#include <utility>

#include "output.h"
#include "read_input.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

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

CleanOutcome clean_and_deliver(const Input& input, const CleanJob& job) {
  CleanOutcome outcome;
  const Result<clean::Article> article = clean_input(input, job.options);
  if (!article) {
    outcome.messages.push_back({true, article.error().message});
  } else if (!job.quiet) {
    for (const std::string& warning : article.value().warnings) outcome.messages.push_back({false, warning});
  }
  if (job.jsonl) {
    outcome.output = jsonl_line(input, article);
    outcome.ok = article.ok();
    return outcome;
  }
  if (!article) return outcome;
  std::string rendered =
      with_final_newline(clean::render(article.value(), job.format, clean::RenderOptions{job.links}));
  if (job.output_dir.empty()) {
    outcome.output = std::move(rendered);
    outcome.ok = true;
    return outcome;
  }
  fs::path target = fs::path(job.output_dir) / input.output_stem;
  target += ".";
  target += clean::format_extension(job.format);
  const Result<fs::path> written = write_file_atomically(target, rendered);
  if (!written) outcome.messages.push_back({true, written.error().message});
  outcome.ok = written.ok();
  return outcome;
}

// An input that failed unexpectedly: reported like any other failed input, so the batch goes on.
CleanOutcome failed_outcome(const Input& input, const CleanJob& job, std::string message) {
  CleanOutcome outcome;
  if (job.jsonl) outcome.output = jsonl_line(input, Error{ErrorKind::kInternal, message});
  outcome.messages.push_back({true, std::move(message)});
  return outcome;
}

}  // namespace

CleanOutcome clean_one_input(const Input& input, const CleanJob& job) {
  try {
    return clean_and_deliver(input, job);
  } catch (const std::bad_alloc&) {
    return failed_outcome(input, job, "out of memory while cleaning this input");
  } catch (const std::exception& error) {
    return failed_outcome(input, job, std::string("internal error: ") + error.what());
  } catch (...) {
    return failed_outcome(input, job, "internal error");
  }
}

}  // namespace winnow::cli
