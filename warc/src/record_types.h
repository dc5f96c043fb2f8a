// The WARC-Type names as a lookup, for the reader.
#pragma once

#include <string_view>

#include "winnow/warc.h"

namespace winnow::warc {

// The RecordType whose name is `name` (ASCII case ignored); kOther for any other.
RecordType record_type_from_name(std::string_view name);

}  // namespace winnow::warc
