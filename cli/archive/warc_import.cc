// The engine of `archive import`: WARC records read in batches, pages cleaned on worker threads, stored in record order here.
#include "archive/warc_import.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "archive/site_partition.h"
#include "common/parallel.h"
#include "io/warc_pages.h"
#include "winnow/warc.h"

namespace winnow::cli {
namespace {

constexpr std::size_t kMaxPageBytes = 64u << 20;

// What one record asks of the archive, worked out (and for a page, cleaned) on a worker thread.
struct Plan {
  enum class Kind { kSkip, kContent, kNotModified, kGone, kRevisit };
  Kind kind = Kind::kSkip;
  std::string skip_reason;
  std::string url;
  std::string time;
  int status = 0;
  archive::Headers headers;
  std::optional<Result<archive::PreparedCapture>> prepared;  // kContent
  std::string record_id;         // this record's WARC-Record-ID
  std::string payload_digest;    // its WARC-Payload-Digest, to resolve later revisits
  std::string refers_to;         // kRevisit: WARC-Refers-To
  std::string refers_to_url;     // kRevisit: WARC-Refers-To-Target-URI
  std::string refers_to_date;    // kRevisit: WARC-Refers-To-Date
  std::string label;             // "FILE at offset N (URL)"
};

Plan skip(std::string reason) {
  Plan plan;
  plan.skip_reason = std::move(reason);
  return plan;
}

archive::Headers http_headers(const warc::Record& record) {
  return record.http ? record.http->headers : archive::Headers();
}

// Which partition's records an import keeps (see WarcImporter::set_partition).
struct PartitionFilter {
  std::size_t index = 0;
  std::size_t count = 1;
  bool keeps(const std::string& url) const { return count <= 1 || url.empty() || site_partition(url, count) == index; }
};

Plan plan_record(const warc::Record& record, const std::string& file_label, const PartitionFilter& partition) {
  Plan plan;
  plan.url = record.target_uri();
  if (!partition.keeps(plan.url)) return skip("another partition");
  plan.time = record.date();
  plan.record_id = record.record_id();
  plan.payload_digest = record.header("WARC-Payload-Digest");
  plan.label = file_label + " at offset " + std::to_string(record.offset) + " (" + plan.url + ")";
  plan.headers = http_headers(record);
  plan.status = record.http ? record.http->status : 0;
  const bool status_only = plan.status == 304 || plan.status == 404 || plan.status == 410;
  if (status_only && (record.type == warc::RecordType::kResponse || record.type == warc::RecordType::kRevisit)) {
    plan.kind = plan.status == 304 ? Plan::Kind::kNotModified : Plan::Kind::kGone;
    return plan;
  }
  if (record.type == warc::RecordType::kRevisit) {
    plan.kind = Plan::Kind::kRevisit;
    plan.refers_to = record.header("WARC-Refers-To");
    if (plan.refers_to.size() > 2 && plan.refers_to.front() == '<') {
      plan.refers_to = plan.refers_to.substr(1, plan.refers_to.size() - 2);
    }
    plan.refers_to_url = record.header("WARC-Refers-To-Target-URI");
    plan.refers_to_date = record.header("WARC-Refers-To-Date");
    return plan;
  }
  if (const std::optional<std::string> reason = why_not_a_page(record)) {
    Plan skipped = skip(*reason);
    skipped.label = plan.label;
    return skipped;
  }
  if (record.block_truncated) {
    plan.kind = Plan::Kind::kContent;
    plan.prepared = Error{ErrorKind::kTooLarge, "the record is larger than a WARC record may be to be read whole"};
    return plan;
  }
  warc::Limits limits;
  limits.max_decoded_bytes = kMaxPageBytes;
  Result<std::string> payload = warc::decoded_payload(record, limits);
  plan.kind = Plan::Kind::kContent;
  if (!payload) {
    plan.prepared = payload.error();
    return plan;
  }
  archive::CaptureInput input;
  input.url = plan.url;
  input.time = plan.time;
  input.status = plan.status;
  input.headers = plan.headers;
  input.raw = std::move(payload).value();
  plan.prepared = archive::prepare_capture(std::move(input));
  return plan;
}


// Where an imported record's bytes now live, for the revisits that repeat it.
struct Stored {
  std::string url;
  std::string time;
};

// Stores plans in record order in one archive, resolving revisits against what this run stored.
class Importer {
 public:
  Importer(archive::Archive& archive, RecordErrorSink on_error) : archive_(archive), on_error_(std::move(on_error)) {}

  // Stores one plan; false when storing must stop (the archive cannot be written).
  bool store(Plan& plan, ImportTally& tally) {
    switch (plan.kind) {
      case Plan::Kind::kSkip:
        ++tally.skipped[plan.skip_reason];
        return true;
      case Plan::Kind::kNotModified:
      case Plan::Kind::kGone:
        return store_status(plan, tally);
      case Plan::Kind::kRevisit:
        return store_revisit(plan, tally);
      case Plan::Kind::kContent:
        return store_content(plan, tally);
    }
    return true;
  }

 private:
  bool store_content(Plan& plan, ImportTally& tally) {
    const Result<archive::PreparedCapture>& prepared = *plan.prepared;
    if (!prepared) return failed(plan, prepared.error(), tally);
    const archive::PreparedCapture& capture = prepared.value();
    Result<bool> present = archive_.has_capture(capture.url, capture.time, capture.input.status, capture.raw_sha256);
    if (!present) return failed(plan, present.error(), tally);
    if (present.value()) {
      ++tally.already_stored;
    } else {
      Result<archive::AddResult> added = archive_.store(capture);
      if (!added) return failed(plan, added.error(), tally);
      ++tally.captures;
      if (added.value().new_version) ++tally.new_versions;
    }
    remember(plan, Stored{capture.url, capture.time});
    return true;
  }

