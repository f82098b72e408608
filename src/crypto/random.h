// RandomBytes / RandomToken: secrets from the operating system's CSPRNG (OpenSSL
// RAND_bytes), for credentials and one-time codes.
//
// Thread-safety: safe from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "crypto/bytes.h"

namespace kasse::crypto {

// `count` random bytes. Throws std::runtime_error if the system has no entropy to
// give (a broken machine, not an expected condition).
Bytes RandomBytes(size_t count);

// A random token of `bytes` bytes as URL-safe base64 without padding
// ("A–Z a–z 0–9 - _"), e.g. 32 bytes → 43 characters.
std::string RandomToken(size_t bytes);

}  // namespace kasse::crypto
