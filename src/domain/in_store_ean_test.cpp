#include "domain/in_store_ean.h"

#include <ostream>

#include <gtest/gtest.h>

namespace kasse {
namespace {

struct CheckCase {
  const char* value;
  int check_digit;
};

void PrintTo(const CheckCase& c, std::ostream* os) { *os << c.value; }

class PriceCheckDigitTest : public ::testing::TestWithParam<CheckCase> {};

// Vectors from GS1 General Specifications §7.9 as used by open implementations.
TEST_P(PriceCheckDigitTest, MatchesGs1) { EXPECT_EQ(PriceCheckDigit(GetParam().value), GetParam().check_digit); }

INSTANTIATE_TEST_SUITE_P(Gs1, PriceCheckDigitTest,
                         ::testing::Values(CheckCase{"2875", 9}, CheckCase{"1234", 9}, CheckCase{"0000", 0},
                                           CheckCase{"14685", 6}, CheckCase{"00239", 4}, CheckCase{"00012", 9},
                                           CheckCase{"06870", 1}, CheckCase{"00502", 5}, CheckCase{"00000", 0}));

Gtin MustParse(const char* digits) { return *Gtin::Parse(digits); }

TEST(InStoreEanTest, GermanPriceCode) {
  Result<InStoreCode> code = InStoreEanRules::GermanyGs1().Decode(MustParse("2211114002394"));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->article_number.value(), "221111");
  EXPECT_EQ(code->kind, EmbeddedValue::kPrice);
  EXPECT_EQ(code->price, Money::FromCents(239));
  EXPECT_FALSE(code->quantity.has_value());
}

TEST(InStoreEanTest, GermanCountCode) {
  Result<InStoreCode> code = InStoreEanRules::GermanyGs1().Decode(MustParse("2511119000129"));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->kind, EmbeddedValue::kCount);
  EXPECT_EQ(code->quantity, Quantity::Pieces(12));
}

TEST(InStoreEanTest, GermanWeightCodeIsInGrams) {
  Result<InStoreCode> code = InStoreEanRules::GermanyGs1().Decode(MustParse("2811111068708"));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->article_number.value(), "281111");
  EXPECT_EQ(code->quantity, Quantity::Milli(Unit::kKilogram, 6870));
}

TEST(InStoreEanTest, WrongPriceCheckDigitIsRejected) {
  // A valid EAN-13 whose price check digit should be 9, not 8.
  Result<InStoreCode> code = InStoreEanRules::GermanyGs1().Decode(MustParse("2511118000120"));
  ASSERT_FALSE(code.ok());
  EXPECT_TRUE(code.status().IsInvalidArgument());
  EXPECT_NE(code.status().message().find("price check digit"), std::string::npos);
}

TEST(InStoreEanTest, FourDigitValueWithCheckDigit) {
  InStoreEanRules rules;
  ASSERT_TRUE(rules.Set({20, EmbeddedValue::kPrice, 5, ValueCheck::kPriceCheckDigit, 4}).ok());
  Result<InStoreCode> code = rules.Decode(MustParse("2011122912346"));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->article_number.value(), "2011122");
  EXPECT_EQ(code->price, Money::FromCents(1234));
  EXPECT_TRUE(rules.Decode(MustParse("2001235928754")).ok());
}

TEST(InStoreEanTest, LayoutWithoutCheckDigit) {
  InStoreEanRules rules;
  ASSERT_TRUE(rules.Set({24, EmbeddedValue::kWeight, 5, ValueCheck::kNone, 5}).ok());
  Result<InStoreCode> code = rules.Decode(MustParse("2412345005004"));
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->article_number.value(), "2412345");
  EXPECT_EQ(code->quantity, Quantity::Milli(Unit::kKilogram, 500));
}

TEST(InStoreEanTest, IgnoredPositionIsNotChecked) {
  InStoreEanRules rules;
  ASSERT_TRUE(rules.Set({27, EmbeddedValue::kPrice, 4, ValueCheck::kIgnored, 5}).ok());
  Result<InStoreCode> code = rules.Decode(MustParse("2712347005003"));  // position 7 is 7, not a check digit
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  EXPECT_EQ(code->article_number.value(), "271234");
  EXPECT_EQ(code->price, Money::FromCents(500));
}

TEST(InStoreEanTest, UnconfiguredPrefixOrOrdinaryGtinIsNotFound) {
  InStoreEanRules rules = InStoreEanRules::GermanyGs1();
  EXPECT_TRUE(rules.Decode(MustParse("2412345005004")).status().IsNotFound());
  EXPECT_TRUE(rules.Decode(MustParse("4006381333931")).status().IsNotFound());
  EXPECT_EQ(rules.Find(MustParse("4006381333931")), nullptr);
}

TEST(InStoreEanTest, SetReplacesThePrefixLayout) {
  InStoreEanRules rules = InStoreEanRules::GermanyGs1();
  ASSERT_TRUE(rules.Set({22, EmbeddedValue::kWeight, 5, ValueCheck::kNone, 5}).ok());
  EXPECT_EQ(rules.Find(MustParse("2211114002394"))->value, EmbeddedValue::kWeight);
}

TEST(InStoreEanTest, InconsistentLayoutsAreRejected) {
  InStoreEanRules rules;
  EXPECT_TRUE(rules.Set({19, EmbeddedValue::kPrice, 4, ValueCheck::kPriceCheckDigit, 5}).IsInvalidArgument());
  EXPECT_TRUE(rules.Set({30, EmbeddedValue::kPrice, 4, ValueCheck::kPriceCheckDigit, 5}).IsInvalidArgument());
  EXPECT_TRUE(rules.Set({22, EmbeddedValue::kPrice, 5, ValueCheck::kPriceCheckDigit, 5}).IsInvalidArgument());
  EXPECT_TRUE(rules.Set({22, EmbeddedValue::kPrice, 6, ValueCheck::kPriceCheckDigit, 3}).IsInvalidArgument());
  EXPECT_TRUE(rules.Set({22, EmbeddedValue::kPrice, 0, ValueCheck::kNone, 10}).IsInvalidArgument());
  EXPECT_TRUE(rules.Set({22, EmbeddedValue::kPrice, 4, ValueCheck::kNone, 5}).IsInvalidArgument());
}

}  // namespace
}  // namespace kasse
