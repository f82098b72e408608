// Glue between the crypto module and OpenSSL 3: owning handles for OpenSSL
// objects, the error queue as a Status, and the OpenSSL identities of Curve and
// HashAlgorithm.
//
// Implementation-only: included by src/crypto/*.cpp, never by a public header
// and never from outside src/crypto, so no other module sees OpenSSL.
//
// Thread-safety: the functions are thread-safe; each handle is owned by one thread
// at a time. The error queue OpenSslError drains is per thread.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/curve.h"
#include "crypto/hash.h"

namespace kasse::crypto::detail {

template <auto kFree>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* object) const {
    kFree(object);
  }
};

using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, OpenSslDeleter<EC_GROUP_free>>;
using EcPointPtr = std::unique_ptr<EC_POINT, OpenSslDeleter<EC_POINT_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;

// Internal("<what>: <OpenSSL's reasons>"), emptying this thread's error queue.
Status OpenSslError(std::string_view what);

// Empties this thread's error queue after an expected failure (a bad point, a
// signature that does not verify), so a later OpenSslError reports only its own.
void ClearOpenSslErrors();

// EVP_sha256() etc.: static objects, never freed.
const EVP_MD* EvpMd(HashAlgorithm algorithm);

// NID_X9_62_prime256v1 etc.
int CurveNid(Curve curve);

// The supported curve named `nid`, or an InvalidArgument naming the curve.
Result<Curve> CurveFromNid(int nid);

EcGroupPtr NewGroup(Curve curve);

// The point of `encoded` (any SEC 1 form) if it is a point on `curve`, else nullptr.
EcPointPtr DecodePoint(const EC_GROUP& group, std::span<const uint8_t> encoded);

// 0x04 || X || Y.
Result<Bytes> EncodeUncompressed(const EC_GROUP& group, const EC_POINT& point);

}  // namespace kasse::crypto::detail
