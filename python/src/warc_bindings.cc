// winnow._winnow's WARC parts: WarcReader/WarcRecord (winnow::warc) and WarcCleaner (clean's WARC path on a background thread).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "bindings.h"
#include "clean/warc_records.h"
#include "errors.h"
#include "winnow/warc.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace winnow::python {
namespace {

py::bytes as_bytes(std::string_view s) { return py::bytes(s.data(), s.size()); }

py::list headers_list(const warc::Headers& headers) {
  py::list out;
  for (const auto& [name, value] : headers) out.append(py::make_tuple(name, value));
  return out;
}

py::object http_dict(const warc::Record& record) {
  if (!record.http) return py::none();
  const warc::HttpMessage& h = *record.http;
  return py::dict("status"_a = h.status, "reason"_a = h.reason, "method"_a = h.method, "target"_a = h.target,
                  "version"_a = h.version, "headers"_a = headers_list(h.headers));
}

// Records one at a time from a file or bytes; reading and inflating run without the GIL.
class WarcReader {
 public:
  explicit WarcReader(warc::Reader reader) : reader_(std::move(reader)) {}

  static WarcReader open(const std::string& path) {
    py::gil_scoped_release release;
    return WarcReader(take(warc::Reader::open(path)));
  }
  static WarcReader from_bytes(const py::bytes& data, const std::string& name) {
    std::string bytes = data;
    py::gil_scoped_release release;
    return WarcReader(take(warc::Reader::from_bytes(std::move(bytes), name)));
  }

  warc::Record next() {
    std::optional<warc::Record> record;
    {
      py::gil_scoped_release release;
      record = take(reader_.next());
    }
    if (!record) throw py::stop_iteration();
    return std::move(*record);
  }

 private:
  warc::Reader reader_;
};

// Items handed from the cleaning thread to Python: JSON lines, then the end (with the file's error, if any).
struct CleanerQueue {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> lines;
  bool finished = false;
  std::optional<Error> error;
};

// Thrown by the sink to end the cleaning early when Python stops iterating.
struct Abandoned {};

// clean's WARC path (cli::clean_warc) on a background thread that never touches Python; JSON lines wait in a
// queue of bounded length, so a slow consumer holds the cleaning back instead of letting lines pile up.
class WarcCleaner {
 public:
  WarcCleaner(std::string path, unsigned jobs) : path_(std::move(path)), jobs_(std::max(1u, jobs)) {
    worker_ = std::thread([this] { run(); });
  }
  WarcCleaner(const WarcCleaner&) = delete;
  WarcCleaner& operator=(const WarcCleaner&) = delete;
  ~WarcCleaner() { close(); }

