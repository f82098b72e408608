#include "crypto/curve.h"

#include <set>
#include <string>

#include "crypto/detail/openssl.h"

namespace kasse::crypto {
namespace {

constexpr uint8_t kUncompressedPointTag = 0x04;

// "P-256 or brainpoolP256r1"
std::string NamesOfCurvesWithKeySize(size_t size) {
  std::string names;
  for (Curve curve : kAllCurves) {
    if (PublicKeySize(curve) != size) continue;
    if (!names.empty()) names += " or ";
    names += CurveName(curve);
  }
  return names;
}

// "65 (P-256 or brainpoolP256r1), 97 (…), …", ascending.
std::string SupportedKeySizes() {
  std::set<size_t> sizes;
  for (Curve curve : kAllCurves) sizes.insert(PublicKeySize(curve));
  std::string out;
  for (size_t size : sizes) {
    if (!out.empty()) out += ", ";
    out += std::to_string(size) + " (" + NamesOfCurvesWithKeySize(size) + ")";
  }
  return out;
}

}  // namespace

std::string_view CurveName(Curve curve) {
  switch (curve) {
    case Curve::kP256: return "P-256";
    case Curve::kP384: return "P-384";
    case Curve::kP521: return "P-521";
    case Curve::kBrainpoolP256r1: return "brainpoolP256r1";
    case Curve::kBrainpoolP384r1: return "brainpoolP384r1";
    case Curve::kBrainpoolP512r1: return "brainpoolP512r1";
  }
  return "unknown curve";
}

size_t CurveByteSize(Curve curve) {
  switch (curve) {
    case Curve::kP256:
    case Curve::kBrainpoolP256r1: return 32;
    case Curve::kP384:
    case Curve::kBrainpoolP384r1: return 48;
    case Curve::kP521: return 66;
    case Curve::kBrainpoolP512r1: return 64;
  }
  return 0;
}

size_t PublicKeySize(Curve curve) { return 1 + 2 * CurveByteSize(curve); }

size_t PlainSignatureSize(Curve curve) { return 2 * CurveByteSize(curve); }

Result<Curve> CurveOfPublicKey(std::span<const uint8_t> uncompressed_point) {
  std::string candidates = NamesOfCurvesWithKeySize(uncompressed_point.size());
  if (candidates.empty()) {
    return Status::InvalidArgument("public_key", "public key has " + std::to_string(uncompressed_point.size()) +
                                                     " bytes; an uncompressed point has " + SupportedKeySizes() +
                                                     " bytes");
  }
  if (uncompressed_point[0] != kUncompressedPointTag) {
    return Status::InvalidArgument("public_key", "public key is not an uncompressed point (first byte is not 0x04)");
  }
  for (Curve curve : kAllCurves) {
    if (PublicKeySize(curve) != uncompressed_point.size()) continue;
    detail::EcGroupPtr group = detail::NewGroup(curve);
    if (group == nullptr) return detail::OpenSslError("cannot load curve " + std::string(CurveName(curve)));
    if (detail::DecodePoint(*group, uncompressed_point) != nullptr) return curve;
  }
  return Status::InvalidArgument("public_key", "public key is not a point on " + candidates);
}

}  // namespace kasse::crypto
