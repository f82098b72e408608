#include "fiscal/process_data.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "domain/receipt_validation.h"
#include "samples/reference_receipts.h"

namespace kasse::fiscal {
namespace {

const VatTable kVat = VatTable::Germany();

std::string ProcessDataOf(const Receipt& receipt) {
  Result<ReceiptTotals> totals = ValidateReceipt(receipt, kVat);
  EXPECT_TRUE(totals.ok()) << totals.status().ToString();
  return totals.ok() ? KassenbelegProcessData(receipt, *totals) : "";
}

SlotAmounts Slots(int64_t s1, int64_t s2, int64_t s3, int64_t s4, int64_t s5) {
  return {Money::FromCents(s1), Money::FromCents(s2), Money::FromCents(s3), Money::FromCents(s4), Money::FromCents(s5)};
}

// TV-1 [OFF]: the official example, in every input order of the payments.
TEST(ProcessDataTest, Tv1OfficialExampleInAnyPaymentOrder) {
  std::vector<ProcessDataPayment> payments = {{true, Money::FromCents(1000), "EUR"},
                                              {true, Money::FromCents(500), "CHF"},
                                              {true, Money::FromCents(500), "USD"},
                                              {false, Money::FromCents(6430), "EUR"}};
  auto by_currency = [](const ProcessDataPayment& a, const ProcessDataPayment& b) {
    return std::tie(a.currency, a.cash) < std::tie(b.currency, b.cash);
  };
  std::sort(payments.begin(), payments.end(), by_currency);
  int orders = 0;
  do {
    EXPECT_EQ(KassenbelegProcessData(ReceiptType::kBeleg, Slots(7533, 799, 0, 0, 0), payments),
              "Beleg^75.33_7.99_0.00_0.00_0.00^10.00:Bar_5.00:Bar:CHF_5.00:Bar:USD_64.30:Unbar");
    ++orders;
  } while (std::next_permutation(payments.begin(), payments.end(), by_currency));
  EXPECT_EQ(orders, 24);
}

// TV-1 again, from a receipt paid in three currencies and by card.
TEST(ProcessDataTest, Tv1FromAReceiptWithForeignCash) {
  Receipt receipt{ReceiptType::kBeleg,
                  {samples::Line("1", "Ware 19 %", Quantity::Pieces(1), 7533, 1),
                   samples::Line("2", "Ware 7 %", Quantity::Pieces(1), 799, 2)},
                  Money::Zero(),
                  {samples::Pay(PaymentMethod::kCreditCard, 6430), samples::PayForeignCash("USD", 500, 460),
                   samples::Pay(PaymentMethod::kCash, 1000), samples::PayForeignCash("CHF", 500, 442)},
                  std::nullopt};
  EXPECT_EQ(ProcessDataOf(receipt), "Beleg^75.33_7.99_0.00_0.00_0.00^10.00:Bar_5.00:Bar:CHF_5.00:Bar:USD_64.30:Unbar");
}

// TV-2 [OFF].
TEST(ProcessDataTest, Tv2AbortedReceipt) {
  EXPECT_EQ(ProcessDataOf(samples::Tv2Abort()), "AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^");
}

// TV-7: payments are net of change.
TEST(ProcessDataTest, Tv7CashSaleNetOfChange) {
  EXPECT_EQ(ProcessDataOf(samples::Tv7CashSale()), "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Bar");
}

// TV-8.
TEST(ProcessDataTest, Tv8SplitPayment) {
  EXPECT_EQ(ProcessDataOf(samples::Tv8SplitSale()), "Beleg^7.48_3.57_0.00_0.00_0.00^5.00:Bar_6.05:Unbar");
}

// TV-10.
TEST(ProcessDataTest, Tv10ReturnIsANegativeBeleg) {
  EXPECT_EQ(ProcessDataOf(samples::Tv10Return()), "Beleg^-2.49_0.00_0.00_0.00_0.00^-2.49:Bar");
}

TEST(ProcessDataTest, CardsAndVouchersAreSummedAsUnbar) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.payments = {samples::Pay(PaymentMethod::kVoucher, 500), samples::Pay(PaymentMethod::kGirocard, 605)};
  EXPECT_EQ(ProcessDataOf(receipt), "Beleg^7.48_3.57_0.00_0.00_0.00^11.05:Unbar");
}

TEST(ProcessDataTest, ChangeForForeignCashIsNegativeEuroCash) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.payments = {samples::PayForeignCash("CHF", 1500, 1400)};
  EXPECT_EQ(ProcessDataOf(receipt), "Beleg^7.48_3.57_0.00_0.00_0.00^-2.95:Bar_15.00:Bar:CHF");
}

