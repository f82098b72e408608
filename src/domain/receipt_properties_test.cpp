// Invariants that must hold for every receipt, checked on many generated ones.
// The generator is seeded, so a failure names a receipt that can be reproduced.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <vector>

#include <climits>
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

// Receipts built from extreme and arbitrary values: validation must answer with a
// Status (never throw, never trip the sanitizers), and whatever it accepts must
// be consistent.
class HostileReceiptGenerator {
 public:
  explicit HostileReceiptGenerator(uint64_t seed) : random_(seed) {}

  Receipt Next() {
    Receipt receipt;
    receipt.type = static_cast<ReceiptType>(Pick(0, 8));
    size_t lines = static_cast<size_t>(Pick(0, 4));
    for (size_t i = 0; i < lines; ++i) receipt.lines.push_back(NextLine());
    receipt.receipt_discount = Money::FromCents(Amount());
    for (int64_t i = Pick(0, 3); i > 0; --i) receipt.payments.push_back(NextPayment());
    if (Pick(0, 1) == 1)
      receipt.original = ReceiptReference{RegisterId("K1"), Amount(), ReceiptId(Pick(0, 1) ? "B1" : "")};
    return receipt;
  }

 private:
  int64_t Pick(int64_t low, int64_t high) { return std::uniform_int_distribution<int64_t>(low, high)(random_); }

  int64_t Amount() {
    static constexpr int64_t kEdges[] = {
        INT64_MIN,        INT64_MIN + 1,        -Money::kMaxCents - 1, -1,       0, 1, 249,
        Money::kMaxCents, Money::kMaxCents + 1, INT64_MAX - 1,         INT64_MAX};
    if (Pick(0, 2) == 0) return kEdges[Pick(0, std::size(kEdges) - 1)];
    return Pick(-100'000, 100'000);
  }

  ReceiptLine NextLine() {
    ReceiptLine line = samples::Line("A", Pick(0, 5) == 0 ? "\x01" : "Artikel",
                                     Quantity::Milli(static_cast<Unit>(Pick(0, 3)), Amount()), Amount(),
                                     static_cast<int>(Pick(-1, 45)));
    line.line_discount = Money::FromCents(Amount());
    return line;
  }

  Payment NextPayment() {
    Payment payment = samples::Pay(static_cast<PaymentMethod>(Pick(0, 3)), Amount());
    if (Pick(0, 3) == 0) payment.foreign = ForeignAmount{Pick(0, 1) ? "CHF" : "EUR", Money::FromCents(Amount())};
    return payment;
  }

  std::mt19937_64 random_;
};

TEST(ReceiptPropertiesTest, HostileReceiptsGetAStatusNeverAnException) {
  HostileReceiptGenerator generator(271828);
  int accepted = 0;
  for (int i = 0; i < 20'000; ++i) {
    Receipt receipt = generator.Next();
    Result<ReceiptTotals> totals = Status::Internal("not run");
    ASSERT_NO_THROW(totals = ValidateReceipt(receipt, kVat)) << "receipt " << i;
    if (!totals.ok()) {
      EXPECT_FALSE(totals.status().message().empty());
      continue;
    }
    ++accepted;
    ExpectConsistent(*totals, receipt);
  }
  EXPECT_GT(accepted, 0);  // the generator also reaches valid receipts
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
