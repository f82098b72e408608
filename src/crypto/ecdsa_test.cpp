#include "crypto/ecdsa.h"

#include <tuple>

#include <gtest/gtest.h>

#include "crypto/ec_private_key.h"

namespace kasse::crypto {
namespace {

// Made independently with `openssl dgst -sha384 -sign` on a brainpoolP384r1 key:
// the DER signature's r and s, and the key's public point.
constexpr const char* kBrainpoolP384PublicHex =
    "044c0e4a61a200b6f38f2d27b03fd3592f20bb87f8e7211b4622f036fa09e9d5349813b5bb4cac941b50972a900ad29054017bba30ae4e52"
    "3c3ad6ec07aa37de10a82274e4ea4a72e5020b07626a0e613b41369cfa3c19b4404f77bb7d98b0921e";
constexpr const char* kBrainpoolP384SignatureHex =
    "88F3AF8EE866C363B49CED2279BE68E2E30A836EB56B7733B1C0080DAA20DF0C349006DAB148E878C7EAD17EB1A644A3"
    "7D92D5DD11DA859ACF3646E3D812DE3209A524C816A5B54CCADF2B2C715E4566066B20A6455C2AAFD7979B81F8E2E65E";

void ExpectMismatch(const Status& status) {
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.field(), "signature");
  EXPECT_EQ(status.message(), "signature does not match the signed data");
}

TEST(EcdsaTest, SignatureOfAnotherSignerVerifies) {
  Bytes public_key = *HexDecode(kBrainpoolP384PublicHex);
  Bytes signature = *HexDecode(kBrainpoolP384SignatureHex);
  EXPECT_TRUE(
      VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), signature).ok());
  ExpectMismatch(VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("kasse"), signature));
  ExpectMismatch(
      VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha3_384, public_key, BytesOf("Kasse"), signature));
}

TEST(EcdsaTest, WrongSignatureLengthIsNamed) {
  Bytes public_key = *HexDecode(kBrainpoolP384PublicHex);
  Bytes signature = *HexDecode(kBrainpoolP384SignatureHex);
  signature.pop_back();
  Status status = VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), signature);
  EXPECT_EQ(status.field(), "signature");
  EXPECT_EQ(status.message(), "signature has 95 bytes; a brainpoolP384r1 signature has 96");
}

TEST(EcdsaTest, KeyOfAnotherCurveIsRejected) {
  Bytes public_key = *HexDecode(kBrainpoolP384PublicHex);
  Bytes signature = *HexDecode(kBrainpoolP384SignatureHex);
  Status status = VerifyPlain(Curve::kP384, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), signature);
  EXPECT_EQ(status.field(), "public_key");
  EXPECT_EQ(status.message(), "public key is not a point on P-384");
  status = VerifyPlain(Curve::kP256, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), signature);
  EXPECT_EQ(status.message(), "public key has 97 bytes; an uncompressed P-256 key has 65");
}

// Keys are kept per thread once checked: a kept key still verifies only its own
// signatures, on its own curve, and a bad key is refused every time.
TEST(EcdsaTest, KeptKeysAnswerAsNewOnes) {
  Bytes public_key = *HexDecode(kBrainpoolP384PublicHex);
  Bytes signature = *HexDecode(kBrainpoolP384SignatureHex);
  for (int round = 0; round < 3; ++round) {
    EXPECT_TRUE(
        VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), signature).ok());
    ExpectMismatch(
        VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("Kassa"), signature));
    EXPECT_EQ(VerifyPlain(Curve::kP384, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), signature).field(),
              "public_key");
    Bytes off_curve = public_key;
    off_curve.back() ^= 0x01;
    Status status =
        VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, off_curve, BytesOf("Kasse"), signature);
    EXPECT_EQ(status.message(), "public key is not a point on brainpoolP384r1") << round;
  }
}

TEST(EcdsaTest, OutOfRangeSignatureValuesDoNotVerify) {
  Bytes public_key = *HexDecode(kBrainpoolP384PublicHex);
  ExpectMismatch(
      VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), Bytes(96, 0x00)));
  ExpectMismatch(
      VerifyPlain(Curve::kBrainpoolP384r1, HashAlgorithm::kSha384, public_key, BytesOf("Kasse"), Bytes(96, 0xff)));
}

using CurveAndHash = std::tuple<Curve, HashAlgorithm>;

class EcdsaRoundTripTest : public ::testing::TestWithParam<CurveAndHash> {
 protected:
  Curve curve() const { return std::get<0>(GetParam()); }
  HashAlgorithm hash() const { return std::get<1>(GetParam()); }
};

TEST_P(EcdsaRoundTripTest, SignatureVerifiesAndAnyChangeFails) {
  Result<EcPrivateKey> key = EcPrivateKey::Generate(curve());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  Bytes message = BytesOf("FinishTransaction;Kassenbeleg-V1;Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar");
  Result<Bytes> signature = key->SignPlain(hash(), message);
  ASSERT_TRUE(signature.ok()) << signature.status().ToString();
  ASSERT_EQ(signature->size(), PlainSignatureSize(curve()));
  Status verified = VerifyPlain(curve(), hash(), key->PublicKey(), message, *signature);
  EXPECT_TRUE(verified.ok()) << verified.ToString();

  Bytes tampered_message = message;
  tampered_message.back() ^= 0x01;
  ExpectMismatch(VerifyPlain(curve(), hash(), key->PublicKey(), tampered_message, *signature));
  for (size_t byte : {size_t{0}, signature->size() / 2, signature->size() - 1}) {
    Bytes tampered = *signature;
    tampered[byte] ^= 0x80;
    ExpectMismatch(VerifyPlain(curve(), hash(), key->PublicKey(), message, tampered));
  }
  Result<EcPrivateKey> other = EcPrivateKey::Generate(curve());
  ASSERT_TRUE(other.ok());
  ExpectMismatch(VerifyPlain(curve(), hash(), other->PublicKey(), message, *signature));
}

INSTANTIATE_TEST_SUITE_P(AllCurvesAndHashes, EcdsaRoundTripTest,
                         ::testing::Combine(::testing::ValuesIn(kAllCurves), ::testing::ValuesIn(kAllHashAlgorithms)),
                         [](const ::testing::TestParamInfo<CurveAndHash>& param_info) {
                           std::string name = std::string(CurveName(std::get<0>(param_info.param))) + "_" +
                                              std::string(HashAlgorithmName(std::get<1>(param_info.param)));
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace kasse::crypto
