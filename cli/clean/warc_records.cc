// Cleans the HTML records of a WARC file in batches on worker threads, handing outcomes back in record order.
#include "clean/warc_records.h"

#include <unistd.h>

#include <fstream>
#include <string_view>
#include <utility>
#include <vector>

#include "common/parallel.h"
#include "io/read_input.h"
#include "io/warc_pages.h"
#include "winnow/ascii.h"
#include "winnow/warc.h"

namespace winnow::cli {
namespace {

// Records are cleaned a batch at a time: reading stays on this thread, and
// memory stays bounded by the batch, whatever the file's size.
constexpr std::size_t kSniffBytes = 1024;

Destination record_destination(const Input& input, const warc::Record& record) {
  Destination destination;
  destination.jsonl_fields["source"] = input.source();
  destination.jsonl_fields["offset"] = record.offset;
  destination.jsonl_fields["warc_date"] = record.date();
  destination.jsonl_fields["warc_record_id"] = record.record_id();
  destination.output_stem = input.output_stem / std::to_string(record.offset);
  return destination;
}

std::string record_label(const Input& input, const warc::Record& record) {
  return input.label() + " at offset " + std::to_string(record.offset) + " (" + record.target_uri() + ")";
}

CleanOutcome clean_record(const warc::Record& record, const Destination& destination, const CleanJob& job) {
  return guarded(destination, job, [&] {
    if (record.block_truncated) {
      return deliver(Error{ErrorKind::kTooLarge, "the record is larger than the " +
                                                     std::to_string(warc::Limits{}.max_block_bytes >> 20) +
                                                     " MiB a record may take; skipped"},
                     destination, job);
    }
    warc::Limits limits;
    limits.max_decoded_bytes = job.options.max_input_bytes;
    Result<std::string> payload = warc::decoded_payload(record, limits);
    if (!payload) return deliver(payload.error(), destination, job);
    clean::Options options = job.options;
    options.url = record.target_uri();
    options.content_type = payload_content_type(record);
    return deliver(clean_bytes(payload.value(), job, options), destination, job);
  });
}

bool has_warc_name(const Input& input) {
  const std::string name = input.path.filename().string();
  return ascii::iends_with(name, ".warc") || ascii::iends_with(name, ".warc.gz") ||
         ascii::iends_with(name, ".warc.zst");
}

// A batch of records to clean, with what each needs.
struct Pending {
  warc::Record record;
  Destination destination;
  std::string label;
};

}  // namespace

bool is_warc_input(const Input& input) {
  if (!input.error.empty()) return false;
  if (input.is_stdin) return warc::looks_like_warc(peek_stdin(kSniffBytes));
  if (has_warc_name(input)) return true;
  std::ifstream file(input.path, std::ios::binary);
  if (!file) return false;
  std::string head(kSniffBytes, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  return warc::looks_like_warc(head);
}

WarcTally clean_warc(const Input& input, const CleanJob& job, unsigned jobs, const RecordSink& sink) {
  WarcTally tally;
  Result<warc::Reader> reader = open_warc(input.is_stdin ? std::string("-") : input.path.string());
  if (!reader) {
    tally.error = reader.error();
    return tally;
  }
  CleanJob html_job = job;
  html_job.input_mode = InputMode::kHtml;  // chosen as HTML already; never sniffed as text
  for (bool last = false; !last;) {
    RecordBatch read = read_batch(reader.value(), jobs);
    last = read.last;
    if (read.error) tally.error = read.error;
    std::vector<Pending> batch;
    for (warc::Record& record : read.records) {
      ++tally.records;
      ++tally.types[std::string(warc::record_type_name(record.type))];
      tally.read_to = record.offset + record.length;
      if (const std::optional<std::string> reason = why_not_a_page(record)) {
        ++tally.skipped[*reason];
        continue;
      }
      Destination destination = record_destination(input, record);
      std::string label = record_label(input, record);
      batch.push_back(Pending{std::move(record), std::move(destination), std::move(label)});
    }
    for_each_ordered<CleanOutcome>(
        batch.size(), jobs,
        [&](std::size_t i) { return clean_record(batch[i].record, batch[i].destination, html_job); },
        [&](std::size_t i, CleanOutcome&& outcome) {
          ++(outcome.ok ? tally.cleaned : tally.failed);
          sink(batch[i].label, std::move(outcome));
        });
  }
  return tally;
}

std::string describe_tally(const WarcTally& tally) {
  std::string text = std::to_string(tally.records) + " records: " + std::to_string(tally.cleaned) + " cleaned";
  if (tally.failed > 0) text += ", " + std::to_string(tally.failed) + " failed";
  return text + ", " + describe_skipped(tally.skipped);
}

}  // namespace winnow::cli
