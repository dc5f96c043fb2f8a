// The parts of the winnow._winnow extension module; module.cc puts them together.
#pragma once

#include <pybind11/pybind11.h>

#include <functional>
#include <string>

#include "clean/warc_records.h"

namespace winnow::python {

// clean_html, clean_text, sniff_input_kind and NativeArticle (clean_bindings.cc).
void bind_clean(pybind11::module_& module);
// NativeArchive (archive_bindings.cc).
void bind_archive(pybind11::module_& module);
// FetchBatch and DEFAULT_USER_AGENT (fetch_bindings.cc).
void bind_fetch(pybind11::module_& module);

// WarcRecord, WarcReader and WarcCleaner (warc_bindings.cc).
void bind_warc(pybind11::module_& module);

// Cleans the WARC file at `path` as `winnow clean --jsonl --quiet` does on `jobs` threads, handing each JSON
// line (with its newline) to `sink` in record order on the calling thread; an exception from `sink` stops it.
// Damage is not thrown: the tally carries it (warc_bindings.cc).
cli::WarcTally clean_warc_lines(const std::string& path, unsigned jobs, const std::function<void(std::string&&)>& sink);

// clean_warc_to_file and site_partition, the tasks of winnow.dask (shard_bindings.cc).
void bind_shards(pybind11::module_& module);

}  // namespace winnow::python
