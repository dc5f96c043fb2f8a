// winnow._winnow's FetchBatch: fetch::fetch_all on a background thread, its responses handed over through a queue.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "bindings.h"
#include "errors.h"
#include "winnow/fetch.h"

namespace py = pybind11;

namespace winnow::python {
namespace {

// What the background thread hands over: a response, a notice, or the batch's own failure.
using Item = std::variant<fetch::Response, fetch::Notice, Error>;

// One fetch_all() run on its own thread. That thread never touches Python: it
// only fills the queue, so it needs no GIL and Python threads go on meanwhile.
// Responses wait in the queue until next() takes them.
class FetchBatch {
 public:
  FetchBatch(std::vector<fetch::Request> requests, fetch::Options options)
      : requests_(std::move(requests)), options_(std::move(options)) {
    options_.stop = &stop_;
    worker_ = std::thread([this] { run(); });
  }

  FetchBatch(const FetchBatch&) = delete;
  FetchBatch& operator=(const FetchBatch&) = delete;
  ~FetchBatch() { stop_and_join(); }

  // The next item as a Python tuple ("response" | "notice", dict), None when
  // the batch is over; raises the batch's own error. Waits without the GIL,
  // waking every 0.1 s so Ctrl-C (KeyboardInterrupt) gets through.
  py::object next() {
    for (;;) {
      std::optional<Item> item;
      bool finished = false;
      {
        py::gil_scoped_release release;
        std::unique_lock lock(mutex_);
        ready_.wait_for(lock, std::chrono::milliseconds(100), [this] { return !queue_.empty() || finished_; });
        if (!queue_.empty()) {
          item.emplace(std::move(queue_.front()));
          queue_.pop_front();
        } else {
          finished = finished_;
        }
      }
      if (item) return to_python(std::move(*item));
      if (finished) return py::none();
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }
  }

  // Ends the batch at once (transfers in flight are abandoned) and waits for its thread.
  void stop_and_join() {
    stop_ = true;
    if (worker_.joinable()) {
      py::gil_scoped_release release;
      worker_.join();
    }
  }

 private:
  void push(Item item) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  void run() {
    Result<fetch::Progress> result = fetch::fetch_all(
        requests_, options_, [this](fetch::Response&& r) { push(std::move(r)); }, {},
        [this](const fetch::Notice& n) { push(n); });
    if (!result) push(result.error());
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    ready_.notify_one();
  }

  static py::list headers_list(const fetch::Headers& headers) {
    py::list out;
    for (const auto& [name, value] : headers) out.append(py::make_tuple(name, value));
    return out;
  }

  static py::object to_python(Item&& item) {
    if (auto* error = std::get_if<Error>(&item)) throw NativeError(*error);
    if (auto* notice = std::get_if<fetch::Notice>(&item)) {
      py::dict d;
      d["origin"] = notice->origin;
      d["message"] = notice->message;
      return py::make_tuple("notice", d);
    }
    const fetch::Response& r = std::get<fetch::Response>(item);
    py::list redirects;
    for (const fetch::Hop& hop : r.redirects) redirects.append(py::make_tuple(hop.url, hop.status));
    py::dict d;
    d["index"] = r.index;
    d["url"] = r.url;
    d["final_url"] = r.final_url;
    d["redirects"] = redirects;
    d["status"] = r.status;
    d["headers"] = headers_list(r.headers);
    d["body"] = py::bytes(r.body.data(), r.body.size());
    d["content_type"] = r.content_type;
    d["seconds"] = r.seconds;
    d["attempts"] = r.attempts;
    d["error"] = r.error ? error_object(*r.error) : py::none();
    return py::make_tuple("response", d);
  }

  std::vector<fetch::Request> requests_;
  fetch::Options options_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Item> queue_;
  bool finished_ = false;
  std::thread worker_;  // last: started once everything it uses exists
};

// fetch::Options from winnow.fetch's keyword arguments (same names as the fields).
fetch::Options options_from(const py::dict& settings) {
  fetch::Options o;
  for (const auto& [key, value] : settings) {
    const std::string name = key.cast<std::string>();
    try {
      if (name == "concurrency") o.concurrency = value.cast<int>();
      else if (name == "per_host") o.per_host = value.cast<int>();
      else if (name == "delay") o.delay = value.cast<double>();
      else if (name == "robots") o.robots = value.cast<bool>();
      else if (name == "max_crawl_delay") o.max_crawl_delay = value.cast<double>();
      else if (name == "connect_timeout") o.connect_timeout = value.cast<double>();
      else if (name == "timeout") o.timeout = value.cast<double>();
      else if (name == "low_speed_bytes") o.low_speed_bytes = value.cast<long>();
      else if (name == "low_speed_time") o.low_speed_time = value.cast<double>();
      else if (name == "max_body_bytes") o.max_body_bytes = value.cast<std::size_t>();
      else if (name == "max_redirects") o.max_redirects = value.cast<int>();
      else if (name == "retries") o.retries = value.cast<int>();
      else if (name == "backoff") o.backoff = value.cast<double>();
      else if (name == "max_retry_after") o.max_retry_after = value.cast<double>();
      else if (name == "user_agent") o.user_agent = value.cast<std::string>();
      else if (name == "insecure") o.insecure = value.cast<bool>();
      else throw py::type_error("unknown fetch option '" + name + "'");
    } catch (const py::cast_error&) {
      throw py::type_error("fetch option '" + name + "' cannot be " +
                           value.get_type().attr("__name__").cast<std::string>());
    }
  }
  return o;
}

}  // namespace

void bind_fetch(py::module_& module) {
  py::class_<FetchBatch>(module, "FetchBatch", "fetch::fetch_all on a background thread; winnow.fetch drives it.")
      .def(py::init([](const py::list& requests, const py::dict& settings) {
             std::vector<fetch::Request> list;
             for (const py::handle& request : requests) {
               auto [url, headers] = request.cast<std::pair<std::string, fetch::Headers>>();
               list.push_back(fetch::Request{std::move(url), std::move(headers)});
             }
             return std::make_unique<FetchBatch>(std::move(list), options_from(settings));
           }),
           py::arg("requests"), py::arg("options"),
           "Starts fetching `requests` ((url, [(name, value), ...]) pairs) with fetch::Options fields from `options`.")
      .def("next", &FetchBatch::next,
           "('response', dict) or ('notice', dict) as each arrives; None when the batch is over.")
      .def("close", &FetchBatch::stop_and_join, "Stops the batch at once and waits for its thread.");
  module.attr("DEFAULT_USER_AGENT") = fetch::Options{}.user_agent;
}

}  // namespace winnow::python