TEST(ProcessDataTest, CardRefundIsNegativeUnbar) {
  Receipt receipt = samples::Tv10Return();
  receipt.payments = {samples::Pay(PaymentMethod::kGirocard, -249)};
  EXPECT_EQ(ProcessDataOf(receipt), "Beleg^-2.49_0.00_0.00_0.00_0.00^-2.49:Unbar");
}

TEST(ProcessDataTest, ForeignCashRefundKeepsItsCurrency) {
  Receipt receipt = samples::Tv10Return();
  receipt.payments = {samples::Pay(PaymentMethod::kCash, -49), samples::PayForeignCash("CHF", -200, -200)};
  EXPECT_EQ(ProcessDataOf(receipt), "Beleg^-2.49_0.00_0.00_0.00_0.00^-0.49:Bar_-2.00:Bar:CHF");
}

TEST(ProcessDataTest, PaymentsThatNetToZeroAreLeftOut) {
  // 5.00 euro cash that goes back entirely as change (+5.00 and −5.00) nets to
  // zero and is left out; the 10 CHF stay.
  std::vector<ProcessDataPayment> payments = {{true, Money::FromCents(500), "EUR"},
                                              {true, Money::FromCents(-500), "EUR"},
                                              {true, Money::FromCents(1000), "CHF"}};
  EXPECT_EQ(KassenbelegProcessData(ReceiptType::kBeleg, Slots(1005, 0, 0, 0, 0), payments),
            "Beleg^10.05_0.00_0.00_0.00_0.00^10.00:Bar:CHF");
}

TEST(ProcessDataTest, UnpaidInvoiceHasAnEmptyPaymentPart) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.type = ReceiptType::kAVRechnung;
  receipt.payments.clear();
  EXPECT_EQ(ProcessDataOf(receipt), "AVRechnung^7.48_3.57_0.00_0.00_0.00^");
}

TEST(ProcessDataTest, EveryKeyLandsInItsSlot) {
  Receipt receipt{
      ReceiptType::kBeleg,
      {samples::Line("1", "a", Quantity::Pieces(1), 100, 1), samples::Line("2", "b", Quantity::Pieces(1), 200, 2),
       samples::Line("3", "c", Quantity::Pieces(1), 300, 3), samples::Line("4", "d", Quantity::Pieces(1), 400, 4),
       samples::Line("5", "e", Quantity::Pieces(1), 500, 6), samples::Line("6", "f", Quantity::Pieces(1), 50, 11),
       samples::Line("7", "g", Quantity::Pieces(1), 5, 8)},
      Money::Zero(),
      {samples::Pay(PaymentMethod::kCash, 1555)},
      std::nullopt};
  EXPECT_EQ(ProcessDataOf(receipt), "Beleg^1.50_2.00_3.00_4.00_5.05^15.55:Bar");
}

TEST(ProcessDataTest, TrainingReceiptCarriesItsType) {
  Receipt receipt = samples::Tv7CashSale();
  receipt.type = ReceiptType::kAVTraining;
  EXPECT_EQ(ProcessDataOf(receipt), "AVTraining^7.48_3.57_0.00_0.00_0.00^11.05:Bar");
}

TEST(CashMovementProcessDataTest, PutsTheAmountInSlotFiveAndCash) {
  EXPECT_EQ(CashMovementProcessData(Money::FromCents(5000)), "Beleg^0.00_0.00_0.00_0.00_50.00^50.00:Bar");
  EXPECT_EQ(CashMovementProcessData(Money::FromCents(-2000)), "Beleg^0.00_0.00_0.00_0.00_-20.00^-20.00:Bar");
}

}  // namespace
}  // namespace kasse::fiscal
