// winnow._winnow's NativeArchive: winnow::archive::Archive with the GIL released and one caller at a time.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "bindings.h"
#include "errors.h"
#include "input_bytes.h"
#include "winnow/archive.h"

namespace py = pybind11;

namespace winnow::python {
namespace {

py::bytes as_bytes(const std::string& s) { return py::bytes(s.data(), s.size()); }

py::list headers_list(const archive::Headers& headers) {
  py::list out;
  for (const auto& [name, value] : headers) out.append(py::make_tuple(name, value));
  return out;
}

archive::Headers headers_from(const std::optional<py::iterable>& headers) {
  archive::Headers out;
  if (!headers) return out;
  py::object items = *headers;
  if (py::isinstance<py::dict>(items)) items = items.attr("items")();
  for (const py::handle& pair : items) {
    auto [name, value] = pair.cast<std::pair<std::string, std::string>>();
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

archive::VersionSelector selector(std::optional<int> version, std::optional<std::string> at) {
  archive::VersionSelector which;
  which.version = version;
  which.at = std::move(at);
  return which;
}

// The archive and the lock that keeps it to one thread at a time (Archive's
// rule); the lock is taken after the GIL is released, so a waiting thread
// never blocks Python.
class NativeArchive {
 public:
  NativeArchive(const std::string& path, bool read_only, bool create) {
    archive::OpenOptions options;
    options.read_only = read_only;
    options.create = create;
    py::gil_scoped_release release;
    archive_.emplace(take(archive::Archive::open(path, options)));
  }

  // Runs `work` on the open archive without the GIL; raises for a closed archive.
  template <class Work>
  auto with_archive(Work&& work) {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    if (!archive_) throw NativeError(Error{ErrorKind::kInvalidInput, "the archive is closed"});
    return work(*archive_);
  }

  void close() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    archive_.reset();
  }

  bool closed() {
    std::lock_guard lock(mutex_);
    return !archive_;
  }

 private:
  std::mutex mutex_;
  std::optional<archive::Archive> archive_;
};

py::dict add(NativeArchive& self, const std::string& url, const py::object& raw, const std::optional<std::string>& time,
             std::optional<int> status, const std::optional<py::iterable>& headers,
             const std::optional<std::string>& charset) {
  archive::CaptureInput input;
  input.url = url;
  input.time = time.value_or("");
  input.status = status.value_or(0);
  input.headers = headers_from(headers);
  input.raw = std::string(InputBytes(raw).view());
  input.charset = charset.value_or("");
  const archive::AddResult added =
      self.with_archive([&](archive::Archive& a) { return take(a.add_capture(std::move(input))); });
  py::dict d;
  d["url"] = added.url;
  d["time"] = added.time;
  d["capture_id"] = added.capture_id;
  d["version"] = added.version;
  d["new_version"] = added.new_version;
  d["blob_existed"] = added.blob_existed;
  d["label"] = std::string(archive::label_name(added.label));
  d["words_changed"] = added.words_changed;
  d["raw_size"] = added.raw_size;
  d["stored_size"] = added.stored_size;
  d["warning"] = added.warning;
  return d;
}

py::list urls(NativeArchive& self) {
  const auto list = self.with_archive([](archive::Archive& a) { return take(a.list()); });
  py::list out;
  for (const archive::UrlSummary& u : list) {
    py::dict d;
    d["url"] = u.url;
    d["versions"] = u.versions;
    d["captures"] = u.captures;
    d["last_capture"] = u.last_capture;
    d["title"] = u.title;
    out.append(d);
  }
  return out;
}

py::list log(NativeArchive& self, const std::string& url) {
  const auto entries = self.with_archive([&](archive::Archive& a) { return take(a.log(url)); });
  py::list out;
  for (const archive::LogEntry& e : entries) {
    py::dict d;
    d["time"] = e.time;
    d["status"] = e.status;
    d["version"] = e.version;
    d["new_version"] = e.new_version;
    d["not_modified"] = e.not_modified;
    d["gone"] = e.gone;
    d["size"] = e.size;
    d["label"] = std::string(archive::label_name(e.label));
    d["words_changed"] = e.words_changed;
    out.append(d);
  }
  return out;
}

py::dict show(NativeArchive& self, const std::string& url, std::optional<int> version, std::optional<std::string> at) {
  const auto which = selector(version, std::move(at));
  const archive::Version v = self.with_archive([&](archive::Archive& a) { return take(a.show(url, which)); });
  py::dict d;
  d["url"] = v.url;
  d["version"] = v.version;
  d["versions"] = v.versions;
  d["first_capture"] = v.first_capture;
  d["status"] = v.status;
  d["headers"] = headers_list(v.headers);
  d["label"] = std::string(archive::label_name(v.label));
  d["words_changed"] = v.words_changed;
  d["raw_size"] = v.raw_size;
  d["raw_sha256"] = v.raw_sha256_hex;
  d["title"] = v.title;
  d["metadata_json"] = v.metadata_json;
  d["text"] = v.text;
  d["gone_status"] = v.gone_status;
  d["gone_time"] = v.gone_time;
  return d;
}

py::list search(NativeArchive& self, const std::string& query, int limit, bool fts) {
  const auto syntax = fts ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
  const auto hits = self.with_archive([&](archive::Archive& a) { return take(a.search(query, limit, syntax)); });
  py::list out;
  for (const archive::SearchHit& h : hits) {
    py::dict d;
    d["url"] = h.url;
    d["version"] = h.version;
    d["title"] = h.title;
    d["snippet"] = h.snippet;
    d["score"] = h.score;
    out.append(d);
  }
  return out;
}

py::dict stats(NativeArchive& self) {
  const archive::Stats s = self.with_archive([](archive::Archive& a) { return take(a.stats()); });
  py::dict d;
  d["urls"] = s.urls;
  d["captures"] = s.captures;
  d["versions"] = s.versions;
  d["page_blobs"] = s.page_blobs;
  d["raw_bytes"] = s.raw_bytes;
  d["captured_bytes"] = s.captured_bytes;
  d["page_stored_bytes"] = s.page_stored_bytes;
  d["text_blobs"] = s.text_blobs;
  d["text_bytes"] = s.text_bytes;
  d["text_stored_bytes"] = s.text_stored_bytes;
  d["dictionaries"] = s.dictionaries;
  d["dictionary_bytes"] = s.dictionary_bytes;
  d["stored_bytes"] = s.stored_bytes;
  d["file_bytes"] = s.file_bytes;
  return d;
}

py::dict verify(NativeArchive& self) {
  const archive::VerifyReport r = self.with_archive([](archive::Archive& a) { return take(a.verify()); });
  py::dict d;
  d["blobs_checked"] = r.blobs_checked;
  d["versions_checked"] = r.versions_checked;
  d["captures_checked"] = r.captures_checked;
  d["problems"] = py::cast(r.problems);
  return d;
}

}  // namespace

void bind_archive(py::module_& module) {
  py::class_<NativeArchive>(module, "NativeArchive", "winnow::archive::Archive; winnow.Archive wraps it.")
      .def(py::init<const std::string&, bool, bool>(), py::arg("path"), py::arg("read_only") = false,
           py::arg("create") = true)
      .def("add", &add, py::arg("url"), py::arg("raw"), py::arg("time") = py::none(), py::arg("status") = py::none(),
           py::arg("headers") = py::none(), py::arg("charset") = py::none())
      .def("urls", &urls)
      .def("log", &log, py::arg("url"))
      .def("show", &show, py::arg("url"), py::arg("version") = py::none(), py::arg("at") = py::none())
      .def(
          "raw",
          [](NativeArchive& self, const std::string& url, std::optional<int> version, std::optional<std::string> at) {
            const auto which = selector(version, std::move(at));
            const std::string raw = self.with_archive([&](archive::Archive& a) { return take(a.raw(url, which)); });
            return as_bytes(raw);
          },
          py::arg("url"), py::arg("version") = py::none(), py::arg("at") = py::none())
      .def(
          "diff",
          [](NativeArchive& self, const std::string& url, std::optional<int> a, std::optional<int> b) {
            return self.with_archive([&](archive::Archive& ar) { return take(ar.diff(url, a, b)); });
          },
          py::arg("url"), py::arg("a") = py::none(), py::arg("b") = py::none())
      .def("search", &search, py::arg("query"), py::arg("limit") = 20, py::arg("fts") = false)
      .def("stats", &stats)
      .def("verify", &verify)
      .def("close", &NativeArchive::close)
      .def_property_readonly("closed", &NativeArchive::closed);
}

}  // namespace winnow::python
