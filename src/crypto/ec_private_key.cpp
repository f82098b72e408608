#include "crypto/ec_private_key.h"

#include <stdexcept>

#include <climits>
#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include "crypto/detail/openssl.h"

namespace kasse::crypto {
namespace {

// A PEM EC key is a few hundred bytes; anything far larger is not one.
constexpr size_t kMaxPemBytes = size_t{64} * 1024;

// Refuses encrypted keys instead of letting OpenSSL prompt on the terminal.
int RefusePassword(char* /*buffer*/, int /*size*/, int /*writing*/, void* /*user_data*/) { return -1; }

Result<Curve> CurveOfKey(const EVP_PKEY& key) {
  char group[80] = {};
  size_t length = 0;
  if (EVP_PKEY_is_a(&key, "EC") != 1) return Status::InvalidArgument("", "the key is not an elliptic-curve key");
  if (EVP_PKEY_get_group_name(&key, group, sizeof group, &length) != 1) {
    detail::ClearOpenSslErrors();
    return Status::InvalidArgument("", "the key has explicit curve parameters instead of a named curve");
  }
  int nid = OBJ_txt2nid(group);
  if (nid == NID_undef) nid = EC_curve_nist2nid(group);
  return detail::CurveFromNid(nid);
}

Result<Bytes> UncompressedPublicKey(const EVP_PKEY& key, Curve curve) {
  size_t size = 0;
  if (EVP_PKEY_get_octet_string_param(&key, OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &size) != 1) {
    return detail::OpenSslError("the key has no public point");
  }
  Bytes encoded(size);
  if (EVP_PKEY_get_octet_string_param(&key, OSSL_PKEY_PARAM_PUB_KEY, encoded.data(), encoded.size(), &size) != 1) {
    return detail::OpenSslError("cannot read the public point");
  }
  // A key read from PEM may carry its point compressed; receipts need it uncompressed.
  detail::EcGroupPtr group = detail::NewGroup(curve);
  if (group == nullptr) return detail::OpenSslError("cannot load the curve");
  detail::EcPointPtr point = detail::DecodePoint(*group, encoded);
  if (point == nullptr) return Status::InvalidArgument("", "the key's public point is not on its curve");
  return detail::EncodeUncompressed(*group, *point);
}

}  // namespace

struct EcPrivateKey::State {
  detail::EvpPkeyPtr key;
  Curve curve;
  Bytes public_key;
};

EcPrivateKey::EcPrivateKey(std::unique_ptr<State> state) : state_(std::move(state)) {}
EcPrivateKey::EcPrivateKey(EcPrivateKey&& other) noexcept = default;
EcPrivateKey& EcPrivateKey::operator=(EcPrivateKey&& other) noexcept = default;
EcPrivateKey::~EcPrivateKey() = default;

Result<EcPrivateKey> EcPrivateKey::Generate(Curve curve) {
  detail::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (context == nullptr || EVP_PKEY_keygen_init(context.get()) != 1 ||
      EVP_PKEY_CTX_set_group_name(context.get(), OBJ_nid2sn(detail::CurveNid(curve))) != 1 ||
      EVP_PKEY_generate(context.get(), &raw) != 1) {
    return detail::OpenSslError("cannot generate a " + std::string(CurveName(curve)) + " key");
  }
  detail::EvpPkeyPtr key(raw);
  Result<Bytes> public_key = UncompressedPublicKey(*key, curve);
  if (!public_key.ok()) return public_key.status();
  return EcPrivateKey(std::make_unique<State>(State{std::move(key), curve, std::move(*public_key)}));
}

Result<EcPrivateKey> EcPrivateKey::FromPem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return Status::InvalidArgument("", "the PEM text is too long for a private key");
  detail::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (bio == nullptr) return detail::OpenSslError("cannot read the PEM text");
  detail::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, RefusePassword, nullptr));
  if (key == nullptr) {
    detail::ClearOpenSslErrors();
    return Status::InvalidArgument("", "the PEM text holds no unencrypted private key");
  }
  Result<Curve> curve = CurveOfKey(*key);
  if (!curve.ok()) return curve.status();
  Result<Bytes> public_key = UncompressedPublicKey(*key, *curve);
  if (!public_key.ok()) return public_key.status();
  return EcPrivateKey(std::make_unique<State>(State{std::move(key), *curve, std::move(*public_key)}));
}

Curve EcPrivateKey::curve() const { return state_->curve; }

const Bytes& EcPrivateKey::PublicKey() const { return state_->public_key; }

std::string EcPrivateKey::ToPem() const {
  detail::BioPtr bio(BIO_new(BIO_s_mem()));
  char* data = nullptr;
  long size = 0;
  if (bio == nullptr ||
      PEM_write_bio_PrivateKey(bio.get(), state_->key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      (size = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data)) <= 0) {
    // Only an allocation failure gets here: exceptional, not an expected outcome.
    throw std::runtime_error(detail::OpenSslError("cannot write the key as PEM").ToString());
  }
  return std::string(data, static_cast<size_t>(size));
}

Result<Bytes> EcPrivateKey::SignPlain(HashAlgorithm hash, std::span<const uint8_t> message) const {
  detail::EvpMdCtxPtr context(EVP_MD_CTX_new());
  Bytes der(static_cast<size_t>(EVP_PKEY_get_size(state_->key.get())));
  size_t der_size = der.size();
  if (context == nullptr ||
      EVP_DigestSignInit(context.get(), nullptr, detail::EvpMd(hash), nullptr, state_->key.get()) != 1 ||
      EVP_DigestSign(context.get(), der.data(), &der_size, message.data(), message.size()) != 1) {
    return detail::OpenSslError("cannot sign with " + std::string(HashAlgorithmName(hash)));
  }
  const unsigned char* cursor = der.data();
  detail::EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der_size)));
  if (signature == nullptr) return detail::OpenSslError("cannot decode the signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(signature.get(), &r, &s);
  const size_t half = CurveByteSize(state_->curve);
  Bytes plain(2 * half);
  if (BN_bn2binpad(r, plain.data(), static_cast<int>(half)) != static_cast<int>(half) ||
      BN_bn2binpad(s, plain.data() + half, static_cast<int>(half)) != static_cast<int>(half)) {
    return detail::OpenSslError("signature value larger than the curve");
  }
  return plain;
}

}  // namespace kasse::crypto
