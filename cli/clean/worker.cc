// Cleans one input of `winnow clean` into an outcome; runs on worker threads, so it prints nothing itself.
#include "clean/worker.h"

#include <exception>
#include <filesystem>
#include <new>
#include <optional>
#include <nlohmann/json.hpp>
#include <utility>

#include "io/output.h"
#include "io/read_input.h"
#include "clean/explain.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

std::string with_final_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

// An input cleaned: its article, and for text input the output that replaces the rendered article.
struct Cleaned {
  clean::Article article;
  std::optional<std::string> output;
};

// One JSONL line: the source first, then render_json's keys (or the error).
std::string jsonl_line(const Input& input, const Result<Cleaned>& cleaned) {
  nlohmann::ordered_json line;
  line["source"] = input.source();
  if (cleaned.ok()) {
    const auto body = nlohmann::ordered_json::parse(clean::render_json(cleaned.value().article));
    for (const auto& [key, value] : body.items()) line[key] = value;
  } else {
    line["error"] = cleaned.error().message;
  }
  // Paths are bytes on POSIX and may not be UTF-8; replace rather than throw.
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

bool reads_as_text(const CleanJob& job, std::string_view bytes) {
  if (job.input_mode != InputMode::kAuto) return job.input_mode == InputMode::kText;
  return clean::sniff_input_kind(bytes) == clean::InputKind::kText;
}

Result<Cleaned> clean_text_input(std::string_view bytes, const CleanJob& job) {
  Result<clean::CleanedText> text = clean::clean_text(bytes, job.options);
  if (!text) return text.error();
  Cleaned cleaned;
  if (job.options.explain) {
    cleaned.output = render_explanation(text.value(), job.format == clean::Format::kJson);
  } else if (job.format == clean::Format::kText) {
    cleaned.output = text.value().kept_text();
  }
  cleaned.article = std::move(text.value().article);
  return cleaned;
}

Result<Cleaned> clean_input(const Input& input, const CleanJob& job) {
  if (!input.error.empty()) return Error{ErrorKind::kIo, input.error};
  Result<std::string> bytes = read_input(input, job.options.max_input_bytes);
  if (!bytes) return bytes.error();
  if (reads_as_text(job, bytes.value())) return clean_text_input(bytes.value(), job);
  if (job.options.explain) {
    return Error{ErrorKind::kInvalidInput,
                 "--explain describes text input, and this input looks like HTML (use --input text to read it as text)"};
  }
  Result<clean::Article> article = clean::clean_html(bytes.value(), job.options);
  if (!article) return article.error();
  return Cleaned{std::move(article).value(), std::nullopt};
}

CleanOutcome clean_and_deliver(const Input& input, const CleanJob& job) {
  CleanOutcome outcome;
  const Result<Cleaned> cleaned = clean_input(input, job);
  if (!cleaned) {
    outcome.messages.push_back({true, cleaned.error().message});
  } else if (!job.quiet) {
    for (const std::string& warning : cleaned.value().article.warnings) outcome.messages.push_back({false, warning});
  }
  if (job.jsonl) {
    outcome.output = jsonl_line(input, cleaned);
    outcome.ok = cleaned.ok();
    return outcome;
  }
  if (!cleaned) return outcome;
  const Cleaned& value = cleaned.value();
  std::string rendered = with_final_newline(
      value.output ? *value.output : clean::render(value.article, job.format, clean::RenderOptions{job.links}));
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
  if (job.jsonl) outcome.output = jsonl_line(input, Result<Cleaned>(Error{ErrorKind::kInternal, message}));
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
