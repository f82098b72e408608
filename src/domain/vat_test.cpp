#include "domain/vat.h"

#include <ostream>

#include <gtest/gtest.h>

namespace kasse {
namespace {

struct SplitCase {
  int64_t gross;
  int rate;
  int64_t net;
  int64_t vat;
};

void PrintTo(const SplitCase& c, std::ostream* os) { *os << c.gross << " @ " << c.rate; }

class SplitGrossTest : public ::testing::TestWithParam<SplitCase> {};

// REFERENCE.md TV-9: per receipt per rate, half up; plus the official-example checks.
TEST_P(SplitGrossTest, BruttomethodeRoundsHalfUp) {
  VatSplit split = SplitGross(Money::FromCents(GetParam().gross), VatRate(GetParam().rate));
  EXPECT_EQ(split.gross.cents(), GetParam().gross);
  EXPECT_EQ(split.net.cents(), GetParam().net);
  EXPECT_EQ(split.vat.cents(), GetParam().vat);
}

INSTANTIATE_TEST_SUITE_P(Tv9, SplitGrossTest,
                         ::testing::Values(SplitCase{748, 1900, 629, 119},     // TV-9 19 %: 7.48 → 6.29 + 1.19
                                           SplitCase{357, 700, 334, 23},       // TV-9 7 %: 3.57 → 3.34 + 0.23
                                           SplitCase{7533, 1900, 6330, 1203},  // 75.33 → 63.30 + 12.03
                                           SplitCase{799, 700, 747, 52},       // 7.99 → 7.47 + 0.52
                                           SplitCase{2142, 1900, 1800, 342},   // 21.42 → 18.00 + 3.42
                                           SplitCase{-249, 1900, -209, -40},   // TV-10 return mirrors the sale
                                           SplitCase{249, 1900, 209, 40}, SplitCase{107, 700, 100, 7},  // exact
                                           SplitCase{0, 1900, 0, 0}, SplitCase{1000, 0, 1000, 0},       // 0 % keys
                                           SplitCase{211, 550, 200, 11},  // 5.5 %: 11.00 exactly
                                           SplitCase{1055, 550, 1000, 55}));

TEST(SplitGrossTest, PerLineRoundingWouldDifferWhichIsWhyWeSplitPerKey) {
  // TV-9: per line the 19 % VAT is 0.40 + 0.80 = 1.20; per key it is 1.19.
  EXPECT_EQ(SplitGross(Money::FromCents(249), VatRate(1900)).vat.cents() +
                SplitGross(Money::FromCents(499), VatRate(1900)).vat.cents(),
            120);
  EXPECT_EQ(SplitGross(Money::FromCents(748), VatRate(1900)).vat.cents(), 119);
}

struct SlotCase {
  int key;
  int slot;
};

void PrintTo(const SlotCase& c, std::ostream* os) { *os << "key " << c.key; }

class VatSlotTest : public ::testing::TestWithParam<SlotCase> {};

// REFERENCE.md TV-13.
TEST_P(VatSlotTest, KeyMapsToItsProcessDataSlot) {
  Result<VatKeyInfo> info = VatTable::Germany().Lookup(VatKey(GetParam().key));
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->slot, GetParam().slot);
}

INSTANTIATE_TEST_SUITE_P(Tv13, VatSlotTest,
                         ::testing::Values(SlotCase{1, 1}, SlotCase{2, 2}, SlotCase{3, 3}, SlotCase{4, 4},
                                           SlotCase{5, 5}, SlotCase{6, 5}, SlotCase{7, 5}, SlotCase{8, 5},
                                           SlotCase{11, 1}, SlotCase{21, 1}, SlotCase{12, 2}, SlotCase{22, 2},
                                           SlotCase{13, 3}, SlotCase{23, 3}, SlotCase{33, 3}, SlotCase{43, 3}));

class UnknownVatKeyTest : public ::testing::TestWithParam<int> {};

TEST_P(UnknownVatKeyTest, ReservedOrUnconfiguredKeysAreRejected) {
  Result<VatKeyInfo> info = VatTable::Germany().Lookup(VatKey(GetParam()));
  ASSERT_FALSE(info.ok());
  EXPECT_TRUE(info.status().IsNotFound());
  EXPECT_NE(info.status().message().find(std::to_string(GetParam())), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Tv13, UnknownVatKeyTest, ::testing::Values(0, -1, 9, 10, 14, 31, 999, 1000, 5000));

TEST(VatTableTest, GermanRatesOfAnlage2) {
  VatTable table = VatTable::Germany();
  EXPECT_EQ(table.Lookup(VatKey(1))->rate, VatRate(1900));
  EXPECT_EQ(table.Lookup(VatKey(2))->rate, VatRate(700));
  EXPECT_EQ(table.Lookup(VatKey(4))->rate, VatRate(550));
  EXPECT_EQ(table.Lookup(VatKey(21))->rate, VatRate(1600));
  EXPECT_EQ(table.Lookup(VatKey(22))->rate, VatRate(500));
  EXPECT_EQ(table.Lookup(VatKey(13))->rate, VatRate(1070));
  EXPECT_EQ(table.Lookup(VatKey(6))->rate, VatRate(0));
}

TEST(VatTableTest, CustomKeyTakesTheSlotOfItsRate) {
  VatTable table = VatTable::Germany();
  ASSERT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(700), "Speisen im Haus").ok());
  ASSERT_TRUE(table.DefineCustomKey(VatKey(1001), VatRate(0), "Pfand nicht steuerbar").ok());
  EXPECT_EQ(table.Lookup(VatKey(1000))->slot, 2);
  EXPECT_EQ(table.Lookup(VatKey(1001))->slot, 5);
  EXPECT_EQ(table.keys().back().key, VatKey(1001));
}

