// The background verify: opened for writing when it can be (FTS5's integrity check is a rolled-back write), else read-only, as `archive verify`.
#include "serve/verify_job.h"

#include "archive/read.h"

namespace winnow::cli::serve {

VerifyJob::VerifyJob(std::string archive_path) : archive_path_(std::move(archive_path)) {}

VerifyJob::~VerifyJob() {
  if (thread_.joinable()) thread_.join();
}

bool VerifyJob::start() {
  std::lock_guard lock(mutex_);
  if (state_.running) return false;
  if (thread_.joinable()) thread_.join();  // finished: its state is already recorded
  state_.running = true;
  state_.ever_ran = true;
  state_.started = archive::now_utc();
  state_.seconds = 0;
  state_.progress = archive::VerifyProgress{};
  started_at_ = std::chrono::steady_clock::now();
  thread_ = std::thread([this] { run(); });
  return true;
}

VerifyState VerifyJob::state() const {
  std::lock_guard lock(mutex_);
  VerifyState copy = state_;
  if (copy.running) copy.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
  return copy;
}

void VerifyJob::run() {
  std::optional<archive::VerifyReport> report;
  std::string error;
  Result<archive::Archive> opened = open_existing(archive_path_, false);
  if (!opened) {
    error = opened.error().message;
  } else if (Result<archive::VerifyReport> verified = opened.value().verify([this](const archive::VerifyProgress& p) {
               std::lock_guard lock(mutex_);
               state_.progress = p;
             });
             verified) {
    report = std::move(verified.value());
  } else {
    error = verified.error().message;
  }
  std::lock_guard lock(mutex_);
  state_.running = false;
  state_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
  state_.report = std::move(report);
  state_.error = std::move(error);
}

}  // namespace winnow::cli::serve
