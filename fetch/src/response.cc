// Response::header(): case-insensitive header lookup.
#include "transfer.h"
#include "winnow/fetch.h"

namespace winnow::fetch {

std::string Response::header(std::string_view name) const { return Transfer::header_in(headers, name); }

}  // namespace winnow::fetch
