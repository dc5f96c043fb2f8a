// The winnow._winnow extension module: the C++ libraries with the GIL released; winnow/__init__.py is its public face.
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "errors.h"
#include "winnow/archive.h"
#include "winnow/clean.h"
#include "winnow/fetch.h"

namespace py = pybind11;

PYBIND11_MODULE(_winnow, module) {
  module.doc() = "Native part of the winnow package; use `import winnow` instead.";
  module.attr("__version__") = WINNOW_VERSION;
  module.def("library_versions", [] {
    py::dict d;
    d["gumbo"] = winnow::clean::gumbo_version();
    d["libcurl"] = winnow::fetch::libcurl_version();
    d["sqlite"] = winnow::archive::sqlite_version();
    d["zstd"] = winnow::archive::zstd_version();
    return d;
  }, "The versions of Gumbo, libcurl, SQLite and zstd this module runs with.");
  winnow::python::register_errors(module);
  winnow::python::bind_clean(module);
  winnow::python::bind_archive(module);
  winnow::python::bind_fetch(module);
  winnow::python::bind_warc(module);
  winnow::python::bind_shards(module);
}
