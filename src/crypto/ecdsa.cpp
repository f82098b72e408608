#include "crypto/ecdsa.h"

#include <map>
#include <string>
#include <utility>

#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/params.h>

#include "crypto/detail/openssl.h"

namespace kasse::crypto {
namespace {

constexpr uint8_t kUncompressedPointTag = 0x04;

Status CheckPublicPoint(Curve curve, std::span<const uint8_t> public_point) {
  std::string curve_name(CurveName(curve));
  if (public_point.size() != PublicKeySize(curve)) {
    return Status::InvalidArgument("public_key", "public key has " + std::to_string(public_point.size()) +
                                                     " bytes; an uncompressed " + curve_name + " key has " +
                                                     std::to_string(PublicKeySize(curve)));
  }
  if (public_point[0] != kUncompressedPointTag) {
    return Status::InvalidArgument("public_key", "public key is not an uncompressed point (first byte is not 0x04)");
  }
  detail::EcGroupPtr group = detail::NewGroup(curve);
  if (group == nullptr) return detail::OpenSslError("cannot load curve " + curve_name);
  if (detail::DecodePoint(*group, public_point) == nullptr) {
    return Status::InvalidArgument("public_key", "public key is not a point on " + curve_name);
  }
  return Status::Ok();
}

Result<detail::EvpPkeyPtr> PublicKeyOf(Curve curve, std::span<const uint8_t> public_point) {
  std::string group(OBJ_nid2sn(detail::CurveNid(curve)));
  Bytes point(public_point.begin(), public_point.end());  // OSSL_PARAM wants a mutable pointer
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group.data(), 0),
                         OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
                         OSSL_PARAM_construct_end()};
  detail::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (context == nullptr || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    return detail::OpenSslError("cannot load the public key");
  }
  return detail::EvpPkeyPtr(raw);
}

// The key of a public point, checked and loaded once per thread. The server
// checks the signatures of a few thousand registers' TSE keys over and over, and
// loading a key (the curve's group, decoding the point, checking it is on the
// curve) costs about as much as checking one signature. Bounded: the cache starts
// over when full. Only valid points are kept, so a bad one fails every time.
constexpr size_t kKeyCacheEntries = 4096;

Result<EVP_PKEY*> CheckedPublicKey(Curve curve, std::span<const uint8_t> public_point) {
  thread_local std::map<std::pair<Curve, Bytes>, detail::EvpPkeyPtr> cache;
  std::pair<Curve, Bytes> id(curve, Bytes(public_point.begin(), public_point.end()));
  auto found = cache.find(id);
  if (found != cache.end()) return found->second.get();
  KASSE_RETURN_IF_ERROR(CheckPublicPoint(curve, public_point));
  Result<detail::EvpPkeyPtr> key = PublicKeyOf(curve, public_point);
  if (!key.ok()) return key.status();
  if (cache.size() >= kKeyCacheEntries) cache.clear();
  return cache.emplace(std::move(id), std::move(*key)).first->second.get();
}

// r || s as the DER ECDSA-Sig-Value OpenSSL verifies.
Result<Bytes> DerSignature(std::span<const uint8_t> plain_signature) {
  const size_t half = plain_signature.size() / 2;
  detail::BignumPtr r(BN_bin2bn(plain_signature.data(), static_cast<int>(half), nullptr));
  detail::BignumPtr s(BN_bin2bn(plain_signature.data() + half, static_cast<int>(half), nullptr));
  detail::EcdsaSigPtr signature(ECDSA_SIG_new());
  if (r == nullptr || s == nullptr || signature == nullptr || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
    return detail::OpenSslError("cannot build the signature");
  }
  (void)r.release();  // owned by `signature` now
  (void)s.release();
  int size = i2d_ECDSA_SIG(signature.get(), nullptr);
  if (size <= 0) return detail::OpenSslError("cannot encode the signature");
  Bytes der(static_cast<size_t>(size));
  unsigned char* cursor = der.data();
  if (i2d_ECDSA_SIG(signature.get(), &cursor) != size) return detail::OpenSslError("cannot encode the signature");
  return der;
}

}  // namespace

Status VerifyPlain(Curve curve, HashAlgorithm hash, std::span<const uint8_t> public_point,
                   std::span<const uint8_t> message, std::span<const uint8_t> plain_signature) {
  Result<EVP_PKEY*> key = CheckedPublicKey(curve, public_point);
  if (!key.ok()) return key.status();
  if (plain_signature.size() != PlainSignatureSize(curve)) {
    return Status::InvalidArgument("signature", "signature has " + std::to_string(plain_signature.size()) +
                                                    " bytes; a " + std::string(CurveName(curve)) + " signature has " +
                                                    std::to_string(PlainSignatureSize(curve)));
  }
  Result<Bytes> der = DerSignature(plain_signature);
  if (!der.ok()) return der.status();
  detail::EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (context == nullptr || EVP_DigestVerifyInit(context.get(), nullptr, detail::EvpMd(hash), nullptr, *key) != 1) {
    return detail::OpenSslError("cannot start verifying");
  }
  if (EVP_DigestVerify(context.get(), der->data(), der->size(), message.data(), message.size()) != 1) {
    detail::ClearOpenSslErrors();
    return Status::InvalidArgument("signature", "signature does not match the signed data");
  }
  return Status::Ok();
}

}  // namespace kasse::crypto
