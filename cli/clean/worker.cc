// Cleans one page of `winnow clean` into an outcome; runs on worker threads, so it prints nothing itself.
#include "clean/worker.h"

#include <exception>
#include <filesystem>
#include <new>
#include <utility>

#include "clean/explain.h"
#include "io/output.h"
#include "io/read_input.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

std::string with_final_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

// One JSONL line: the destination's fields first, then render_json's keys (or the error).
std::string jsonl_line(const Destination& destination, const Result<Cleaned>& cleaned) {
  nlohmann::ordered_json line = destination.jsonl_fields;
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

Result<Cleaned> clean_text_input(std::string_view bytes, const CleanJob& job, const clean::Options& options) {
  Result<clean::CleanedText> text = clean::clean_text(bytes, options);
  if (!text) return text.error();
  Cleaned cleaned;
  if (options.explain) {
    cleaned.output = render_explanation(text.value(), job.format == clean::Format::kJson);
  } else if (job.format == clean::Format::kText) {
    cleaned.output = text.value().kept_text();
  }
  cleaned.article = std::move(text.value().article);
  return cleaned;
}

Destination destination_of(const Input& input) {
  Destination destination;
  destination.jsonl_fields["source"] = input.source();
  destination.output_stem = input.output_stem;
  return destination;
}

// An outcome for a page that failed unexpectedly: reported like any other failure, so the batch goes on.
CleanOutcome failed_outcome(const Destination& destination, const CleanJob& job, std::string message) {
  CleanOutcome outcome;
  if (job.jsonl) outcome.output = jsonl_line(destination, Result<Cleaned>(Error{ErrorKind::kInternal, message}));
  outcome.messages.push_back({true, std::move(message)});
  return outcome;
}

}  // namespace

Result<Cleaned> clean_bytes(std::string_view bytes, const CleanJob& job, const clean::Options& options) {
  if (reads_as_text(job, bytes)) return clean_text_input(bytes, job, options);
  if (options.explain) {
    return Error{ErrorKind::kInvalidInput,
                 "--explain describes text input, and this input looks like HTML (use --input text to read it as text)"};
  }
  Result<clean::Article> article = clean::clean_html(bytes, options);
  if (!article) return article.error();
  return Cleaned{std::move(article).value(), std::nullopt};
}

CleanOutcome deliver(const Result<Cleaned>& cleaned, const Destination& destination, const CleanJob& job) {
  CleanOutcome outcome;
  if (!cleaned) {
    outcome.messages.push_back({true, cleaned.error().message});
  } else if (!job.quiet) {
    for (const std::string& warning : cleaned.value().article.warnings) outcome.messages.push_back({false, warning});
  }
  if (job.jsonl) {
    outcome.output = jsonl_line(destination, cleaned);
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
  fs::path target = fs::path(job.output_dir) / destination.output_stem;
  target += ".";
  target += clean::format_extension(job.format);
  const Result<fs::path> written = write_file_atomically(target, rendered);
  if (!written) outcome.messages.push_back({true, written.error().message});
  outcome.ok = written.ok();
  return outcome;
}

CleanOutcome guarded(const Destination& destination, const CleanJob& job, const std::function<CleanOutcome()>& work) {
  try {
    return work();
  } catch (const std::bad_alloc&) {
    return failed_outcome(destination, job, "out of memory while cleaning this input");
  } catch (const std::exception& error) {
    return failed_outcome(destination, job, std::string("internal error: ") + error.what());
  } catch (...) {
    return failed_outcome(destination, job, "internal error");
  }
}

CleanOutcome clean_one_input(const Input& input, const CleanJob& job) {
  const Destination destination = destination_of(input);
  return guarded(destination, job, [&] {
    if (!input.error.empty()) return deliver(Error{ErrorKind::kIo, input.error}, destination, job);
    Result<std::string> bytes = read_input(input, job.options.max_input_bytes);
    if (!bytes) return deliver(bytes.error(), destination, job);
    return deliver(clean_bytes(bytes.value(), job, job.options), destination, job);
  });
}

}  // namespace winnow::cli
