#include "domain/receipt_totals.h"

#include <gtest/gtest.h>

#include "samples/reference_receipts.h"

namespace kasse {
namespace {

using samples::Line;
using samples::Pay;

const VatTable kVat = VatTable::Germany();

TEST(ReceiptTotalsTest, Tv7SplitsVatOncePerKey) {
  Result<ReceiptTotals> totals = ComputeTotals(samples::Tv7CashSale(), kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->total, Money::FromCents(1105));
  ASSERT_EQ(totals->vat.size(), 2u);
  const VatTotals& general = totals->vat[0];
  EXPECT_EQ(general.key, VatKey(1));
  EXPECT_EQ(general.slot, 1);
  EXPECT_EQ(general.gross, Money::FromCents(748));
  EXPECT_EQ(general.net, Money::FromCents(629));
  EXPECT_EQ(general.vat, Money::FromCents(119));  // TV-9: not 1.20 as per line
  const VatTotals& reduced = totals->vat[1];
  EXPECT_EQ(reduced.gross, Money::FromCents(357));
  EXPECT_EQ(reduced.net, Money::FromCents(334));
  EXPECT_EQ(reduced.vat, Money::FromCents(23));  // TV-9: not 0.24 as per unit
  EXPECT_EQ(totals->paid, Money::FromCents(2000));
  EXPECT_EQ(totals->change, Money::FromCents(895));
}

TEST(ReceiptTotalsTest, LineDiscountReducesTheLine) {
  Receipt receipt{ReceiptType::kBeleg,
                  {Line("1", "Gouda", Quantity::Milli(Unit::kKilogram, 755), 1299, 2)},
                  Money::Zero(),
                  {},
                  std::nullopt};
  receipt.lines[0].line_discount = Money::FromCents(98);
  Result<ReceiptTotals> totals = ComputeTotals(receipt, kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->lines[0].amount, Money::FromCents(981));  // 9.80745
  EXPECT_EQ(totals->lines[0].gross, Money::FromCents(883));
  EXPECT_EQ(totals->total, Money::FromCents(883));
}

TEST(ReceiptTotalsTest, ReturnedLineDiscountMirrorsTheSale) {
  Receipt receipt = samples::Tv10Return();
  receipt.lines[0].line_discount = Money::FromCents(50);
  Result<ReceiptTotals> totals = ComputeTotals(receipt, kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->lines[0].line_discount, Money::FromCents(-50));
  EXPECT_EQ(totals->total, Money::FromCents(-199));
}

TEST(ReceiptTotalsTest, ReceiptDiscountIsSpreadExactlyByLargestRemainder) {
  // 1.00 off 3.57 + 2.49 + 4.99 = 11.05: shares 0.3231, 0.2253, 0.4516 → 0.32, 0.23, 0.45.
  Receipt receipt = samples::Tv7CashSale();
  receipt.receipt_discount = Money::FromCents(100);
  Result<ReceiptTotals> totals = ComputeTotals(receipt, kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->lines[0].receipt_discount, Money::FromCents(32));
  EXPECT_EQ(totals->lines[1].receipt_discount, Money::FromCents(23));
  EXPECT_EQ(totals->lines[2].receipt_discount, Money::FromCents(45));
  EXPECT_EQ(totals->total, Money::FromCents(1005));
  EXPECT_EQ(totals->vat[0].gross, Money::FromCents(680));  // 7.48 − 0.23 − 0.45
  EXPECT_EQ(totals->vat[1].gross, Money::FromCents(325));  // 3.57 − 0.32
}

TEST(ReceiptTotalsTest, ReceiptDiscountTiesGoToEarlierLines) {
  Receipt receipt{ReceiptType::kBeleg,
                  {Line("1", "A", Quantity::Pieces(1), 100, 1), Line("2", "B", Quantity::Pieces(1), 100, 1),
                   Line("3", "C", Quantity::Pieces(1), 100, 1)},
                  Money::FromCents(2),
                  {},
                  std::nullopt};
  Result<ReceiptTotals> totals = ComputeTotals(receipt, kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->lines[0].receipt_discount, Money::FromCents(1));
  EXPECT_EQ(totals->lines[1].receipt_discount, Money::FromCents(1));
  EXPECT_EQ(totals->lines[2].receipt_discount, Money::FromCents(0));
}

TEST(ReceiptTotalsTest, ReceiptDiscountSkipsReturnedLines) {
  Receipt receipt{ReceiptType::kBeleg,
                  {Line("1", "A", Quantity::Pieces(1), 1000, 1), Line("2", "B", Quantity::Pieces(-1), 500, 1)},
                  Money::FromCents(100),
                  {},
                  ReceiptReference{RegisterId("K1"), 1, ReceiptId("B1")}};
  Result<ReceiptTotals> totals = ComputeTotals(receipt, kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->lines[0].receipt_discount, Money::FromCents(100));
  EXPECT_EQ(totals->lines[1].receipt_discount, Money::Zero());
  EXPECT_EQ(totals->total, Money::FromCents(400));
}

TEST(ReceiptTotalsTest, NoChangeOnARefund) {
  Result<ReceiptTotals> totals = ComputeTotals(samples::Tv10Return(), kVat);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->total, Money::FromCents(-249));
  EXPECT_EQ(totals->vat[0].net, Money::FromCents(-209));
  EXPECT_EQ(totals->vat[0].vat, Money::FromCents(-40));
  EXPECT_EQ(totals->change, Money::Zero());
}

TEST(ReceiptTotalsTest, UnknownVatKeyFails) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.lines[0].vat_key = VatKey(9);
  EXPECT_TRUE(ComputeTotals(receipt, kVat).status().IsNotFound());
}

}  // namespace
}  // namespace kasse
