// SHA-256 of byte strings (OpenSSL EVP), the content hash of every blob and article.
#pragma once

#include <string>
#include <string_view>

namespace winnow::archive {

// The 32-byte SHA-256 digest of `data`. Throws std::runtime_error only if OpenSSL itself fails.
std::string sha256(std::string_view data);

// Lower-case hexadecimal of any bytes (64 characters for a digest).
std::string to_hex(std::string_view bytes);

}  // namespace winnow::archive
