// Base64 (RFC 4648 §4: alphabet A-Z a-z 0-9 + /, '=' padding), as TSEs write
// signatures and public keys.
//
// Decoding is strict so that every accepted text is the one canonical encoding
// of its bytes (decode then encode gives the input back): the length is a
// multiple of four, padding appears only at the end and only as needed, unused
// bits of the last character are zero, and there is no whitespace, line break
// or URL-safe alphabet.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"

namespace kasse::crypto {

std::string Base64Encode(std::span<const uint8_t> bytes);

// The error's field is empty; its message is the reason alone ("length 5 is not
// a multiple of 4", "unexpected character at position 3"), for the caller to
// prefix with what was being decoded.
Result<Bytes> Base64Decode(std::string_view text);

}  // namespace kasse::crypto
