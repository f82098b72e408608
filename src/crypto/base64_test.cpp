#include "crypto/base64.h"

#include <ostream>

#include <gtest/gtest.h>

namespace kasse::crypto {
namespace {

struct Vector {
  const char* plain;
  const char* encoded;
};

void PrintTo(const Vector& v, std::ostream* os) { *os << '"' << v.encoded << '"'; }

class Base64VectorTest : public ::testing::TestWithParam<Vector> {};

TEST_P(Base64VectorTest, EncodesAndDecodes) {
  EXPECT_EQ(Base64Encode(BytesOf(GetParam().plain)), GetParam().encoded);
  Result<Bytes> decoded = Base64Decode(GetParam().encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, BytesOf(GetParam().plain));
}

// RFC 4648 §10.
INSTANTIATE_TEST_SUITE_P(Rfc4648, Base64VectorTest,
                         ::testing::Values(Vector{"", ""}, Vector{"f", "Zg=="}, Vector{"fo", "Zm8="},
                                           Vector{"foo", "Zm9v"}, Vector{"foob", "Zm9vYg=="},
                                           Vector{"fooba", "Zm9vYmE="}, Vector{"foobar", "Zm9vYmFy"}));

struct Invalid {
  const char* text;
  const char* message_part;
};

void PrintTo(const Invalid& v, std::ostream* os) { *os << '"' << v.text << '"'; }

class Base64InvalidTest : public ::testing::TestWithParam<Invalid> {};

TEST_P(Base64InvalidTest, IsRejectedWithTheReason) {
  Result<Bytes> decoded = Base64Decode(GetParam().text);
  ASSERT_FALSE(decoded.ok());
  EXPECT_TRUE(decoded.status().IsInvalidArgument());
  EXPECT_NE(decoded.status().message().find(GetParam().message_part), std::string::npos) << decoded.status().message();
}

INSTANTIATE_TEST_SUITE_P(Cases, Base64InvalidTest,
                         ::testing::Values(Invalid{"Zg", "not a multiple of 4"}, Invalid{"Zg=", "not a multiple of 4"},
                                           Invalid{"Zm9vY", "not a multiple of 4"}, Invalid{"Zh==", "non-zero bits"},
                                           Invalid{"Zm9=", "non-zero bits"}, Invalid{"====", "position 0"},
                                           Invalid{"Z===", "position 1"}, Invalid{"=Zm9", "position 0"},
                                           Invalid{"Zm=v", "position 2"}, Invalid{"Zm9v====", "position 4"},
                                           Invalid{"Zm9vYg==Zm9v", "position 6"}, Invalid{"Zm 9", "position 2"},
                                           Invalid{"Zm9\n", "position 3"}, Invalid{"Zm-_", "position 2"},
                                           Invalid{"Zm9\xc3", "position 3"}));

TEST(Base64Test, EveryLengthAndByteRoundTrips) {
  Bytes bytes;
  for (int length = 0; length < 300; ++length) {
    std::string encoded = Base64Encode(bytes);
    Result<Bytes> decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded.ok()) << length << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, bytes) << length;
    bytes.push_back(static_cast<uint8_t>(length * 37 + 11));
  }
}

}  // namespace
}  // namespace kasse::crypto
