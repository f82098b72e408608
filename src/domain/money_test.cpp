#include "domain/money.h"

#include <cstdint>
#include <limits>
#include <ostream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace kasse {
namespace {

struct ParseCase {
  const char* text;
  int64_t cents;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.text; }

class MoneyParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(MoneyParseTest, ParsesBothDecimalSeparators) {
  Result<Money> money = Money::Parse(GetParam().text);
  ASSERT_TRUE(money.ok()) << money.status().ToString();
  EXPECT_EQ(money->cents(), GetParam().cents);
}

INSTANTIATE_TEST_SUITE_P(Valid, MoneyParseTest,
                         ::testing::Values(ParseCase{"12.34", 1234}, ParseCase{"12,34", 1234}, ParseCase{"0,05", 5},
                                           ParseCase{"12", 1200}, ParseCase{"12,5", 1250}, ParseCase{"-2.49", -249},
                                           ParseCase{"-0,01", -1}, ParseCase{"0", 0}, ParseCase{"007,10", 710},
                                           ParseCase{"1000000000000000", Money::kMaxCents},
                                           ParseCase{"-1000000000000000,00", -Money::kMaxCents}));

struct RejectCase {
  const char* text;
  Status::Code code;
};

void PrintTo(const RejectCase& c, std::ostream* os) { *os << c.text; }

class MoneyRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(MoneyRejectTest, RejectsWithAClearError) {
  Result<Money> money = Money::Parse(GetParam().text);
  ASSERT_FALSE(money.ok()) << GetParam().text;
  EXPECT_EQ(money.status().code(), GetParam().code);
  EXPECT_FALSE(money.status().message().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Invalid, MoneyRejectTest,
    ::testing::Values(
        RejectCase{"", Status::Code::kInvalidArgument}, RejectCase{"-", Status::Code::kInvalidArgument},
        RejectCase{"12.345", Status::Code::kInvalidArgument}, RejectCase{"1.234,56", Status::Code::kInvalidArgument},
        RejectCase{"12,", Status::Code::kInvalidArgument}, RejectCase{",5", Status::Code::kInvalidArgument},
        RejectCase{"12 34", Status::Code::kInvalidArgument}, RejectCase{"€12", Status::Code::kInvalidArgument},
        RejectCase{"+5", Status::Code::kInvalidArgument}, RejectCase{"--5", Status::Code::kInvalidArgument},
        RejectCase{"1e5", Status::Code::kInvalidArgument}, RejectCase{"0x10", Status::Code::kInvalidArgument},
        RejectCase{"1000000000000000,01", Status::Code::kOutOfRange},
        RejectCase{"10000000000000000", Status::Code::kOutOfRange},
        RejectCase{"99999999999999999999999999999", Status::Code::kOutOfRange}));

struct FormatCase {
  int64_t cents;
  const char* plain;
  const char* german;
};

void PrintTo(const FormatCase& c, std::ostream* os) { *os << c.cents; }

class MoneyFormatTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(MoneyFormatTest, FormatsWithoutGrouping) {
  Money money = Money::FromCents(GetParam().cents);
  EXPECT_EQ(money.ToString(), GetParam().plain);
  EXPECT_EQ(money.ToGermanString(), GetParam().german);
}

INSTANTIATE_TEST_SUITE_P(Amounts, MoneyFormatTest,
                         ::testing::Values(FormatCase{0, "0.00", "0,00"}, FormatCase{5, "0.05", "0,05"},
                                           FormatCase{-249, "-2.49", "-2,49"}, FormatCase{7533, "75.33", "75,33"},
                                           FormatCase{123456789, "1234567.89", "1234567,89"},
                                           FormatCase{-1, "-0.01", "-0,01"},
                                           FormatCase{std::numeric_limits<int64_t>::min(), "-92233720368547758.08",
                                                      "-92233720368547758,08"}));

TEST(MoneyTest, FormatThenParseRoundTrips) {
  for (int64_t cents : {int64_t{0}, int64_t{1}, int64_t{-99}, int64_t{100}, int64_t{123456}, Money::kMaxCents}) {
    Money money = Money::FromCents(cents);
    EXPECT_EQ(*Money::Parse(money.ToString()), money);
    EXPECT_EQ(*Money::Parse(money.ToGermanString()), money);
  }
}

TEST(MoneyTest, ArithmeticIsExact) {
  Money sum = Money::FromCents(10) + Money::FromCents(20);
  EXPECT_EQ(sum, Money::FromCents(30));
  EXPECT_EQ(Money::FromCents(30) - Money::FromCents(45), Money::FromCents(-15));
  EXPECT_EQ(-Money::FromCents(7), Money::FromCents(-7));
  EXPECT_EQ(Abs(Money::FromCents(-7)), Money::FromCents(7));
  EXPECT_LT(Money::FromCents(-1), Money::Zero());
}

TEST(MoneyTest, OverflowThrowsInsteadOfWrapping) {
  Money max = Money::FromCents(std::numeric_limits<int64_t>::max());
  Money min = Money::FromCents(std::numeric_limits<int64_t>::min());
  EXPECT_THROW(max + Money::FromCents(1), std::overflow_error);
  EXPECT_THROW(min - Money::FromCents(1), std::overflow_error);
  EXPECT_THROW(-min, std::overflow_error);
}

}  // namespace
}  // namespace kasse
