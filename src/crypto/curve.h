// Curve: the elliptic curves a TSE may sign with, their sizes, and finding the
// curve of a bare public key.
//
// Certified TSEs use P-256 or brainpoolP256r1 with SHA-256 and P-384 or
// brainpoolP384r1 with SHA-384 (docs/fiscal.md §2); P-521 and
// brainpoolP512r1 are supported for completeness. All six are prime curves with
// cofactor 1 whose order has as many bytes as the field, so one byte size
// describes a coordinate, a private scalar and each half of a plain signature.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"

namespace kasse::crypto {

enum class Curve { kP256, kP384, kP521, kBrainpoolP256r1, kBrainpoolP384r1, kBrainpoolP512r1 };

// In the order CurveOfPublicKey tries them.
inline constexpr std::array kAllCurves = {
    Curve::kP256,           Curve::kP384, Curve::kP521, Curve::kBrainpoolP256r1, Curve::kBrainpoolP384r1,
    Curve::kBrainpoolP512r1};

// "P-256", "P-384", "P-521", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1".
std::string_view CurveName(Curve curve);

// Bytes of one coordinate or scalar: 32, 48, 66 (P-521), 32, 48, 64.
size_t CurveByteSize(Curve curve);

// An uncompressed point 0x04 || X || Y: 1 + 2 × CurveByteSize.
size_t PublicKeySize(Curve curve);

// A plain signature r || s (BSI TR-03111 §5.2.1): 2 × CurveByteSize.
size_t PlainSignatureSize(Curve curve);

// The curve a public key lies on. A receipt's QR code carries the key as a bare
// uncompressed point without naming the curve, so every supported curve of that
// point size is tried in kAllCurves order (a point on two curves of one size is
// not expected to exist). Rejects keys that do not start with 0x04, have no
// supported size, or lie on none of the candidate curves; the error's field is
// "public_key".
Result<Curve> CurveOfPublicKey(std::span<const uint8_t> uncompressed_point);

}  // namespace kasse::crypto
