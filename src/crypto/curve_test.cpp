#include "crypto/curve.h"

#include <gtest/gtest.h>

#include "crypto/base64.h"
#include "crypto/ec_private_key.h"

namespace kasse::crypto {
namespace {

// The public key of TV-4 (docs/fiscal.md), a real P-256 TSE.
constexpr const char* kTv4PublicKey =
    "BGFKQP7EENf3s5hTDXvlh+xyJ1Q9BNIa9LyYbYK+pTAKAGQ2fmI40p5QOrpHpvb+UuOrNQJdhzggHNfyyyDyf/g=";

void ExpectRejected(const Bytes& point, std::string_view message_part) {
  Result<Curve> curve = CurveOfPublicKey(point);
  ASSERT_FALSE(curve.ok());
  EXPECT_TRUE(curve.status().IsInvalidArgument());
  EXPECT_EQ(curve.status().field(), "public_key");
  EXPECT_NE(curve.status().message().find(message_part), std::string::npos) << curve.status().message();
}

TEST(CurveTest, WrongLengthListsTheSupportedSizes) {
  ExpectRejected(Bytes(64, 0x04),
                 "public key has 64 bytes; an uncompressed point has 65 (P-256 or brainpoolP256r1), 97 (P-384 or "
                 "brainpoolP384r1), 129 (brainpoolP512r1), 133 (P-521) bytes");
  ExpectRejected(Bytes{}, "public key has 0 bytes");
}

TEST(CurveTest, CompressedOrHybridPointIsRejected) {
  Bytes point = *Base64Decode(kTv4PublicKey);
  for (int tag : {0x00, 0x02, 0x03, 0x06, 0x07}) {
    point[0] = static_cast<uint8_t>(tag);
    ExpectRejected(point, "not an uncompressed point");
  }
}

TEST(CurveTest, PointOnNoCurveIsRejectedNamingTheCandidates) {
  Bytes point = *Base64Decode(kTv4PublicKey);
  point.back() ^= 0x01;
  ExpectRejected(point, "public key is not a point on P-256 or brainpoolP256r1");
  Bytes zeros(97, 0x00);
  zeros[0] = 0x04;
  ExpectRejected(zeros, "public key is not a point on P-384 or brainpoolP384r1");
  Bytes too_large(65, 0xff);  // coordinates beyond the field
  too_large[0] = 0x04;
  ExpectRejected(too_large, "not a point on");
}

TEST(CurveTest, Tv4KeyIsOnP256) {
  Result<Curve> curve = CurveOfPublicKey(*Base64Decode(kTv4PublicKey));
  ASSERT_TRUE(curve.ok()) << curve.status().ToString();
  EXPECT_EQ(*curve, Curve::kP256);
}

TEST(CurveTest, SizesOfEachCurve) {
  EXPECT_EQ(PublicKeySize(Curve::kP256), 65u);
  EXPECT_EQ(PlainSignatureSize(Curve::kP256), 64u);
  EXPECT_EQ(PublicKeySize(Curve::kBrainpoolP384r1), 97u);
  EXPECT_EQ(PlainSignatureSize(Curve::kBrainpoolP384r1), 96u);
  EXPECT_EQ(PublicKeySize(Curve::kP521), 133u);
  EXPECT_EQ(PlainSignatureSize(Curve::kP521), 132u);
  EXPECT_EQ(PublicKeySize(Curve::kBrainpoolP512r1), 129u);
}

class CurveOfPublicKeyTest : public ::testing::TestWithParam<Curve> {};

TEST_P(CurveOfPublicKeyTest, FindsTheCurveOfAGeneratedKey) {
  // Several keys, since a key on one curve of a size must never be taken for the other.
  for (int i = 0; i < 5; ++i) {
    Result<EcPrivateKey> key = EcPrivateKey::Generate(GetParam());
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    Result<Curve> curve = CurveOfPublicKey(key->PublicKey());
    ASSERT_TRUE(curve.ok()) << curve.status().ToString();
    EXPECT_EQ(*curve, GetParam());
  }
}

INSTANTIATE_TEST_SUITE_P(AllCurves, CurveOfPublicKeyTest, ::testing::ValuesIn(kAllCurves),
                         [](const ::testing::TestParamInfo<Curve>& param_info) {
                           std::string name(CurveName(param_info.param));
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace kasse::crypto