TEST(VatTableTest, CustomKeyFailures) {
  VatTable table = VatTable::Germany();
  EXPECT_TRUE(table.DefineCustomKey(VatKey(999), VatRate(700), "x").IsInvalidArgument());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(1234), "x").IsInvalidArgument());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(700), "").IsInvalidArgument());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(700), std::string(56, 'x')).IsInvalidArgument());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(700), "a\nb").IsInvalidArgument());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(-1234), "x").IsInvalidArgument());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(10001), "x").IsInvalidArgument());
  ASSERT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(700), "x").ok());
  EXPECT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(700), "y").IsConflict());
}

TEST(VatTableTest, OnlyKeysOneToFourHaveAConfigurableRate) {
  VatTable table = VatTable::Germany();
  ASSERT_TRUE(table.SetRate(VatKey(1), VatRate(1600)).ok());  // as in the second half of 2020
  EXPECT_EQ(table.Lookup(VatKey(1))->rate, VatRate(1600));
  EXPECT_TRUE(table.SetRate(VatKey(11), VatRate(1600)).IsInvalidArgument());
  EXPECT_TRUE(table.SetRate(VatKey(2), VatRate(0)).IsInvalidArgument());
  EXPECT_TRUE(table.SetRate(VatKey(2), VatRate(10001)).IsInvalidArgument());
}

TEST(VatTableTest, KeysOneToFourKeepDistinctRates) {
  VatTable table = VatTable::Germany();
  Status status = table.SetRate(VatKey(1), VatRate(700));
  EXPECT_TRUE(status.IsConflict());
  EXPECT_NE(status.message().find("key 2"), std::string::npos) << status.message();
  EXPECT_EQ(table.Lookup(VatKey(1))->rate, VatRate(1900));
}

TEST(VatTableTest, RateChangeThatStrandsACustomKeyIsRefused) {
  VatTable table = VatTable::Germany();
  ASSERT_TRUE(table.DefineCustomKey(VatKey(1000), VatRate(1900), "Getränke").ok());
  Status status = table.SetRate(VatKey(1), VatRate(1600));  // 19 % would match no slot
  EXPECT_TRUE(status.IsConflict());
  EXPECT_NE(status.message().find("VAT key 1000"), std::string::npos) << status.message();
  EXPECT_EQ(table.Lookup(VatKey(1))->rate, VatRate(1900));   // unchanged
  ASSERT_TRUE(table.SetRate(VatKey(2), VatRate(500)).ok());  // does not touch key 1000
  EXPECT_EQ(table.Lookup(VatKey(1000))->slot, 1);
}

TEST(VatRateTest, FormatsTwoDecimals) {
  EXPECT_EQ(VatRate(1900).ToString(), "19.00");
  EXPECT_EQ(VatRate(550).ToString(), "5.50");
  EXPECT_EQ(VatRate(1070).ToString(), "10.70");
  EXPECT_EQ(VatRate(0).ToString(), "0.00");
  EXPECT_EQ(VatRate(1900).ToGermanString(), "19,00");
  EXPECT_EQ(VatRate(780).ToGermanString(), "7,80");
  EXPECT_EQ(VatRate(-5).ToString(), "-0.05");  // never produced by a table, but formats sanely
}

}  // namespace
}  // namespace kasse
