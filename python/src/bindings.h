// The parts of the winnow._winnow extension module; module.cc puts them together.
#pragma once

#include <pybind11/pybind11.h>

namespace winnow::python {

// clean_html, clean_text, sniff_input_kind and NativeArticle (clean_bindings.cc).
void bind_clean(pybind11::module_& module);
// NativeArchive (archive_bindings.cc).
void bind_archive(pybind11::module_& module);
// FetchBatch and DEFAULT_USER_AGENT (fetch_bindings.cc).
void bind_fetch(pybind11::module_& module);

// WarcRecord, WarcReader and WarcCleaner (warc_bindings.cc).
void bind_warc(pybind11::module_& module);

}  // namespace winnow::python
