// SHA-256 through OpenSSL's one-shot EVP_Digest, which uses the CPU's SHA instructions when present.
#include "blobs/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace winnow::archive {

std::string sha256(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1 || length != 32) {
    throw std::runtime_error("SHA-256 computation failed in OpenSSL");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
  }
  return hex;
}

}  // namespace winnow::archive
