// Declared charsets: a byte-order mark, charset= in a Content-Type value, and the WHATWG <meta> prescan.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "charset/labels.h"

namespace winnow::clean {

// WHATWG "extracting a character encoding from a meta element", also used
// for the HTTP Content-Type value: the value after "charset=", quotes optional.
std::optional<std::string_view> charset_param(std::string_view s);
// The first known charset declared by a <meta> in the first 4096 bytes.
std::optional<Charset> prescan_meta(std::string_view bytes);
// The charset a byte-order mark at the start names, with its length in *bom_size.
std::optional<Charset> bom_charset(std::string_view bytes, std::size_t* bom_size);

// How far prescan_meta (and the BOM-less UTF-16 test) look.
inline constexpr std::size_t kMetaScanBytes = 4096;

}  // namespace winnow::clean
