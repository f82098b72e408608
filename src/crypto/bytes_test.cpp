#include "crypto/bytes.h"

#include <gtest/gtest.h>

namespace kasse::crypto {
namespace {

TEST(BytesTest, HexDecodeRejectsOddLengthAndNonHexDigits) {
  for (const char* bad : {"a", "abc", "0g", "0x12", "12 34", "-1"}) {
    Result<Bytes> bytes = HexDecode(bad);
    ASSERT_FALSE(bytes.ok()) << bad;
    EXPECT_TRUE(bytes.status().IsInvalidArgument());
  }
}

TEST(BytesTest, HexEncodeIsLowercaseTwoDigitsPerByte) {
  EXPECT_EQ(HexEncode(Bytes{0x00, 0x0f, 0xab, 0xff}), "000fabff");
  EXPECT_EQ(HexEncode(Bytes{}), "");
}

TEST(BytesTest, HexDecodeAcceptsEitherCase) {
  EXPECT_EQ(*HexDecode("00fFaB"), (Bytes{0x00, 0xff, 0xab}));
  EXPECT_EQ(*HexDecode(""), Bytes{});
}

TEST(BytesTest, EveryByteRoundTrips) {
  Bytes all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<uint8_t>(i));
  EXPECT_EQ(*HexDecode(HexEncode(all)), all);
}

TEST(BytesTest, BytesOfKeepsTheTextUnchanged) { EXPECT_EQ(BytesOf("A\xc3\xa4"), (Bytes{0x41, 0xc3, 0xa4})); }

}  // namespace
}  // namespace kasse::crypto