  bool store_status(Plan& plan, ImportTally& tally) {
    Result<bool> present = archive_.has_capture(plan.url, plan.time, plan.status, {});
    if (!present) return failed(plan, present.error(), tally);
    if (present.value()) {
      ++tally.already_stored;
      return true;
    }
    Result<archive::AddResult> added = plan.kind == Plan::Kind::kNotModified
                                           ? archive_.add_not_modified(plan.url, plan.time, plan.headers)
                                           : archive_.add_gone(plan.url, plan.time, plan.status, plan.headers);
    if (!added && added.error().kind == ErrorKind::kNotFound) {
      ++tally.skipped["HTTP " + std::to_string(plan.status) + " before any version"];
      return true;
    }
    if (!added) return failed(plan, added.error(), tally);
    ++tally.captures;
    return true;
  }

  bool store_revisit(Plan& plan, ImportTally& tally) {
    std::optional<Stored> original = find(plan);
    if (!original) {
      ++tally.skipped["revisit of a record not imported"];
      return true;
    }
    archive::VersionSelector at;
    at.at = original->time;
    Result<std::string> raw = archive_.raw(original->url, at);
    if (!raw) {
      ++tally.skipped["revisit of a record not imported"];
      return true;
    }
    archive::CaptureInput input;
    input.url = plan.url;
    input.time = plan.time;
    input.status = plan.status != 0 ? plan.status : 200;
    input.headers = plan.headers;
    input.raw = std::move(raw).value();
    plan.prepared = archive::prepare_capture(std::move(input));
    return store_content(plan, tally);
  }

  std::optional<Stored> find(const Plan& plan) const {
    if (const auto by_id = by_record_id_.find(plan.refers_to); !plan.refers_to.empty() && by_id != by_record_id_.end()) {
      return by_id->second;
    }
    if (const auto by_digest = by_digest_.find(plan.payload_digest);
        !plan.payload_digest.empty() && by_digest != by_digest_.end()) {
      return by_digest->second;
    }
    // An earlier import (or another file) may hold it: the record it refers to names its URL and date.
    if (!plan.refers_to_url.empty() && !plan.refers_to_date.empty()) return Stored{plan.refers_to_url, plan.refers_to_date};
    return std::nullopt;
  }

  void remember(const Plan& plan, const Stored& stored) {
    if (!plan.record_id.empty()) by_record_id_[plan.record_id] = stored;
    if (!plan.payload_digest.empty()) by_digest_.emplace(plan.payload_digest, stored);
  }

  // Reports a record that could not be stored; false when the archive itself failed, so nothing later can be stored.
  bool failed(const Plan& plan, const Error& error, ImportTally& tally) {
    if (on_error_) on_error_(plan.label, error);
    ++tally.failed;
    return error.kind != ErrorKind::kIo && error.kind != ErrorKind::kInternal;
  }

  archive::Archive& archive_;
  RecordErrorSink on_error_;
  std::map<std::string, Stored> by_record_id_;
  std::map<std::string, Stored> by_digest_;
};

}  // namespace

// The Importer under the name the header gives it.
class WarcImporter::Store : public Importer {
 public:
  using Importer::Importer;
};

std::string describe(const ImportTally& tally) {
  std::string text = std::to_string(tally.records) + " records: " + std::to_string(tally.captures) + " captures (" +
                     std::to_string(tally.new_versions) + " new versions), " + std::to_string(tally.already_stored) +
                     " already stored";
  if (tally.failed > 0) text += ", " + std::to_string(tally.failed) + " failed";
  return text + ", " + describe_skipped(tally.skipped);
}

std::string summary_json(const std::string& file, const ImportTally& tally) {
  nlohmann::ordered_json line;
  line["file"] = file;
  line["records"] = tally.records;
  line["captures"] = tally.captures;
  line["new_versions"] = tally.new_versions;
  line["already_stored"] = tally.already_stored;
  line["failed"] = tally.failed;
  line["skipped"] = tally.skipped;
  line["error"] = tally.error ? nlohmann::ordered_json(tally.error->message) : nlohmann::ordered_json(nullptr);
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

WarcImporter::WarcImporter(archive::Archive& archive, unsigned jobs, RecordErrorSink on_error)
    : store_(std::make_unique<Store>(archive, std::move(on_error))), jobs_(std::max(1u, jobs)) {}

WarcImporter::~WarcImporter() = default;

bool WarcImporter::import_file(const std::string& file, ImportTally& tally, const std::function<void()>& on_record) {
  Importer& importer = *store_;
  const unsigned jobs = jobs_;
  const PartitionFilter partition{partition_index_, partition_count_};
  const std::string label = file == "-" ? "standard input" : file;
  Result<warc::Reader> reader = open_warc(file);
  if (!reader) {
    tally.error = reader.error();
    return true;
  }
  bool archive_ok = true;
  for (bool last = false; !last && archive_ok;) {
    RecordBatch batch = read_batch(reader.value(), jobs);
    last = batch.last;
    if (batch.error) tally.error = batch.error;
    for_each_ordered<Plan>(
        batch.records.size(), jobs, [&](std::size_t i) { return plan_record(batch.records[i], label, partition); },
        [&](std::size_t, Plan&& plan) {
          ++tally.records;
          if (archive_ok) archive_ok = importer.store(plan, tally);
          if (on_record) on_record();
        });
  }
  return archive_ok;
}

void WarcImporter::set_partition(std::size_t index, std::size_t count) {
  partition_index_ = index;
  partition_count_ = count;
}

}  // namespace winnow::cli
