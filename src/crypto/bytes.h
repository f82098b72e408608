// Bytes: an owned byte string (keys, signatures, digests, DER), and hex helpers.
//
// Functions that only read bytes take std::span<const uint8_t>, so a Bytes, a
// std::array from Sha256 or a slice of either can be passed without copying.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kasse::crypto {

using Bytes = std::vector<uint8_t>;

// The bytes of `text`, unchanged (no encoding is applied).
Bytes BytesOf(std::string_view text);

// Lowercase hex, two digits per byte: {0xab, 0x01} -> "ab01".
std::string HexEncode(std::span<const uint8_t> bytes);

// Accepts an even number of hex digits, either case; no separators or prefix.
Result<Bytes> HexDecode(std::string_view hex);

}  // namespace kasse::crypto
