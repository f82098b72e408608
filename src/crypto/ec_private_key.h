// EcPrivateKey: an elliptic-curve private key that makes plain ECDSA signatures,
// as a TSE does (BSI TR-03111: r || s, each zero-padded to the curve's byte size).
//
// Owns its key material (OpenSSL underneath, hidden here); move-only, so a key
// is never copied by accident. A moved-from key may only be destroyed or
// assigned to. To store a key, write ToPem() with WriteKeyFile (key_file.h).
//
// Thread-safety: const methods may be called from several threads at once.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/curve.h"
#include "crypto/hash.h"

namespace kasse::crypto {

class EcPrivateKey {
 public:
  // A fresh random key.
  static Result<EcPrivateKey> Generate(Curve curve);

  // Reads an unencrypted PEM private key (PKCS#8 "PRIVATE KEY" or SEC 1
  // "EC PRIVATE KEY") on a supported curve. Encrypted keys are refused, never
  // prompted for.
  static Result<EcPrivateKey> FromPem(std::string_view pem);

  EcPrivateKey(EcPrivateKey&& other) noexcept;
  EcPrivateKey& operator=(EcPrivateKey&& other) noexcept;
  ~EcPrivateKey();

  Curve curve() const;

  // The public key as an uncompressed point, 0x04 || X || Y (PublicKeySize bytes),
  // the form a receipt's QR code carries.
  const Bytes& PublicKey() const;

  // Unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). Secret: store it
  // only with WriteKeyFile.
  std::string ToPem() const;

  // ECDSA over `message` hashed with `hash`, as r || s (PlainSignatureSize bytes).
  // A fresh random nonce each time, so two signatures of one message differ.
  Result<Bytes> SignPlain(HashAlgorithm hash, std::span<const uint8_t> message) const;

 private:
  struct State;
  explicit EcPrivateKey(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace kasse::crypto
