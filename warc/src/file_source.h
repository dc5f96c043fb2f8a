// A Source reading a file or standard input through an owned file descriptor.
#pragma once

#include <memory>
#include <string>

#include "input.h"

namespace winnow::warc {

// Opens `path` for reading ("-" = standard input, not closed). Fails with kIo naming the path and the reason.
Result<std::unique_ptr<Source>> file_source(const std::string& path);

// Standard input, starting with `already_read`: bytes a caller took from it to sniff its type.
std::unique_ptr<Source> stdin_source(std::string already_read);

}  // namespace winnow::warc
