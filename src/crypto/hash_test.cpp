#include "crypto/hash.h"

#include <ostream>

#include <gtest/gtest.h>

namespace kasse::crypto {
namespace {

struct Vector {
  HashAlgorithm algorithm;
  const char* message;
  const char* digest_hex;
};

void PrintTo(const Vector& v, std::ostream* os) {
  *os << HashAlgorithmName(v.algorithm) << "(\"" << v.message << "\")";
}

class DigestVectorTest : public ::testing::TestWithParam<Vector> {};

TEST_P(DigestVectorTest, MatchesTheKnownDigest) {
  Bytes digest = Digest(GetParam().algorithm, BytesOf(GetParam().message));
  EXPECT_EQ(HexEncode(digest), GetParam().digest_hex);
  EXPECT_EQ(digest.size(), DigestSize(GetParam().algorithm));
}

// FIPS 180-2 / FIPS 202 examples for "abc", and the empty message.
INSTANTIATE_TEST_SUITE_P(
    Fips, DigestVectorTest,
    ::testing::Values(
        Vector{HashAlgorithm::kSha224, "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
        Vector{HashAlgorithm::kSha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        Vector{HashAlgorithm::kSha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        Vector{HashAlgorithm::kSha384, "abc",
               "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
        Vector{HashAlgorithm::kSha512, "abc",
               "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d44"
               "23643ce80e2a9ac94fa54ca49f"},
        Vector{HashAlgorithm::kSha3_224, "abc", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"},
        Vector{HashAlgorithm::kSha3_256, "abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
        Vector{HashAlgorithm::kSha3_256, "", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"},
        Vector{HashAlgorithm::kSha3_384, "abc",
               "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"},
        Vector{HashAlgorithm::kSha3_512, "abc",
               "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b"
               "4cf408d5a56592f8274eec53f0"}));

TEST(HashTest, Sha256IsTheSha256Digest) {
  std::array<uint8_t, 32> digest = Sha256(BytesOf("abc"));
  EXPECT_EQ(HexEncode(digest), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashTest, NamesRoundTripAndAreCaseSensitive) {
  for (HashAlgorithm algorithm : kAllHashAlgorithms) {
    EXPECT_EQ(HashAlgorithmFromName(HashAlgorithmName(algorithm)), algorithm);
  }
  EXPECT_EQ(HashAlgorithmName(HashAlgorithm::kSha3_256), "SHA3-256");
  EXPECT_FALSE(HashAlgorithmFromName("sha256").has_value());
  EXPECT_FALSE(HashAlgorithmFromName("SHA-256").has_value());
  EXPECT_FALSE(HashAlgorithmFromName("SHA1").has_value());
}

}  // namespace
}  // namespace kasse::crypto
