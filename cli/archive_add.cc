// `winnow archive add`: reads and cleans pages ahead on worker threads (prepare_capture) and stores them in order on this one.
#include "archive_add.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <sstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "exit_codes.h"
#include "inputs.h"
#include "messages.h"
#include "parallel.h"
#include "read_input.h"
#include "winnow/archive.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxPageBytes = 64u << 20;

// One input's preparation: the capture ready to store, or why it is not.
using Prepared = Result<archive::PreparedCapture>;

Prepared prepare(const Input& input, const std::string& url, const AddSettings& settings) {
  if (!input.error.empty()) return Error{ErrorKind::kIo, input.error};
  Result<std::string> bytes = read_input(input, kMaxPageBytes);
  if (!bytes) return bytes.error();
  archive::CaptureInput capture;
  if (!url.empty()) {
    capture.url = url;
  } else {
    std::error_code ec;
    const fs::path absolute = fs::absolute(input.path, ec);
    capture.url = archive::file_url((ec ? input.path : absolute.lexically_normal()).string());
  }
  capture.time = settings.time;
  capture.raw = std::move(bytes.value());
  capture.charset = settings.charset;
  return archive::prepare_capture(std::move(capture));
}

// Prepares inputs in order on one background thread, a few ahead of the consumer.
class Prefetcher {
 public:
  Prefetcher(const std::vector<Input>& inputs, const std::vector<std::string>& urls, const AddSettings& settings)
      : inputs_(inputs), urls_(urls), settings_(settings), thread_([this] { run(); }) {}
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;
  ~Prefetcher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  // The next input's result, in input order.
  Prepared next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty(); });
    Prepared prepared = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return prepared;
  }

 private:
  void run() {
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || ready_.size() < kAhead; });
        if (stop_) return;
      }
      Prepared prepared = [&]() -> Prepared {
        try {
          return prepare(inputs_[i], urls_[i], settings_);
        } catch (const std::exception& error) {
          return Error{ErrorKind::kInternal, error.what()};
        }
      }();
      {
        std::lock_guard lock(mutex_);
        ready_.push_back(std::move(prepared));
      }
      changed_.notify_all();
    }
  }

  static constexpr std::size_t kAhead = 4;
  const std::vector<Input>& inputs_;
  const std::vector<std::string>& urls_;
  const AddSettings& settings_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Prepared> ready_;
  bool stop_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

std::string describe(const archive::AddResult& result) {
  if (!result.new_version) return "same as version " + std::to_string(result.version) + ", capture recorded";
  std::string text = "version " + std::to_string(result.version) + ", " + std::string(archive::label_name(result.label));
  if (result.label == archive::ChangeLabel::kEdited) {
    text += ", " + std::to_string(result.words_changed) + (result.words_changed == 1 ? " word" : " words") + " changed";
  }
  if (result.blob_existed) text += ", bytes already stored";
  return text;
}

void print(const Input& input, const archive::AddResult& result, bool json) {
  if (json) {
    nlohmann::json line = {{"file", input.source()},
                           {"url", result.url},
                           {"capture", result.capture_id},
                           {"version", result.version},
                           {"new_version", result.new_version},
                           {"label", std::string(archive::label_name(result.label))},
                           {"words_changed", result.words_changed},
                           {"bytes", result.raw_size},
                           {"stored_bytes", result.stored_size},
                           {"deduplicated", result.blob_existed}};
    std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    std::cout << result.url << ": " << describe(result) << " (" << input.label() << ")\n";
  }
  // Flushed per capture: a line on stdout means the capture is committed.
  std::cout.flush();
}

}  // namespace

int run_archive_add(const AddSettings& settings) {
  if (std::count(settings.files.begin(), settings.files.end(), "-") > 1) {
    report_error("", "standard input (-) can be given only once");
    return kExitUsage;
  }
  if (settings.url.empty() && std::count(settings.files.begin(), settings.files.end(), "-") > 0) {
    report_error("", "a page read from standard input needs --url URL");
    return kExitUsage;
  }
  if (!settings.url.empty()) {
    if (Result<std::string> url = archive::normalize_url(settings.url); !url) {
      report_error("", url.error().message);
      return kExitUsage;
    }
  }
  if (!settings.time.empty()) {
    if (Result<std::string> time = archive::parse_time(settings.time); !time) {
      report_error("", time.error().message);
      return kExitUsage;
    }
  }
  std::vector<Input> inputs;
  std::vector<std::string> urls;
  if (!settings.list.empty()) {
    if (!settings.files.empty() || !settings.url.empty()) {
      report_error("", "--from LIST names the files and their URLs; give no FILE or --url with it");
      return kExitUsage;
    }
    Input list_file;
    list_file.path = settings.list;
    Result<std::string> listed = read_input(list_file, kMaxListBytes);
    if (!listed) {
      report_error(list_file.label(), "cannot read the list of pages: " + listed.error().message);
      return kExitFailure;
    }
    std::istringstream list(listed.value());
    std::string line;
    int number = 0;
    while (std::getline(list, line)) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string url, path;
      fields >> url >> std::ws;
      std::getline(fields, path);
      while (!path.empty() && (path.back() == '\r' || path.back() == ' ')) path.pop_back();
      if (url.empty() || path.empty()) {
        report_error(settings.list + ":" + std::to_string(number), "expected a line 'URL PATH'");
        return kExitUsage;
      }
      Input input;
      input.path = path;
      inputs.push_back(std::move(input));
      urls.push_back(url);
    }
  } else {
    if (settings.files.empty()) {
      report_error("", "give the FILEs to add, or --from LIST");
      return kExitUsage;
    }
    inputs = expand_inputs(settings.files, DirectoryPages::kHtml);
    urls.assign(inputs.size(), settings.url);
  }
  Result<archive::Archive> opened = archive::Archive::open(settings.archive);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  archive::Archive& store = opened.value();

  int exit_code = kExitOk;
  bool stopped = false;
  int stdout_errno = -1;  // errno when a capture's line first failed to reach stdout
  const auto consume = [&](std::size_t i, Prepared&& prepared) {
    const Input& input = inputs[i];
    if (stopped) return;
    if (!prepared) {
      report_error(input.label(), prepared.error().message);
      exit_code = kExitFailure;
      return;
    }
    Result<archive::AddResult> added = store.store(prepared.value());
    if (!added) {
      report_error(input.label(), added.error().message);
      exit_code = kExitFailure;
      // Storing fails only on the archive itself (full disk, read-only, damage): every later page would fail too.
      stopped = true;
      if (i + 1 < inputs.size()) {
        report_error("", "stopped; " + std::to_string(inputs.size() - i - 1) + " more input(s) not stored");
      }
      return;
    }
    if (!settings.quiet && !added.value().warning.empty()) report_warning(input.label(), added.value().warning);
    print(input, added.value(), settings.json);
    if (!std::cout && stdout_errno < 0) stdout_errno = errno;
  };

  const unsigned jobs = worker_count(settings.jobs);
  if (jobs <= 1) {
    Prefetcher prefetcher(inputs, urls, settings);
    for (std::size_t i = 0; i < inputs.size() && !stopped; ++i) consume(i, prefetcher.next());
  } else {
    for_each_ordered<Prepared>(
        inputs.size(), jobs, [&](std::size_t i) { return prepare(inputs[i], urls[i], settings); }, consume);
  }
  // The captures are stored either way; a report that did not arrive is still a failure.
  if (stdout_errno >= 0) {
    report_stdout_error(stdout_errno);
    exit_code = kExitFailure;
  }
  return exit_code;
}

}  // namespace winnow::cli
