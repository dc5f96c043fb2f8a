// `winnow clean` on WARC files: every HTML response or resource record of a crawl cleaned, in record order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "clean/worker.h"
#include "io/inputs.h"
#include "winnow/result.h"

namespace winnow::cli {

// True when `input` is a WARC file: named *.warc, *.warc.gz or *.warc.zst
// (any case), or any file (or standard input) whose first bytes are a WARC's,
// plain, gzip or zstd. Reading standard input's first bytes keeps them for
// whoever reads it next (see peek_stdin in io/read_input.h).
bool is_warc_input(const Input& input);

// How the records of one WARC file went.
struct WarcTally {
  std::size_t records = 0;                     // records read
  std::size_t cleaned = 0;                     // HTML records cleaned
  std::size_t failed = 0;                      // HTML records that could not be cleaned
  std::map<std::string, std::size_t> skipped;  // the other records, by why: "request", "revisit", "not HTML", "HTTP 3xx"...
  std::map<std::string, std::size_t> types;    // every record read, by WARC-Type ("response", "request", "warcinfo"...)
  std::uint64_t read_to = 0;                   // the offset just past the last record read whole (where damage begins)
  std::optional<Error> error;                  // why the file could not be read to its end; the records before it came out
};

// Receives each HTML record's outcome on the calling thread, in record order,
// with the record's label ("FILE at offset N (URL)") for messages and headers.
using RecordSink = std::function<void(const std::string& label, CleanOutcome&& outcome)>;

// Reads `input` as a WARC and cleans every HTML record on up to `jobs`
// threads: response records with a 2xx status, and resource records, whose
// Content-Type is HTML (or, without one, whose payload sniffs as HTML). Each
// is cleaned with its WARC-Target-URI as URL and its HTTP Content-Type (for
// the charset); its JSONL line opens with source, offset, warc_date and
// warc_record_id; under -o DIR it is written as <file stem>/<offset>.<ext>.
// Revisits and every other record are counted in the tally, not reported. A
// read error ends the file: the tally carries it, and every record before it
// has been handed to `sink`. Memory is bounded: records are read in batches.
WarcTally clean_warc(const Input& input, const CleanJob& job, unsigned jobs, const RecordSink& sink);

// The tally in words: "181 records: 178 cleaned, 3 skipped (2 request, 1 warcinfo)".
std::string describe_tally(const WarcTally& tally);

}  // namespace winnow::cli
