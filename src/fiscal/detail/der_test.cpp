#include "fiscal/detail/der.h"

#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

namespace kasse::fiscal::detail {
namespace {

std::string Hex(const crypto::Bytes& bytes) { return crypto::HexEncode(bytes); }

TEST(DerTest, MalformedOidIsABug) {
  for (const char* bad : {"", "1", "1.", ".1", "1..2", "3.1", "1.40", "a.b", "1.2.-3", "1.2.18446744073709551616"}) {
    EXPECT_THROW((void)OidContent(bad), std::invalid_argument) << bad;
  }
}

TEST(DerTest, IntegerIsMinimalTwosComplement) {
  EXPECT_EQ(Hex(IntegerContent(0)), "00");
  EXPECT_EQ(Hex(IntegerContent(1)), "01");
  EXPECT_EQ(Hex(IntegerContent(127)), "7f");
  EXPECT_EQ(Hex(IntegerContent(128)), "0080");
  EXPECT_EQ(Hex(IntegerContent(255)), "00ff");
  EXPECT_EQ(Hex(IntegerContent(256)), "0100");
  EXPECT_EQ(Hex(IntegerContent(1'629'729'393)), "6123b271");
  EXPECT_EQ(Hex(IntegerContent(std::numeric_limits<uint64_t>::max())), "00ffffffffffffffff");
}

TEST(DerTest, OidArcsAreBase128) {
  EXPECT_EQ(Hex(OidContent("0.4.0.127.0.7.3.7.1.1")), "04007f000703070101");
  EXPECT_EQ(Hex(OidContent("0.4.0.127.0.7.1.1.4.1.3")), "04007f00070101040103");
  EXPECT_EQ(Hex(OidContent("1.2.840.10045.4.3.2")), "2a8648ce3d040302");  // ecdsa-with-SHA256
  EXPECT_EQ(Hex(OidContent("2.999.3")), "883703");                        // X.690 §8.19.5 example
}

TEST(DerTest, LengthIsShortBelow128ElseLong) {
  for (auto [size, header] : std::initializer_list<std::pair<size_t, const char*>>{
           {0, "0400"}, {127, "047f"}, {128, "048180"}, {255, "0481ff"}, {256, "04820100"}, {65536, "0483010000"}}) {
    crypto::Bytes out;
    AppendTlv(out, 0x04, crypto::Bytes(size, 0xaa));
    ASSERT_EQ(out.size(), size + std::string(header).size() / 2);
    EXPECT_EQ(Hex(crypto::Bytes(out.begin(), out.end() - static_cast<std::ptrdiff_t>(size))), header) << size;
  }
}

TEST(DerTest, TextContentIsKeptByteForByte) {
  crypto::Bytes out;
  AppendTlv(out, 0x81, std::string_view("Ab\xc3\xa4"));
  EXPECT_EQ(Hex(out), "81044162c3a4");
}

}  // namespace
}  // namespace kasse::fiscal::detail
