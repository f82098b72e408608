#include "register/sale.h"

#include <gtest/gtest.h>

#include "samples/reference_receipts.h"

namespace kasse::reg {
namespace {

const SaleItem kMilk{ArticleNumber("100234"), "Milch 1L", Money::FromCents(119), VatKey(2), ProductGroupId("10")};
const SaleItem kSoap{ArticleNumber("200111"), "Spülmittel", Money::FromCents(249), VatKey(1), ProductGroupId("20")};
const SaleItem kCheese{ArticleNumber("300555"), "Bergkäse", Money::FromCents(2490), VatKey(2), ProductGroupId("30")};
const journal::Approval kManager{"M1", "Mindesthaltbarkeit"};

class SaleTest : public ::testing::Test {
 protected:
  Sale NewSale() { return Sale(vat_, journal::ReceiptEntry{}); }
  Sale WithMilkAndSoap() {
    Sale sale = NewSale();
    Status added = sale.AddItem(kMilk, Quantity::Pieces(3));
    EXPECT_TRUE(added.ok()) << added.ToString();
    EXPECT_TRUE(sale.AddItem(kSoap, Quantity::Pieces(1)).ok());
    return sale;
  }
  VatTable vat_ = VatTable::Germany();
};

// Issue 10, item 19: a cash tender of 99,999,999,999,999.99 EUR was taken.
TEST_F(SaleTest, TendersAreBounded) {
  Sale sale = WithMilkAndSoap();  // 6.06
  Status absurd = sale.AddPayment(samples::Pay(PaymentMethod::kCash, 9'999'999'999'999'999));
  EXPECT_TRUE(absurd.IsInvalidArgument()) << absurd.ToString();
  EXPECT_EQ(absurd.field(), "amount");
  EXPECT_FALSE(sale.has_payments());
  Status too_much_change = sale.AddPayment(samples::Pay(PaymentMethod::kCash, 6'06 + kMaxChangeCents + 1));
  EXPECT_TRUE(too_much_change.IsInvalidArgument()) << too_much_change.ToString();
  EXPECT_NE(too_much_change.message().find("change"), std::string::npos) << too_much_change.message();
  EXPECT_FALSE(sale.has_payments());
  ASSERT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kCash, 500'00)).ok());  // a 500 EUR note
  EXPECT_TRUE(sale.CheckComplete().ok());
}

TEST_F(SaleTest, RejectedStepsLeaveTheSaleUnchanged) {
  Sale sale = WithMilkAndSoap();
  const std::string before = sale.draft().receipt.lines[0].text;
  SaleItem negative = kMilk;
  negative.unit_price = Money::FromCents(-1);
  EXPECT_TRUE(sale.AddItem(negative, Quantity::Pieces(1)).IsInvalidArgument());
  EXPECT_TRUE(sale.AddItem(kMilk, Quantity::Pieces(0)).IsInvalidArgument());
  EXPECT_TRUE(sale.AddItem(kMilk, Quantity::Pieces(-1)).IsInvalidArgument());
  EXPECT_TRUE(sale.AddItem(kMilk, Quantity::Milli(Unit::kPiece, 1500)).IsInvalidArgument());
  SaleItem unknown_vat = kMilk;
  unknown_vat.vat_key = VatKey(9);
  EXPECT_FALSE(sale.AddItem(unknown_vat, Quantity::Pieces(1)).ok());
  EXPECT_TRUE(sale.SetQuantity(5, Quantity::Pieces(1)).IsNotFound());
  EXPECT_TRUE(sale.VoidLine(2).IsNotFound());
  EXPECT_EQ(sale.draft().receipt.lines.size(), 2u);
  EXPECT_EQ(sale.Totals()->total.cents(), 606);
}

TEST_F(SaleTest, DiscountsNeedAManagerAndAReason) {
  Sale sale = WithMilkAndSoap();
  EXPECT_TRUE(sale.SetLineDiscount(0, Money::FromCents(50), {"", "x"}).IsInvalidArgument());
  EXPECT_TRUE(sale.SetLineDiscount(0, Money::FromCents(50), {"M1", ""}).IsInvalidArgument());
  EXPECT_TRUE(sale.SetLineDiscount(0, Money::FromCents(1000), kManager).IsInvalidArgument());  // beyond the line
  ASSERT_TRUE(sale.SetLineDiscount(0, Money::FromCents(57), kManager).ok());
  ASSERT_TRUE(sale.SetReceiptDiscount(Money::FromCents(49), kManager).ok());
  EXPECT_EQ(sale.Totals()->total.cents(), 500);
  EXPECT_EQ(sale.draft().discount_approval->manager_id, "M1");
}

TEST_F(SaleTest, PaymentsSettleTheSale) {
  Sale sale = WithMilkAndSoap();
  EXPECT_FALSE(sale.CheckComplete().ok());
  EXPECT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kGirocard, 700)).IsInvalidArgument());  // card overpays
  ASSERT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kGirocard, 106)).ok());
  EXPECT_EQ(sale.Due().cents(), 500);
  EXPECT_FALSE(sale.CheckComplete().ok());
  EXPECT_EQ(sale.AddItem(kMilk, Quantity::Pieces(1)).code(), Status::Code::kConflict);  // being paid
  ASSERT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kCash, 1000)).ok());
  ASSERT_TRUE(sale.CheckComplete().ok());
  journal::ReceiptEntry done = sale.Complete();
  EXPECT_EQ(done.total.cents(), 606);
  EXPECT_EQ(done.change.cents(), 500);
  ASSERT_EQ(done.vat.size(), 2u);
}

