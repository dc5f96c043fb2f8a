// A Source reading a file or standard input through an owned file descriptor.
#pragma once

#include <memory>
#include <string>

#include "input.h"

namespace winnow::warc {

// Opens `path` for reading ("-" = standard input, not closed). Fails with kIo naming the path and the reason.
Result<std::unique_ptr<Source>> file_source(const std::string& path);

}  // namespace winnow::warc
