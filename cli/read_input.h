// Reads the bytes of one input (file or stdin) with a size cap, before cleaning.
#pragma once

#include <cstddef>
#include <string>

#include "inputs.h"
#include "winnow/result.h"

namespace winnow::cli {

// Reads `input` in binary. Fails with kTooLarge when it holds more than
// `max_bytes` (a regular file is refused from its size, before reading) and
// with kIo when it cannot be opened or read. Does not look at `input.error`.
Result<std::string> read_input(const Input& input, std::size_t max_bytes);

}  // namespace winnow::cli