TEST_F(SaleTest, VoidingEveryLineLeavesAnEmptySale) {
  Sale sale = WithMilkAndSoap();
  ASSERT_TRUE(sale.VoidLine(1).ok());
  ASSERT_TRUE(sale.VoidLine(0).ok());
  EXPECT_TRUE(sale.empty());
  EXPECT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kCash, 100)).IsInvalidArgument());
}

TEST_F(SaleTest, WeighedGoodsAreRoundedToTheCent) {
  Sale sale = NewSale();
  SaleItem apples{ArticleNumber("4133"), "Äpfel", Money::FromCents(299), VatKey(2), ProductGroupId("40")};
  ASSERT_TRUE(sale.AddItem(apples, Quantity::Milli(Unit::kKilogram, 755)).ok());
  EXPECT_EQ(sale.Totals()->total.cents(), 226);  // 2.99 × 0.755 = 2.25745
}

TEST_F(SaleTest, ReturnTakesOnlyNegativeQuantities) {
  Sale sale = NewSale();
  ASSERT_TRUE(sale.MakeReturn(std::nullopt).ok());
  EXPECT_TRUE(sale.draft().receipt.return_without_receipt);
  EXPECT_TRUE(sale.AddItem(kCheese, Quantity::Pieces(1)).IsInvalidArgument());
  ASSERT_TRUE(sale.AddItem(kCheese, Quantity::Pieces(-1)).ok());
  EXPECT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kCash, 2490)).IsInvalidArgument());  // wrong sign
  ASSERT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kCash, -2490)).ok());
  EXPECT_TRUE(sale.CheckComplete().ok());
  EXPECT_EQ(sale.MakeReturn(std::nullopt).code(), Status::Code::kConflict);
}

TEST_F(SaleTest, AbortKeepsTheLinesAndDropsThePayments) {
  Sale sale = WithMilkAndSoap();
  ASSERT_TRUE(sale.AddPayment(samples::Pay(PaymentMethod::kGirocard, 100)).ok());
  journal::ReceiptEntry aborted = sale.Abort();
  EXPECT_EQ(aborted.receipt.type, ReceiptType::kAVBelegabbruch);
  EXPECT_TRUE(aborted.receipt.payments.empty());
  EXPECT_EQ(aborted.receipt.lines.size(), 2u);
  EXPECT_EQ(aborted.total.cents(), 606);
}

}  // namespace
}  // namespace kasse::reg
