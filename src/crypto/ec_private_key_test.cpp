#include "crypto/ec_private_key.h"

#include <gtest/gtest.h>

#include "crypto/ecdsa.h"

namespace kasse::crypto {
namespace {

// Made with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`; the
// public point is what `openssl pkey -pubout` reports for it.
constexpr const char* kP256Pem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3oOUGmGy7/FqH8/Q\n"
    "OhHyqFInsjnCHIsTbs8JS+6YXXyhRANCAAT18AEvbphYnkuxqkAznfRO4ESuTkGe\n"
    "Z60o/tyRfRFStDXKb1oVqQlH0iT04KfUqpK7KFLEm/p5CJUdSw+2/K5T\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kP256PublicHex =
    "04f5f0012f6e98589e4bb1aa40339df44ee044ae4e419e67ad28fedc917d1152b435ca6f5a15a90947d224f4e0a7d4aa92bb2852c49bfa79"
    "08951d4b0fb6fcae53";
// The same key as SEC 1 "EC PRIVATE KEY" with its public point compressed.
constexpr const char* kP256CompressedSec1Pem =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MFcCAQEEIN6DlBphsu/xah/P0DoR8qhSJ7I5whyLE27PCUvumF18oAoGCCqGSM49\n"
    "AwEHoSQDIgAD9fABL26YWJ5LsapAM530TuBErk5BnmetKP7ckX0RUrQ=\n"
    "-----END EC PRIVATE KEY-----\n";
// The same key encrypted with the passphrase "secret".
constexpr const char* kEncryptedPem =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAj39EAUj+tjSwICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEFhxYefm3RzdrKBhZe3CSZAEgZBn\n"
    "peZbtcD4V40jb6e9VVR1VRrXGLlBiVbRvXK0AATX3JB6D/m2XxRmlU0f9hSLhXmT\n"
    "lxOytBMmOnd00hfI8p+O+hEL5Z2RCnjiiv6uIQPBoj1qFvfeShhCbJ6op226LZFb\n"
    "W28B4331ptpo6xui/4jWEL4pOKfE/mROeHIsmxU6g1K0OCwzAJhMB9EhSM9+x0A=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";
constexpr const char* kEd25519Pem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIOx+4yTn4/TdHGDsEJzNRvONjxC3NmjJ39hO00lS8REY\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kSecp256k1Pem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgjsZ9kK8AISa4Ndsj2twO\n"
    "Hw8TDir6SOL/1oM1V6Kt1yShRANCAAQWkcVcysvXPzvxyOeTsYk6bWOIY9IJTjKb\n"
    "AIQJqHe9UnM9TbDwqNfknyPeTQnHGyRGZaULO/tcxo8N0N2BPZg4\n"
    "-----END PRIVATE KEY-----\n";

void ExpectRejected(std::string_view pem, std::string_view message_part) {
  Result<EcPrivateKey> key = EcPrivateKey::FromPem(pem);
  ASSERT_FALSE(key.ok());
  EXPECT_TRUE(key.status().IsInvalidArgument()) << key.status().ToString();
  EXPECT_NE(key.status().message().find(message_part), std::string::npos) << key.status().message();
}

TEST(EcPrivateKeyTest, EncryptedPemIsRefusedWithoutPrompting) {
  ExpectRejected(kEncryptedPem, "no unencrypted private key");
}

TEST(EcPrivateKeyTest, NonEcKeyIsRefused) { ExpectRejected(kEd25519Pem, "not an elliptic-curve key"); }

TEST(EcPrivateKeyTest, UnsupportedCurveIsNamed) { ExpectRejected(kSecp256k1Pem, "curve secp256k1 is not supported"); }

TEST(EcPrivateKeyTest, GarbageIsRefused) {
  ExpectRejected("", "no unencrypted private key");
  ExpectRejected("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "no unencrypted private key");
  ExpectRejected(std::string(size_t{100} * 1024, 'A'), "too long");
}

TEST(EcPrivateKeyTest, KnownPemGivesItsPublicPoint) {
  Result<EcPrivateKey> key = EcPrivateKey::FromPem(kP256Pem);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->curve(), Curve::kP256);
  EXPECT_EQ(HexEncode(key->PublicKey()), kP256PublicHex);
}

TEST(EcPrivateKeyTest, CompressedPointInPemIsReturnedUncompressed) {
  Result<EcPrivateKey> key = EcPrivateKey::FromPem(kP256CompressedSec1Pem);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(HexEncode(key->PublicKey()), kP256PublicHex);
}

TEST(EcPrivateKeyTest, ToPemIsUnencryptedPkcs8) {
  Result<EcPrivateKey> key = EcPrivateKey::FromPem(kP256CompressedSec1Pem);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->ToPem().rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u) << key->ToPem();
}

class EcPrivateKeyCurveTest : public ::testing::TestWithParam<Curve> {};

TEST_P(EcPrivateKeyCurveTest, PemRoundTripKeepsTheKey) {
  Result<EcPrivateKey> key = EcPrivateKey::Generate(GetParam());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  Result<EcPrivateKey> reloaded = EcPrivateKey::FromPem(key->ToPem());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status().ToString();
  EXPECT_EQ(reloaded->curve(), GetParam());
  EXPECT_EQ(reloaded->PublicKey(), key->PublicKey());
  EXPECT_EQ(reloaded->ToPem(), key->ToPem());
  // The reloaded key signs for the original public key.
  Bytes message = BytesOf("Beleg^21.42_0.00_0.00_0.00_0.00^21.42:Unbar");
  Result<Bytes> signature = reloaded->SignPlain(HashAlgorithm::kSha256, message);
  ASSERT_TRUE(signature.ok()) << signature.status().ToString();
  EXPECT_TRUE(VerifyPlain(GetParam(), HashAlgorithm::kSha256, key->PublicKey(), message, *signature).ok());
}

TEST_P(EcPrivateKeyCurveTest, PublicKeyIsAnUncompressedPointOfTheCurveSize) {
  Result<EcPrivateKey> key = EcPrivateKey::Generate(GetParam());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  ASSERT_EQ(key->PublicKey().size(), PublicKeySize(GetParam()));
  EXPECT_EQ(key->PublicKey()[0], 0x04);
}

TEST_P(EcPrivateKeyCurveTest, TwoGeneratedKeysDiffer) {
  Result<EcPrivateKey> first = EcPrivateKey::Generate(GetParam());
  Result<EcPrivateKey> second = EcPrivateKey::Generate(GetParam());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->PublicKey(), second->PublicKey());
}

TEST_P(EcPrivateKeyCurveTest, MovedKeyKeepsWorking) {
  Result<EcPrivateKey> key = EcPrivateKey::Generate(GetParam());
  ASSERT_TRUE(key.ok());
  Bytes public_key = key->PublicKey();
  EcPrivateKey moved = std::move(*key);
  EcPrivateKey assigned = std::move(moved);
  EXPECT_EQ(assigned.PublicKey(), public_key);
  EXPECT_TRUE(assigned.SignPlain(HashAlgorithm::kSha384, BytesOf("x")).ok());
}

INSTANTIATE_TEST_SUITE_P(AllCurves, EcPrivateKeyCurveTest, ::testing::ValuesIn(kAllCurves),
                         [](const ::testing::TestParamInfo<Curve>& param_info) {
                           std::string name(CurveName(param_info.param));
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace kasse::crypto