  // The next JSON line; StopIteration at the end; the file's error raised after its last record.
  std::string next() {
    for (;;) {
      std::optional<std::string> line;
      bool finished = false;
      {
        py::gil_scoped_release release;
        std::unique_lock lock(queue_.mutex);
        queue_.changed.wait_for(lock, std::chrono::milliseconds(100),
                                [this] { return !queue_.lines.empty() || queue_.finished; });
        if (!queue_.lines.empty()) {
          line = std::move(queue_.lines.front());
          queue_.lines.pop_front();
        } else {
          finished = queue_.finished;
        }
      }
      if (line) {
        queue_.changed.notify_all();
        return std::move(*line);
      }
      if (finished) {
        if (queue_.error) {
          Error error = *queue_.error;
          queue_.error.reset();
          throw NativeError(std::move(error));
        }
        throw py::stop_iteration();
      }
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
  }

  // Stops the cleaning (what is in flight finishes) and waits for its thread.
  void close() {
    abandoned_ = true;
    queue_.changed.notify_all();
    if (worker_.joinable()) {
      py::gil_scoped_release release;
      worker_.join();
    }
  }

 private:
  static constexpr std::size_t kMaxQueued = 256;

  void run() {
    std::optional<Error> error;
    try {
      const cli::WarcTally tally = clean_warc_lines(path_, jobs_, [this](std::string&& line) {
        std::unique_lock lock(queue_.mutex);
        queue_.changed.wait(lock, [this] { return queue_.lines.size() < kMaxQueued || abandoned_; });
        if (abandoned_) throw Abandoned{};
        queue_.lines.push_back(std::move(line));
        lock.unlock();
        queue_.changed.notify_all();
      });
      error = tally.error;
    } catch (const Abandoned&) {
    } catch (const std::exception& failure) {
      error = Error{ErrorKind::kInternal, std::string("internal error: ") + failure.what()};
    }
    {
      std::lock_guard lock(queue_.mutex);
      queue_.finished = true;
      queue_.error = std::move(error);
    }
    queue_.changed.notify_all();
  }

  std::string path_;
  unsigned jobs_;
  std::atomic<bool> abandoned_{false};
  CleanerQueue queue_;
  std::thread worker_;  // last: started once everything it uses exists
};

}  // namespace

cli::WarcTally clean_warc_lines(const std::string& path, unsigned jobs, const std::function<void(std::string&&)>& sink) {
  cli::Input input;
  input.path = path;
  input.output_stem = "warc";
  cli::CleanJob job;
  job.jsonl = true;
  job.quiet = true;
  return cli::clean_warc(input, job, std::max(1u, jobs),
                         [&sink](const std::string&, cli::CleanOutcome&& outcome) { sink(std::move(outcome.output)); });
}

void bind_warc(py::module_& module) {
  py::class_<warc::Record>(module, "WarcRecord", "One WARC record (winnow::warc::Record); winnow.warc.Record.")
      .def_property_readonly("type", [](const warc::Record& r) { return std::string(warc::record_type_name(r.type)); })
      .def_readonly("version", &warc::Record::version)
      .def_property_readonly("headers", [](const warc::Record& r) { return headers_list(r.headers); })
      .def("header", &warc::Record::header, py::arg("name"))
      .def_property_readonly("target_uri", &warc::Record::target_uri)
      .def_property_readonly("date", &warc::Record::date)
      .def_property_readonly("record_id", &warc::Record::record_id)
      .def_readonly("offset", &warc::Record::offset)
      .def_readonly("length", &warc::Record::length)
      .def_readonly("content_length", &warc::Record::content_length)
      .def_readonly("block_truncated", &warc::Record::block_truncated)
      .def_property_readonly("block", [](const warc::Record& r) { return as_bytes(r.block); })
      .def_property_readonly("payload", [](const warc::Record& r) { return as_bytes(r.payload()); })
      .def_property_readonly("http", &http_dict)
      .def(
          "decoded_payload",
          [](const warc::Record& r) {
            std::string decoded;
            {
              py::gil_scoped_release release;
              decoded = take(warc::decoded_payload(r));
            }
            return as_bytes(decoded);
          },
          "The payload with chunked transfer coding and gzip/deflate/br/zstd content coding undone.");
  py::class_<WarcReader>(module, "WarcReader", "winnow::warc::Reader over a file or bytes; winnow.warc.records.")
      .def_static("open", &WarcReader::open, py::arg("path"))
      .def_static("from_bytes", &WarcReader::from_bytes, py::arg("data"), py::arg("name"))
      .def("__iter__", [](WarcReader& self) -> WarcReader& { return self; })
      .def("__next__", &WarcReader::next);
  py::class_<WarcCleaner>(module, "WarcCleaner", "winnow clean's WARC path on a background thread; winnow.clean_warc.")
      .def(py::init<std::string, unsigned>(), py::arg("path"), py::arg("jobs") = 1)
      .def("__iter__", [](WarcCleaner& self) -> WarcCleaner& { return self; })
      .def("__next__", &WarcCleaner::next)
      .def("close", &WarcCleaner::close);
}

}  // namespace winnow::python
