// --warc FILE of the fetching commands: what was fetched, written as WARC request and response records.
#pragma once

#include <memory>
#include <string>

#include "winnow/fetch.h"
#include "winnow/result.h"
#include "winnow/warc.h"

namespace winnow::cli {

// Records each fetched exchange with its bytes as they came over the wire,
// as `wget --warc-file` does: a request record, then a response record (a
// revisit when its payload repeats an earlier one). Compression follows the
// file name (.warc.gz, .warc.zst without a dictionary, as records stream
// out, or plain .warc). Move-only; owns the file, which appears only once
// finish() succeeds.
class WarcRecorder {
 public:
  // Creates the file's temporary. Fails with kIo when it cannot be created.
  static Result<WarcRecorder> open(const std::string& path);

  // Writes `response`'s exchange; a response that got no answer (or one
  // fetched without fetch::Options::keep_wire) writes nothing. Fails with kIo.
  Result<bool> record(const fetch::Response& response);

  // Closes the file and puts it in place. Fails with kIo.
  Result<bool> finish();

 private:
  explicit WarcRecorder(warc::Writer writer) : writer_(std::move(writer)) {}
  warc::Writer writer_;
};

}  // namespace winnow::cli
