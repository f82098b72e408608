#include "domain/gtin.h"

#include <ostream>

#include <gtest/gtest.h>

namespace kasse {
namespace {

class ValidGtinTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ValidGtinTest, AcceptsCorrectCheckDigit) {
  Result<Gtin> gtin = Gtin::Parse(GetParam());
  ASSERT_TRUE(gtin.ok()) << gtin.status().ToString();
  EXPECT_EQ(gtin->digits(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Lengths, ValidGtinTest,
                         ::testing::Values("96385074",         // GTIN-8
                                           "036000291452",     // GTIN-12 (UPC-A)
                                           "4006381333931",    // GTIN-13
                                           "5901234123457",    // GTIN-13, GS1's example
                                           "10614141000415",   // GTIN-14
                                           "2812347007554"));  // in-store EAN

struct InvalidCase {
  const char* digits;
  const char* message_part;
};

void PrintTo(const InvalidCase& c, std::ostream* os) { *os << c.digits; }

class InvalidGtinTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidGtinTest, RejectsWithTheReason) {
  Result<Gtin> gtin = Gtin::Parse(GetParam().digits);
  ASSERT_FALSE(gtin.ok());
  EXPECT_TRUE(gtin.status().IsInvalidArgument());
  EXPECT_NE(gtin.status().message().find(GetParam().message_part), std::string::npos) << gtin.status().message();
}

INSTANTIATE_TEST_SUITE_P(Cases, InvalidGtinTest,
                         ::testing::Values(InvalidCase{"4006381333932", "should be 1"},
                                           InvalidCase{"96385075", "should be 4"},
                                           InvalidCase{"400638133393", "should be"},  // 12 digits, wrong
                                           InvalidCase{"123456789", "not 9"}, InvalidCase{"400638133393100", "not 15"},
                                           InvalidCase{"", "digits only"}, InvalidCase{"40063813339 1", "digits only"},
                                           InvalidCase{"4OO6381333931", "digits only"}));

TEST(GtinTest, CheckDigitOfEachLength) {
  EXPECT_EQ(Gtin::CheckDigit("9638507"), 4);
  EXPECT_EQ(Gtin::CheckDigit("03600029145"), 2);
  EXPECT_EQ(Gtin::CheckDigit("400638133393"), 1);
  EXPECT_EQ(Gtin::CheckDigit("1061414100041"), 5);
}

TEST(GtinTest, Gtin14PadsWithZeros) {
  EXPECT_EQ(Gtin::Parse("96385074")->ToGtin14(), "00000096385074");
  EXPECT_EQ(Gtin::Parse("10614141000415")->ToGtin14(), "10614141000415");
}

TEST(GtinTest, RestrictedCirculationIsEan13WithPrefix2) {
  EXPECT_TRUE(Gtin::Parse("2812347007554")->IsRestrictedCirculation());
  EXPECT_FALSE(Gtin::Parse("4006381333931")->IsRestrictedCirculation());
  EXPECT_FALSE(Gtin::Parse("036000291452")->IsRestrictedCirculation());
}

}  // namespace
}  // namespace kasse
