#include "domain/quantity.h"

#include <cstdint>
#include <ostream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace kasse {
namespace {

struct AmountCase {
  int64_t unit_price_cents;
  Quantity quantity;
  int64_t expected_cents;
};

void PrintTo(const AmountCase& c, std::ostream* os) { *os << c.unit_price_cents << " x " << c.quantity.ToString(); }

class LineAmountTest : public ::testing::TestWithParam<AmountCase> {};

// The rounding rule of quantity.h: half away from zero, to the cent.
TEST_P(LineAmountTest, RoundsHalfAwayFromZero) {
  Result<Money> amount = LineAmount(Money::FromCents(GetParam().unit_price_cents), GetParam().quantity);
  ASSERT_TRUE(amount.ok());
  EXPECT_EQ(amount->cents(), GetParam().expected_cents);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LineAmountTest,
    ::testing::Values(AmountCase{119, Quantity::Pieces(3), 357},                     // TV-7 Milch
                      AmountCase{199, Quantity::Milli(Unit::kKilogram, 755), 150},   // 1.50245
                      AmountCase{299, Quantity::Milli(Unit::kKilogram, 250), 75},    // 0.7475 rounds up
                      AmountCase{299, Quantity::Milli(Unit::kKilogram, -250), -75},  // mirrors the sale
                      AmountCase{1, Quantity::Milli(Unit::kKilogram, 500), 1},       // exactly half: up
                      AmountCase{1, Quantity::Milli(Unit::kKilogram, 499), 0},       // below half: down
                      AmountCase{1, Quantity::Milli(Unit::kKilogram, -500), -1},     // half away from zero
                      AmountCase{1299, Quantity::Milli(Unit::kLiter, 1), 1},         // 0.01299 → 0.01
                      AmountCase{249, Quantity::Pieces(-1), -249},                   // TV-10 return
                      AmountCase{0, Quantity::Pieces(5), 0},                         // free item
                      AmountCase{100'000'000, Quantity::Milli(Unit::kMeter, 1'000'000'000), 100'000'000'000'000}));

TEST(LineAmountTest, ResultBeyondTheLargestAmountIsOutOfRange) {
  Result<Money> amount = LineAmount(Money::FromCents(Money::kMaxCents), Quantity::Pieces(2));
  ASSERT_FALSE(amount.ok());
  EXPECT_TRUE(amount.status().IsOutOfRange());
}

struct ParseCase {
  const char* text;
  Unit unit;
  int64_t milli;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.text; }

class QuantityParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(QuantityParseTest, ParsesPiecesAndMilliUnits) {
  Result<Quantity> quantity = Quantity::Parse(GetParam().text, GetParam().unit);
  ASSERT_TRUE(quantity.ok()) << quantity.status().ToString();
  EXPECT_EQ(quantity->milli(), GetParam().milli);
  EXPECT_EQ(quantity->unit(), GetParam().unit);
}

INSTANTIATE_TEST_SUITE_P(Valid, QuantityParseTest,
                         ::testing::Values(ParseCase{"3", Unit::kPiece, 3000}, ParseCase{"-1", Unit::kPiece, -1000},
                                           ParseCase{"2,000", Unit::kPiece, 2000},
                                           ParseCase{"0,755", Unit::kKilogram, 755},
                                           ParseCase{"0.755", Unit::kKilogram, 755},
                                           ParseCase{"1,5", Unit::kLiter, 1500}, ParseCase{"12", Unit::kMeter, 12000},
                                           ParseCase{"1000000", Unit::kKilogram, 1'000'000'000}));

class QuantityRejectTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(QuantityRejectTest, RejectsWithAClearError) {
  Result<Quantity> quantity = Quantity::Parse(GetParam().text, GetParam().unit);
  ASSERT_FALSE(quantity.ok()) << GetParam().text;
  EXPECT_FALSE(quantity.status().message().empty());
}

INSTANTIATE_TEST_SUITE_P(Invalid, QuantityRejectTest,
                         ::testing::Values(ParseCase{"", Unit::kPiece, 0}, ParseCase{"1,5", Unit::kPiece, 0},
                                           ParseCase{"0,7555", Unit::kKilogram, 0},
                                           ParseCase{"1.2.3", Unit::kKilogram, 0}, ParseCase{"abc", Unit::kKilogram, 0},
                                           ParseCase{",5", Unit::kKilogram, 0}, ParseCase{"5,", Unit::kKilogram, 0},
                                           ParseCase{"1000000,001", Unit::kKilogram, 0},
                                           ParseCase{"99999999999999999999", Unit::kPiece, 0}));

TEST(QuantityTest, FormatsPiecesWholeAndWeightsWithThreeDecimals) {
  EXPECT_EQ(Quantity::Pieces(3).ToString(), "3");
  EXPECT_EQ(Quantity::Pieces(-1).ToGermanString(), "-1");
  EXPECT_EQ(Quantity::Milli(Unit::kKilogram, 755).ToGermanString(), "0,755");
  EXPECT_EQ(Quantity::Milli(Unit::kKilogram, -1005).ToString(), "-1.005");
  EXPECT_EQ(Quantity::Milli(Unit::kLiter, 2000).ToString(), "2.000");
}

TEST(QuantityTest, OverflowThrowsInsteadOfWrapping) {
  EXPECT_THROW(Quantity::Pieces(INT64_MAX / 1000 + 1), std::overflow_error);
  EXPECT_THROW(-Quantity::Milli(Unit::kKilogram, INT64_MIN), std::overflow_error);
  EXPECT_EQ(-Quantity::Pieces(2), Quantity::Pieces(-2));
}

TEST(QuantityTest, UnitSymbolsAreThoseOfTheExports) {
  EXPECT_EQ(UnitSymbol(Unit::kPiece), "Stück");
  EXPECT_EQ(UnitSymbol(Unit::kKilogram), "kg");
  EXPECT_TRUE(IsWeighed(Unit::kLiter));
  EXPECT_FALSE(IsWeighed(Unit::kPiece));
}

}  // namespace
}  // namespace kasse
