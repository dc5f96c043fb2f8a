// Response::header(): case-insensitive header lookup.
#include "winnow/fetch.h"
#include "winnow/http_headers.h"

namespace winnow::fetch {

std::string Response::header(std::string_view name) const { return header_value(headers, name); }

}  // namespace winnow::fetch
