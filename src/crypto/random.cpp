#include "crypto/random.h"

#include <stdexcept>

#include <openssl/rand.h>

namespace kasse::crypto {

Bytes RandomBytes(size_t count) {
  Bytes bytes(count);
  if (count > 0 && RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the system's random number generator failed");
  }
  return bytes;
}

std::string RandomToken(size_t bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  Bytes random = RandomBytes(bytes);
  std::string token;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t byte : random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      token.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) token.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return token;
}

}  // namespace kasse::crypto
