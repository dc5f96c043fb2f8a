// `winnow archive add`: reads and cleans pages ahead on worker threads (prepare_capture) and stores them in order on this one.
#include "archive/add.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <sstream>
#include <variant>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "archive/page_list.h"
#include "archive/seal.h"
#include "common/exit_codes.h"
#include "io/inputs.h"
#include "terminal/messages.h"
#include "common/parallel.h"
#include "terminal/progress_line.h"
#include "io/read_input.h"
#include "winnow/archive.h"
#include "winnow/control_chars.h"

namespace winnow::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxPageBytes = 64u << 20;

// --time mtime: each file's capture time is its modification time.
constexpr const char* kModificationTime = "mtime";

Result<std::string> modification_time(const Input& input) {
  if (input.is_stdin) return Error{ErrorKind::kInvalidInput, "--time mtime needs files: standard input has no modification time"};
  struct stat info {};
  if (::stat(input.path.c_str(), &info) != 0) return Error{ErrorKind::kIo, "cannot read its modification time"};
  std::tm parts{};
  gmtime_r(&info.st_mtime, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(buffer);
}

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
  if (settings.time == kModificationTime) {
    Result<std::string> time = modification_time(input);
    if (!time) return time.error();
    capture.time = time.value();
  } else {
    capture.time = settings.time;
  }
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

void print(const Input& input, const std::string& url, const archive::AddResult* added, const std::string& error,
           bool json) {
  if (json) {
    AddReport report;
    report.input = input.source();
    report.url = added ? added->url : url;
    report.bytes = added ? added->raw_size : 0;
    report.added = added;
    report.error = error;
    erase_progress_line();
    std::cout << add_json_line(report) << '\n';
  } else if (added) {
    erase_progress_line();
    std::cout << without_control_chars(added->url + ": " + describe_added(*added, 0) + " (" + input.label() + ")")
              << '\n';
  }
  // Flushed per capture: a line on stdout means the capture is committed.
  std::cout.flush();
}

}  // namespace

std::string describe_added(const archive::AddResult& added, int status) {
  const std::string version = std::to_string(added.version);
  if (status == 404 || status == 410) return "gone (" + std::to_string(status) + "), last content is version " + version;
  if (status == 304) return "not modified, capture of version " + version;
  if (!added.new_version) return "same as version " + version + ", capture recorded";
  std::string text = "version " + version + ", " + std::string(archive::label_name(added.label));
  if (added.label == archive::ChangeLabel::kEdited) {
    text += ", " + std::to_string(added.words_changed) + (added.words_changed == 1 ? " word" : " words") + " changed";
  }
  if (added.blob_existed) text += ", bytes already stored";
  return text;
}

