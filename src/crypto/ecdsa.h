// Verification of plain ECDSA signatures (BSI TR-03111 §5.2.1: r || s, each
// zero-padded to the curve's byte size), as TSEs make them and receipts carry.
//
// Thread-safety: safe from any thread. Each thread keeps the public keys it has
// checked and loaded (up to 4,096), so verifying many signatures of the same keys
// (a server checking its registers' TSEs) loads each key once.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "crypto/curve.h"
#include "crypto/hash.h"

namespace kasse::crypto {

// OK if `plain_signature` is a signature of `message` hashed with `hash` by the
// key `public_point` (uncompressed, 0x04 || X || Y) on `curve`. Otherwise
// InvalidArgument with field "public_key" (wrong size, not on the curve) or
// "signature" (wrong size: "signature has 63 bytes; a P-256 signature has 64";
// or "signature does not match the signed data").
Status VerifyPlain(Curve curve, HashAlgorithm hash, std::span<const uint8_t> public_point,
                   std::span<const uint8_t> message, std::span<const uint8_t> plain_signature);

}  // namespace kasse::crypto
