#include "crypto/hash.h"

#include <algorithm>
#include <stdexcept>

#include "crypto/detail/openssl.h"

namespace kasse::crypto {

std::string_view HashAlgorithmName(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha224: return "SHA224";
    case HashAlgorithm::kSha256: return "SHA256";
    case HashAlgorithm::kSha384: return "SHA384";
    case HashAlgorithm::kSha512: return "SHA512";
    case HashAlgorithm::kSha3_224: return "SHA3-224";
    case HashAlgorithm::kSha3_256: return "SHA3-256";
    case HashAlgorithm::kSha3_384: return "SHA3-384";
    case HashAlgorithm::kSha3_512: return "SHA3-512";
  }
  return "unknown hash";
}

std::optional<HashAlgorithm> HashAlgorithmFromName(std::string_view name) {
  for (HashAlgorithm algorithm : kAllHashAlgorithms) {
    if (HashAlgorithmName(algorithm) == name) return algorithm;
  }
  return std::nullopt;
}

size_t DigestSize(HashAlgorithm algorithm) { return static_cast<size_t>(EVP_MD_get_size(detail::EvpMd(algorithm))); }

Bytes Digest(HashAlgorithm algorithm, std::span<const uint8_t> data) {
  Bytes out(DigestSize(algorithm));
  unsigned int size = 0;
  // Fails only when OpenSSL cannot allocate: exceptional, not an expected outcome.
  if (EVP_Digest(data.data(), data.size(), out.data(), &size, detail::EvpMd(algorithm), nullptr) != 1 ||
      size != out.size()) {
    throw std::runtime_error(detail::OpenSslError("digest failed").ToString());
  }
  return out;
}

std::array<uint8_t, 32> Sha256(std::span<const uint8_t> data) {
  Bytes digest = Digest(HashAlgorithm::kSha256, data);
  std::array<uint8_t, 32> out{};
  std::copy(digest.begin(), digest.end(), out.begin());
  return out;
}

}  // namespace kasse::crypto
