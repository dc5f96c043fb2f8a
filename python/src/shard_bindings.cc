// winnow._winnow's cluster task: one WARC file cleaned into one zstd-compressed JSON Lines file (winnow.dask's shard).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "archive/site_partition.h"
#include "bindings.h"
#include "clean/warc_records.h"
#include "errors.h"
#include "malloc_tuning.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace winnow::python {
namespace {

// A file written through one zstd stream (one frame, with a checksum). Owns the FILE and the context; the
// destructor closes without finishing the frame, so a file whose writer failed is never taken as whole.
class ZstdFileWriter {
 public:
  ZstdFileWriter(const std::string& path, int level) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (!file_) throw NativeError(io_error("cannot create"));
    ZSTD_CCtx_setParameter(context_.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(context_.get(), ZSTD_c_checksumFlag, 1);
  }

  // Compresses `data` onto the file; throws NativeError (kIo) when the disk refuses it.
  void write(std::string_view data) { pump(data, ZSTD_e_continue); }

  // Ends the frame, flushes and closes; throws NativeError (kIo) when any of that fails.
  void finish() {
    pump({}, ZSTD_e_end);
    std::FILE* file = file_.release();
    if (std::fclose(file) != 0) throw NativeError(io_error("cannot write"));
  }

 private:
  struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  struct ContextFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  };

  Error io_error(const char* what) const {
    return Error{ErrorKind::kIo, std::string(what) + " " + path_ + ": " + std::strerror(errno)};
  }

  void pump(std::string_view data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    for (;;) {
      ZSTD_outBuffer out{buffer_.get(), kBufferBytes, 0};
      const std::size_t left = ZSTD_compressStream2(context_.get(), &out, &in, mode);
      if (ZSTD_isError(left)) {
        throw NativeError(Error{ErrorKind::kInternal, std::string("zstd: ") + ZSTD_getErrorName(left)});
      }
      if (out.pos > 0 && std::fwrite(buffer_.get(), 1, out.pos, file_.get()) != out.pos) {
        throw NativeError(io_error("cannot write"));
      }
      const bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) return;
    }
  }

  static constexpr std::size_t kBufferBytes = 1 << 17;
  std::string path_;
  std::unique_ptr<std::FILE, FileClose> file_;
  std::unique_ptr<ZSTD_CCtx, ContextFree> context_{ZSTD_createCCtx()};
  std::unique_ptr<char[]> buffer_{new char[kBufferBytes]};
};

// Cleans `path` as `winnow clean --jsonl` does (the same lines, in record order) on `jobs` threads into
// `out_path` compressed at `level`, and returns the tally. A damaged WARC is not an exception: its error and
// the offset where damage begins are in the tally, and the lines before it are in the file.
py::dict clean_warc_to_file(const std::string& path, const std::string& out_path, unsigned jobs, int level) {
  cli::WarcTally tally;
  {
    py::gil_scoped_release release;
    const RoomyMalloc roomy;
    ZstdFileWriter writer(out_path, level);
    tally = clean_warc_lines(path, jobs, [&writer](std::string&& line) { writer.write(line); });
    writer.finish();
  }
  py::object error = py::none();
  if (tally.error) error = py::dict("message"_a = tally.error->message, "offset"_a = tally.read_to);
  return py::dict("records"_a = tally.records, "cleaned"_a = tally.cleaned, "failed"_a = tally.failed,
                  "skipped"_a = tally.skipped, "types"_a = tally.types, "error"_a = error);
}

}  // namespace

void bind_shards(py::module_& module) {
  module.def("clean_warc_to_file", &clean_warc_to_file, py::arg("path"), py::arg("out_path"), py::arg("jobs") = 1,
             py::arg("level") = 3,
             "Cleans a WARC file into one zstd-compressed JSON Lines file (winnow clean --jsonl's lines); returns "
             "the tally: records, cleaned, failed, skipped and types (dicts of counts), error (message and offset, "
             "or None).");
  module.def(
      "site_partition", [](std::string_view url, std::size_t count) { return cli::site_partition(url, count); },
      py::arg("url"), py::arg("count"),
      "The partition (0..count-1) of a URL's site: a stable hash, the same in every process.");
}

}  // namespace winnow::python
