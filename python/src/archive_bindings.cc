// winnow._winnow's NativeArchive: winnow::archive::Archive with the GIL released and one caller at a time.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "errors.h"
#include "malloc_tuning.h"
#include "input_bytes.h"
#include "archive/export.h"
#include "archive/warc_import.h"
#include "winnow/archive.h"

namespace py = pybind11;
using namespace pybind11::literals;  // "name"_a = value: the dicts winnow's dataclasses are made from

namespace winnow::python {
namespace {

py::bytes as_bytes(const std::string& s) { return py::bytes(s.data(), s.size()); }

std::string label(archive::ChangeLabel label) { return std::string(archive::label_name(label)); }

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
  NativeArchive(const std::string& path, bool read_only, bool create) : read_only_(read_only) {
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

  // Seals what this object stored into packs when enough is open (Archive::pack), as every winnow command
  // that stores does when it ends, then closes. Raises when packing fails; the archive is closed either way.
  void close() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    if (!archive_) return;
    std::optional<archive::Archive> closing = std::move(archive_);
    archive_.reset();
    if (!read_only_) take(closing->pack());
  }

  bool closed() {
    std::lock_guard lock(mutex_);
    return !archive_;
  }

 private:
  std::mutex mutex_;
  std::optional<archive::Archive> archive_;
  bool read_only_ = false;
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
  py::dict d("url"_a = added.url, "time"_a = added.time, "capture_id"_a = added.capture_id,
             "version"_a = added.version, "new_version"_a = added.new_version, "blob_existed"_a = added.blob_existed,
             "label"_a = label(added.label), "words_changed"_a = added.words_changed,
             "raw_size"_a = added.raw_size, "stored_size"_a = added.stored_size, "warning"_a = added.warning);
  return d;
}

py::list urls(NativeArchive& self) {
  const auto list = self.with_archive([](archive::Archive& a) { return take(a.list()); });
  py::list out;
  for (const archive::UrlSummary& u : list) {
    py::dict d("url"_a = u.url, "versions"_a = u.versions, "captures"_a = u.captures,
               "last_capture"_a = u.last_capture, "title"_a = u.title, "label"_a = label(u.label),
               "words_changed"_a = u.words_changed, "gone"_a = u.gone);
    out.append(d);
  }
  return out;
}

py::list log(NativeArchive& self, const std::string& url) {
  const auto entries = self.with_archive([&](archive::Archive& a) { return take(a.log(url)); });
  py::list out;
  for (const archive::LogEntry& e : entries) {
    py::dict d("time"_a = e.time, "status"_a = e.status, "version"_a = e.version, "new_version"_a = e.new_version,
               "not_modified"_a = e.not_modified, "gone"_a = e.gone, "size"_a = e.size,
               "label"_a = label(e.label), "words_changed"_a = e.words_changed);
    out.append(d);
  }
  return out;
}

py::dict show(NativeArchive& self, const std::string& url, std::optional<int> version, std::optional<std::string> at) {
  const auto which = selector(version, std::move(at));
  const archive::Version v = self.with_archive([&](archive::Archive& a) { return take(a.show(url, which)); });
  py::dict d("url"_a = v.url, "version"_a = v.version, "versions"_a = v.versions, "first_capture"_a = v.first_capture,
             "status"_a = v.status, "headers"_a = headers_list(v.headers),
             "label"_a = label(v.label), "words_changed"_a = v.words_changed,
             "raw_size"_a = v.raw_size, "raw_sha256"_a = v.raw_sha256_hex, "title"_a = v.title,
             "metadata_json"_a = v.metadata_json, "text"_a = v.text, "gone_status"_a = v.gone_status,
             "gone_time"_a = v.gone_time);
  return d;
}

py::list search(NativeArchive& self, const std::string& query, int limit, bool fts) {
  const auto syntax = fts ? archive::QuerySyntax::kFts5 : archive::QuerySyntax::kWords;
  const auto hits = self.with_archive([&](archive::Archive& a) { return take(a.search(query, limit, syntax)); });
  py::list out;
  for (const archive::SearchHit& h : hits) {
    py::dict d("url"_a = h.url, "version"_a = h.version, "title"_a = h.title, "snippet"_a = h.snippet,
               "score"_a = h.score);
    out.append(d);
  }
  return out;
}

py::dict stats(NativeArchive& self) {
  const archive::Stats s = self.with_archive([](archive::Archive& a) { return take(a.stats()); });
  py::dict d("urls"_a = s.urls, "captures"_a = s.captures, "versions"_a = s.versions, "page_blobs"_a = s.page_blobs,
             "raw_bytes"_a = s.raw_bytes, "captured_bytes"_a = s.captured_bytes,
             "page_stored_bytes"_a = s.page_stored_bytes, "text_blobs"_a = s.text_blobs,
             "text_bytes"_a = s.text_bytes, "text_stored_bytes"_a = s.text_stored_bytes,
             "dictionaries"_a = s.dictionaries, "dictionary_bytes"_a = s.dictionary_bytes,
             "stored_bytes"_a = s.stored_bytes, "file_bytes"_a = s.file_bytes,
             "metadata_stored_bytes"_a = s.metadata_stored_bytes, "packs"_a = s.packs, "open_blobs"_a = s.open_blobs,
             "file_content_bytes"_a = s.file_content_bytes, "file_index_bytes"_a = s.file_index_bytes,
             "file_table_bytes"_a = s.file_table_bytes, "file_free_bytes"_a = s.file_free_bytes);
  return d;
}

py::dict pack_report(const archive::PackReport& r) {
  return py::dict("packs"_a = r.packs, "blobs"_a = r.blobs, "raw_bytes"_a = r.raw_bytes,
                  "packed_bytes"_a = r.stored_bytes, "file_bytes_before"_a = r.file_bytes_before,
                  "file_bytes_after"_a = r.file_bytes_after);
}

py::dict pack(NativeArchive& self, bool force) {
  return pack_report(self.with_archive([&](archive::Archive& a) { return take(a.pack(force)); }));
}

py::dict compact(NativeArchive& self) {
  return pack_report(self.with_archive([](archive::Archive& a) { return take(a.compact()); }));
}

py::dict verify(NativeArchive& self) {
  const archive::VerifyReport r = self.with_archive([](archive::Archive& a) { return take(a.verify()); });
  py::dict d("blobs_checked"_a = r.blobs_checked, "versions_checked"_a = r.versions_checked,
             "captures_checked"_a = r.captures_checked, "problems"_a = py::cast(r.problems));
  return d;
}

py::dict merge(NativeArchive& self, const std::vector<std::string>& shards) {
  const archive::MergeReport r = self.with_archive([&](archive::Archive& a) { return take(a.merge(shards)); });
  return py::dict("shards"_a = r.shards, "captures"_a = r.captures_total, "stored"_a = r.captures_stored,
                  "already_stored"_a = r.already_stored, "new_versions"_a = r.new_versions,
                  "cleaned_again"_a = r.cleaned_again);
}

py::dict import_warc(NativeArchive& self, const std::vector<std::string>& paths, unsigned jobs,
                     std::size_t partition_index, std::size_t partition_count) {
  std::vector<std::pair<std::string, cli::ImportTally>> tallies;
  std::vector<std::string> errors;
  self.with_archive([&](archive::Archive& a) {
    const RoomyMalloc roomy;  // in a Dask worker (winnow.dask's archive shards): see malloc_tuning.h
    cli::WarcImporter importer(a, jobs, [&errors](const std::string& where, const Error& error) {
      errors.push_back(where + ": " + error.message);
    });
    importer.set_partition(partition_index, partition_count);
    for (const std::string& path : paths) {
      cli::ImportTally tally;
      const bool archive_ok = importer.import_file(path, tally);
      if (tally.error) errors.push_back(tally.error->message);
      tallies.emplace_back(path, std::move(tally));
      if (!archive_ok) break;
    }
    return 0;
  });
  cli::ImportTally total;
  for (const auto& [path, tally] : tallies) {
    total.records += tally.records;
    total.captures += tally.captures;
    total.new_versions += tally.new_versions;
    total.already_stored += tally.already_stored;
    total.failed += tally.failed;
    for (const auto& [why, count] : tally.skipped) total.skipped[why] += count;
  }
  py::dict out("records"_a = total.records, "captures"_a = total.captures, "new_versions"_a = total.new_versions,
               "already_stored"_a = total.already_stored, "failed"_a = total.failed,
               "skipped"_a = py::cast(total.skipped));
  out["errors"] = py::cast(errors);
  return out;
}

py::dict export_warc(NativeArchive& self, const std::string& path, const std::vector<std::string>& urls,
                     const std::string& since, const std::string& until, const std::string& cdxj) {
  cli::ExportSettings settings;
  settings.output = path;
  settings.urls = urls;
  settings.since = since;
  settings.until = until;
  settings.cdxj = cdxj;
  const cli::ExportTally tally =
      self.with_archive([&](archive::Archive& a) { return take(cli::export_warc(a, settings)); });
  return py::dict("records"_a = tally.records, "revisits"_a = tally.revisits, "urls"_a = tally.urls,
                  "captures"_a = tally.captures);
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
      .def("pack", &pack, py::arg("force") = false)
      .def("compact", &compact)
      .def("merge", &merge, py::arg("shards"))
      .def("import_warc", &import_warc, py::arg("paths"), py::arg("jobs") = 1,
           py::arg("partition_index") = 0, py::arg("partition_count") = 1)
      .def("export_warc", &export_warc, py::arg("path"), py::arg("urls"), py::arg("since"), py::arg("until"),
           py::arg("cdxj"))
      .def("close", &NativeArchive::close)
      .def_property_readonly("closed", &NativeArchive::closed);
}

}  // namespace winnow::python