std::string add_json_line(const AddReport& report) {
  using nlohmann::ordered_json;
  const auto optional_text = [](const std::string& text) { return text.empty() ? ordered_json(nullptr) : ordered_json(text); };
  const archive::AddResult* added = report.added;
  ordered_json line;
  line["input"] = report.input;
  line["url"] = optional_text(report.url);
  line["final_url"] = optional_text(report.final_url);
  line["time"] = added ? ordered_json(added->time) : ordered_json(nullptr);
  line["status"] = report.status != 0 ? ordered_json(report.status) : ordered_json(nullptr);
  line["bytes"] = added ? ordered_json(report.bytes) : ordered_json(nullptr);
  line["stored_bytes"] = added ? ordered_json(added->stored_size) : ordered_json(nullptr);
  line["capture"] = added ? ordered_json(added->capture_id) : ordered_json(nullptr);
  line["version"] = added ? ordered_json(added->version) : ordered_json(nullptr);
  line["new_version"] = added ? ordered_json(added->new_version) : ordered_json(nullptr);
  line["label"] = added ? ordered_json(std::string(archive::label_name(added->label))) : ordered_json(nullptr);
  line["words_changed"] = added ? ordered_json(added->words_changed) : ordered_json(nullptr);
  line["deduplicated"] = added ? ordered_json(added->blob_existed) : ordered_json(nullptr);
  line["gone"] = added ? ordered_json(report.status == 404 || report.status == 410) : ordered_json(nullptr);
  line["error"] = optional_text(report.error);
  return line.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

namespace {

// Why an add cannot start: what to print, and the exit code.
struct Refusal {
  int exit_code = kExitUsage;
  std::string subject;
  std::string message;
};

// The options that make no sense alone or together; nullopt when they do.
std::optional<Refusal> check_settings(const AddSettings& settings) {
  const auto stdin_count = std::count(settings.files.begin(), settings.files.end(), "-");
  if (stdin_count > 1) return Refusal{kExitUsage, "", "standard input (-) can be given only once"};
  if (settings.url.empty() && stdin_count > 0) return Refusal{kExitUsage, "", "a page read from standard input needs --url URL"};
  if (!settings.url.empty()) {
    if (Result<std::string> url = archive::normalize_url(settings.url); !url) {
      return Refusal{kExitUsage, "", url.error().message};
    }
  }
  if (!settings.time.empty() && settings.time != kModificationTime) {
    if (Result<std::string> time = archive::parse_time(settings.time); !time) {
      return Refusal{kExitUsage, "", time.error().message};
    }
  }
  if (!settings.list.empty() && (!settings.files.empty() || !settings.url.empty())) {
    return Refusal{kExitUsage, "", "--from LIST names the files and their URLs; give no FILE or --url with it"};
  }
  if (settings.list.empty() && settings.files.empty()) {
    return Refusal{kExitUsage, "", "give the FILEs to add, or --from LIST"};
  }
  return std::nullopt;
}

// The inputs to add, and the URL each is a capture of ("" = its file:// URL).
struct Pages {
  std::vector<Input> inputs;
  std::vector<std::string> urls;
};

// The pages of a --from LIST file (parse_page_list), as inputs.
std::variant<Pages, Refusal> read_page_list(const std::string& path) {
  Input list_file;
  list_file.path = path;
  Result<std::string> listed = read_input(list_file, kMaxListBytes);
  if (!listed) {
    return Refusal{kExitFailure, list_file.label(), "cannot read the list of pages: " + listed.error().message};
  }
  PageList list = parse_page_list(listed.value());
  if (list.bad_line != 0) {
    return Refusal{kExitUsage, path + ":" + std::to_string(list.bad_line), "expected a line 'URL PATH'"};
  }
  Pages pages;
  for (ListedPage& page : list.pages) {
    Input input;
    input.path = std::move(page.path);
    pages.inputs.push_back(std::move(input));
    pages.urls.push_back(std::move(page.url));
  }
  return pages;
}

std::variant<Pages, Refusal> collect_pages(const AddSettings& settings) {
  Pages pages;
  if (!settings.list.empty()) {
    auto listed = read_page_list(settings.list);
    if (std::holds_alternative<Refusal>(listed)) return listed;
    pages = std::move(std::get<Pages>(listed));
  } else {
    pages.inputs = expand_inputs(settings.files, DirectoryPages::kHtml);
    pages.urls.assign(pages.inputs.size(), settings.url);
  }
  // One time for several captures would make them all one instant, in no order.
  if (!settings.time.empty() && settings.time != kModificationTime && pages.inputs.size() > 1) {
    return Refusal{kExitUsage, "",
                   "--time " + settings.time + " is one capture time, but " + std::to_string(pages.inputs.size()) +
                       " inputs were given: add each file with its own --time, or use --time mtime for each "
                       "file's modification time"};
  }
  return pages;
}

// Stores the pages in input order while workers read and clean ahead; returns the exit code.
int store_pages(const Pages& pages, const AddSettings& settings, archive::Archive& store) {
  const std::vector<Input>& inputs = pages.inputs;
  const std::vector<std::string>& urls = pages.urls;
  int exit_code = kExitOk;
  bool stopped = false;
  int stdout_errno = -1;  // errno when a capture's line first failed to reach stdout
  std::size_t done = 0;
  std::size_t failed = 0;
  BatchProgress progress(!settings.quiet && inputs.size() > 1);
  const auto consume = [&](std::size_t i, Prepared&& prepared) {
    const Input& input = inputs[i];
    if (stopped) return;
    ++done;
    if (!prepared) {
      report_error(input.label(), prepared.error().message);
      if (settings.json) print(input, urls[i], nullptr, prepared.error().message, true);
      exit_code = kExitFailure;
      progress.update(done, inputs.size(), ++failed);
      return;
    }
    Result<archive::AddResult> added = store.store(prepared.value());
    if (!added) {
      report_error(input.label(), added.error().message);
      if (settings.json) print(input, prepared.value().url, nullptr, added.error().message, true);
      exit_code = kExitFailure;
      // Storing fails only on the archive itself (full disk, read-only, damage): every later page would fail too.
      stopped = true;
      if (i + 1 < inputs.size()) {
        report_error("", "stopped; " + std::to_string(inputs.size() - i - 1) + " more input(s) not stored");
      }
      return;
    }
    if (!settings.quiet && !added.value().warning.empty()) report_warning(input.label(), added.value().warning);
    print(input, prepared.value().url, &added.value(), "", settings.json);
    if (!std::cout && stdout_errno < 0) stdout_errno = errno;
    progress.update(done, inputs.size(), failed);
  };

  const unsigned jobs = worker_count(settings.jobs);
  if (jobs <= 1) {
    Prefetcher prefetcher(inputs, urls, settings);
    for (std::size_t i = 0; i < inputs.size() && !stopped; ++i) consume(i, prefetcher.next());
  } else {
    for_each_ordered<Prepared>(
        inputs.size(), jobs, [&](std::size_t i) { return prepare(inputs[i], urls[i], settings); }, consume);
  }
  progress.finish();
  // The captures are stored either way; a report that did not arrive is still a failure.
  if (stdout_errno >= 0) {
    report_stdout_error(stdout_errno);
    exit_code = kExitFailure;
  }
  return seal_batch(store, exit_code);
}

int refuse(const Refusal& refusal) {
  report_error(refusal.subject, refusal.message);
  return refusal.exit_code;
}

}  // namespace

int run_archive_add(const AddSettings& settings) {
  if (auto refusal = check_settings(settings)) return refuse(*refusal);
  auto pages = collect_pages(settings);
  if (auto* refusal = std::get_if<Refusal>(&pages)) return refuse(*refusal);
  Result<archive::Archive> opened = archive::Archive::open(settings.archive);
  if (!opened) {
    report_error("", opened.error().message);
    return kExitFailure;
  }
  return store_pages(std::get<Pages>(pages), settings, opened.value());
}

}  // namespace winnow::cli
