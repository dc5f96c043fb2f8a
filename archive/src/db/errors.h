// The Errors that SQLite and file-system failures on an archive become, worded for the person running winnow.
#pragma once

#include <optional>
#include <string>

#include "db/db.h"
#include "winnow/result.h"

namespace winnow::archive {

// The Error for a DbFailure on the archive at `path`: what happened, in words a person can act on.
Error archive_error(const DbFailure& failure, const std::string& path);

// Why `path` cannot be an archive, checked before SQLite touches it (so it
// never makes a -journal beside a device): it exists but is not a regular
// file (directory, device, FIFO, socket, a /proc or /sys pseudo-file), it
// cannot be read, or it does not exist and its directory is missing or not
// writable (or `must_exist`: then a missing file is itself the problem).
// nullopt when SQLite may open it.
std::optional<Error> location_problem(const std::string& path, bool must_exist);

}  // namespace winnow::archive
