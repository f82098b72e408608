// HashAlgorithm: the hash functions TSE signature algorithms name (BSI TR-03111:
// SHA-2 and SHA-3), and digests over them.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "crypto/bytes.h"

namespace kasse::crypto {

enum class HashAlgorithm {
  kSha224,
  kSha256,
  kSha384,
  kSha512,
  // "kSha3224" would hide where SHA-3 ends and the size begins, hence the '_'.
  kSha3_224,  // NOLINT(readability-identifier-naming)
  kSha3_256,  // NOLINT(readability-identifier-naming)
  kSha3_384,  // NOLINT(readability-identifier-naming)
  kSha3_512,  // NOLINT(readability-identifier-naming)
};

inline constexpr std::array kAllHashAlgorithms = {
    HashAlgorithm::kSha224,   HashAlgorithm::kSha256,   HashAlgorithm::kSha384,   HashAlgorithm::kSha512,
    HashAlgorithm::kSha3_224, HashAlgorithm::kSha3_256, HashAlgorithm::kSha3_384, HashAlgorithm::kSha3_512};

// "SHA256", "SHA3-256": the spelling of TSE algorithm names (ecdsa-plain-SHA3-256).
std::string_view HashAlgorithmName(HashAlgorithm algorithm);

// The inverse of HashAlgorithmName, case-sensitive.
std::optional<HashAlgorithm> HashAlgorithmFromName(std::string_view name);

// Output length in bytes: 28, 32, 48 or 64.
size_t DigestSize(HashAlgorithm algorithm);

Bytes Digest(HashAlgorithm algorithm, std::span<const uint8_t> data);

std::array<uint8_t, 32> Sha256(std::span<const uint8_t> data);

}  // namespace kasse::crypto
