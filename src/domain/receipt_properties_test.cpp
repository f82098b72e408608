// Invariants that must hold for every receipt, checked on many generated ones.
// The generator is seeded, so a failure names a receipt that can be reproduced.
#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "domain/receipt_validation.h"
#include "domain/rounding.h"
#include "samples/reference_receipts.h"

namespace kasse {
namespace {

constexpr int kReceipts = 2000;
const VatTable kVat = VatTable::Germany();

class ReceiptGenerator {
 public:
  explicit ReceiptGenerator(uint32_t seed) : random_(seed) {}

  Receipt Next() {
    Receipt receipt;
    int lines = Uniform(1, 12);
    for (int i = 0; i < lines; ++i) receipt.lines.push_back(NextLine(i));
    Money items;
    for (const ReceiptLine& line : receipt.lines)
      items += *LineAmount(line.unit_price, line.quantity) - line.line_discount;
    if (Uniform(0, 3) == 0)
      receipt.receipt_discount = Money::FromCents(Uniform(0, static_cast<int>(items.cents() / 4)));
    return receipt;
  }

  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  // Pays `total` (positive for a sale, negative for a refund) with a random
  // split of girocard, voucher and cash; a sale's cash may include change.
  std::vector<Payment> Payments(Money total) {
    std::vector<Payment> payments;
    int64_t sign = total.is_negative() ? -1 : 1;
    int64_t due = sign * total.cents();
    int64_t non_cash = Uniform(0, static_cast<int>(due));
    int64_t card = Uniform(0, static_cast<int>(non_cash));
    if (card > 0) payments.push_back(samples::Pay(PaymentMethod::kGirocard, sign * card));
    if (non_cash > card) payments.push_back(samples::Pay(PaymentMethod::kVoucher, sign * (non_cash - card)));
    int64_t cash = due - non_cash;
    if (cash > 0 && sign > 0) cash += Uniform(0, 5000);  // change only on a sale, only if cash is needed
    if (cash > 0) payments.push_back(samples::Pay(PaymentMethod::kCash, sign * cash));
    std::shuffle(payments.begin(), payments.end(), random_);
    return payments;
  }

 private:
  ReceiptLine NextLine(int index) {
    static constexpr int kKeys[] = {1, 2, 3, 4, 5, 6, 7, 8, 11, 12};
    bool weighed = Uniform(0, 2) == 0;
    Quantity quantity = weighed ? Quantity::Milli(Unit::kKilogram, Uniform(1, 5000)) : Quantity::Pieces(Uniform(1, 20));
    ReceiptLine line =
        samples::Line("A" + std::to_string(index), "Artikel", quantity, Uniform(0, 100'000), kKeys[Uniform(0, 9)]);
    Money amount = *LineAmount(line.unit_price, line.quantity);
    if (Uniform(0, 4) == 0) line.line_discount = Money::FromCents(Uniform(0, static_cast<int>(amount.cents())));
    return line;
  }

  std::mt19937 random_;
};

Receipt AsReturn(Receipt receipt) {
  for (ReceiptLine& line : receipt.lines) line.quantity = -line.quantity;
  receipt.original = ReceiptReference{RegisterId("K1"), 1, ReceiptId("B1")};
  receipt.receipt_discount = Money::Zero();
  return receipt;
}

void ExpectConsistent(const ReceiptTotals& totals, const Receipt& receipt) {
  Money lines;
  Money shares;
  for (const LineTotals& line : totals.lines) {
    lines += line.gross;
    shares += line.receipt_discount;
    EXPECT_EQ(line.gross, line.amount - line.line_discount - line.receipt_discount);
  }
  EXPECT_EQ(lines, totals.total);
  EXPECT_EQ(shares, receipt.receipt_discount);
  Money vat_gross;
  for (const VatTotals& vat : totals.vat) {
    vat_gross += vat.gross;
    EXPECT_EQ(vat.net + vat.vat, vat.gross);
    // The VAT is within half a cent of the exact gross × rate / (100 % + rate).
    Int128 exact_times_2 = static_cast<Int128>(vat.gross.cents()) * vat.rate.basis_points() * 2;
    Int128 rounded_times_2 =
        static_cast<Int128>(vat.vat.cents()) * (VatRate::kHundredPercent + vat.rate.basis_points()) * 2;
    Int128 error = exact_times_2 - rounded_times_2;
    EXPECT_LE(error < 0 ? -error : error, VatRate::kHundredPercent + vat.rate.basis_points());
  }
  EXPECT_EQ(vat_gross, totals.total);
}

TEST(ReceiptPropertiesTest, TotalsAddUpOnEveryReceipt) {
  ReceiptGenerator generator(20261127);
  for (int i = 0; i < kReceipts; ++i) {
    Receipt receipt = generator.Next();
    Result<ReceiptTotals> bare = ComputeTotals(receipt, kVat);
    ASSERT_TRUE(bare.ok());
    receipt.payments = generator.Payments(bare->total);
    Result<ReceiptTotals> totals = ValidateReceipt(receipt, kVat);
    ASSERT_TRUE(totals.ok()) << "receipt " << i << ": " << totals.status().ToString();
    ExpectConsistent(*totals, receipt);
    EXPECT_EQ(totals->paid - totals->change, totals->total);
  }
}

TEST(ReceiptPropertiesTest, RefundsWithAnySplitAreAccepted) {
  ReceiptGenerator generator(1607);
  for (int i = 0; i < kReceipts; ++i) {
    Receipt refund = AsReturn(generator.Next());
    Result<ReceiptTotals> bare = ComputeTotals(refund, kVat);
    ASSERT_TRUE(bare.ok());
    refund.payments = generator.Payments(bare->total);
    Result<ReceiptTotals> totals = ValidateReceipt(refund, kVat);
    ASSERT_TRUE(totals.ok()) << "refund " << i << ": " << totals.status().ToString();
    ExpectConsistent(*totals, refund);
    EXPECT_EQ(totals->paid, totals->total);
    EXPECT_EQ(totals->change, Money::Zero());
  }
}

TEST(ReceiptPropertiesTest, ReturnMirrorsItsSaleToTheCent) {
  ReceiptGenerator generator(4711);
  for (int i = 0; i < kReceipts; ++i) {
    Receipt sale = generator.Next();
    sale.receipt_discount = Money::Zero();
    Result<ReceiptTotals> sold = ComputeTotals(sale, kVat);
    Result<ReceiptTotals> returned = ComputeTotals(AsReturn(sale), kVat);
    ASSERT_TRUE(sold.ok() && returned.ok());
    EXPECT_EQ(returned->total, -sold->total) << "receipt " << i;
    ASSERT_EQ(returned->vat.size(), sold->vat.size());
    for (size_t k = 0; k < sold->vat.size(); ++k) {
      EXPECT_EQ(returned->vat[k].net, -sold->vat[k].net) << "receipt " << i;
      EXPECT_EQ(returned->vat[k].vat, -sold->vat[k].vat) << "receipt " << i;
    }
  }
}

TEST(MoneyPropertiesTest, EveryAmountRoundTripsThroughText) {
  std::mt19937_64 random(99);
  std::uniform_int_distribution<int64_t> cents(-Money::kMaxCents, Money::kMaxCents);
  for (int i = 0; i < 10'000; ++i) {
    Money money = Money::FromCents(cents(random));
    ASSERT_EQ(*Money::Parse(money.ToString()), money);
    ASSERT_EQ(*Money::Parse(money.ToGermanString()), money);
  }
}

}  // namespace
}  // namespace kasse
