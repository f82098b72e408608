#include "crypto/detail/openssl.h"

#include <string>

#include <openssl/err.h>
#include <openssl/obj_mac.h>

namespace kasse::crypto::detail {

Status OpenSslError(std::string_view what) {
  std::string message(what);
  const char* separator = ": ";
  while (unsigned long code = ERR_get_error()) {
    char reason[256];
    ERR_error_string_n(code, reason, sizeof reason);
    message += separator;
    message += reason;
    separator = "; ";
  }
  return Status::Internal(message);
}

void ClearOpenSslErrors() { ERR_clear_error(); }

const EVP_MD* EvpMd(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha224: return EVP_sha224();
    case HashAlgorithm::kSha256: return EVP_sha256();
    case HashAlgorithm::kSha384: return EVP_sha384();
    case HashAlgorithm::kSha512: return EVP_sha512();
    case HashAlgorithm::kSha3_224: return EVP_sha3_224();
    case HashAlgorithm::kSha3_256: return EVP_sha3_256();
    case HashAlgorithm::kSha3_384: return EVP_sha3_384();
    case HashAlgorithm::kSha3_512: return EVP_sha3_512();
  }
  return EVP_sha256();  // unreachable: the switch covers every enumerator
}

int CurveNid(Curve curve) {
  switch (curve) {
    case Curve::kP256: return NID_X9_62_prime256v1;
    case Curve::kP384: return NID_secp384r1;
    case Curve::kP521: return NID_secp521r1;
    case Curve::kBrainpoolP256r1: return NID_brainpoolP256r1;
    case Curve::kBrainpoolP384r1: return NID_brainpoolP384r1;
    case Curve::kBrainpoolP512r1: return NID_brainpoolP512r1;
  }
  return NID_undef;
}

Result<Curve> CurveFromNid(int nid) {
  for (Curve curve : kAllCurves) {
    if (CurveNid(curve) == nid) return curve;
  }
  const char* name = nid == NID_undef ? nullptr : OBJ_nid2sn(nid);
  return Status::InvalidArgument("",
                                 std::string("curve ") + (name != nullptr ? name : "(unnamed)") + " is not supported");
}

EcGroupPtr NewGroup(Curve curve) { return EcGroupPtr(EC_GROUP_new_by_curve_name(CurveNid(curve))); }

EcPointPtr DecodePoint(const EC_GROUP& group, std::span<const uint8_t> encoded) {
  EcPointPtr point(EC_POINT_new(&group));
  // oct2point rejects coordinates outside the field and points off the curve;
  // the explicit check keeps that promise independent of OpenSSL's internals.
  if (point == nullptr || EC_POINT_oct2point(&group, point.get(), encoded.data(), encoded.size(), nullptr) != 1 ||
      EC_POINT_is_on_curve(&group, point.get(), nullptr) != 1) {
    ClearOpenSslErrors();
    return nullptr;
  }
  return point;
}

Result<Bytes> EncodeUncompressed(const EC_GROUP& group, const EC_POINT& point) {
  Bytes out(EC_POINT_point2oct(&group, &point, POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, nullptr));
  if (out.empty() || EC_POINT_point2oct(&group, &point, POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(),
                                        nullptr) != out.size()) {
    return OpenSslError("cannot encode an EC point");
  }
  return out;
}

}  // namespace kasse::crypto::detail
