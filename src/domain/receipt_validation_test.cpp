#include "domain/receipt_validation.h"

#include <functional>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "domain/receipt_limits.h"
#include "samples/reference_receipts.h"

namespace kasse {
namespace {

using samples::Line;
using samples::Pay;

const VatTable kVat = VatTable::Germany();

// One broken input: how to break a valid receipt, and the error it must give.
struct RejectCase {
  const char* name;
  std::function<Receipt()> make;
  Status::Code code;
  const char* field;
  const char* message_part;
};

void PrintTo(const RejectCase& c, std::ostream* os) { *os << c.name; }

Receipt Sale(std::function<void(Receipt&)> change) {
  Receipt receipt = samples::Tv7CashSale();
  change(receipt);
  return receipt;
}

Receipt Return(std::function<void(Receipt&)> change) {
  Receipt receipt = samples::Tv10Return();
  change(receipt);
  return receipt;
}

using C = Status::Code;

const RejectCase kRejectCases[] = {
    {"NegativePrice", [] { return Sale([](Receipt& r) { r.lines[1].unit_price = Money::FromCents(-249); }); },
     C::kInvalidArgument, "lines[1].unit_price", "must not be negative"},
    {"PriceAboveLimit",
     [] { return Sale([](Receipt& r) { r.lines[0].unit_price = Money::FromCents(limits::kMaxUnitPriceCents + 1); }); },
     C::kOutOfRange, "lines[0].unit_price", "largest unit price"},
    {"PaymentsShortOfTotal", [] { return Sale([](Receipt& r) { r.payments = {Pay(PaymentMethod::kCash, 1104)}; }); },
     C::kInvalidArgument, "payments", "do not cover the total of 11.05"},
    {"NoPaymentOnASale", [] { return Sale([](Receipt& r) { r.payments.clear(); }); }, C::kInvalidArgument, "payments",
     "is not paid"},
    {"ChangeOnACardPayment",
     [] { return Sale([](Receipt& r) { r.payments = {Pay(PaymentMethod::kGirocard, 2000)}; }); }, C::kInvalidArgument,
     "payments[0].amount", "only cash gives change"},
    {"ChangeOnSplitCards",
     [] {
       return Sale([](Receipt& r) {
         r.payments = {Pay(PaymentMethod::kCreditCard, 600), Pay(PaymentMethod::kVoucher, 600)};
       });
     },
     C::kInvalidArgument, "payments[1].amount", "only cash gives change"},
    {"UnknownVatKey", [] { return Sale([](Receipt& r) { r.lines[2].vat_key = VatKey(9); }); }, C::kNotFound,
     "lines[2].vat_key", "unknown VAT key 9"},
    {"ZeroQuantity", [] { return Sale([](Receipt& r) { r.lines[0].quantity = Quantity::Pieces(0); }); },
     C::kInvalidArgument, "lines[0].quantity", "must not be zero"},
    {"FractionalPieces",
     [] { return Sale([](Receipt& r) { r.lines[0].quantity = Quantity::Milli(Unit::kPiece, 1500); }); },
     C::kInvalidArgument, "lines[0].quantity", "whole number of pieces"},
    {"HugeQuantity",
     [] {
       return Sale(
           [](Receipt& r) { r.lines[0].quantity = Quantity::Milli(Unit::kKilogram, limits::kMaxQuantityMilli + 1); });
     },
     C::kOutOfRange, "lines[0].quantity", "largest quantity"},
    {"EmptyText", [] { return Sale([](Receipt& r) { r.lines[0].text = ""; }); }, C::kInvalidArgument, "lines[0].text",
     "must not be empty"},
    {"ControlCharacterInText", [] { return Sale([](Receipt& r) { r.lines[0].text = "Milch\r\n;DROP"; }); },
     C::kInvalidArgument, "lines[0].text", "control character"},
    {"InvalidUtf8InArticle", [] { return Sale([](Receipt& r) { r.lines[1].article = ArticleNumber("\xff\xfe"); }); },
     C::kInvalidArgument, "lines[1].article", "invalid UTF-8"},
    {"OversizedText", [] { return Sale([](Receipt& r) { r.lines[0].text = std::string(10'000, 'x'); }); },
     C::kInvalidArgument, "lines[0].text", "longer than 255"},
    {"ArticleNumberTooLongForDsfinvk",
     [] { return Sale([](Receipt& r) { r.lines[0].article = ArticleNumber(std::string(51, '7')); }); },
     C::kInvalidArgument, "lines[0].article", "longer than 50"},
    {"ProductGroupTooLongForDsfinvk",
     [] { return Sale([](Receipt& r) { r.lines[0].product_group = ProductGroupId(std::string(41, 'g')); }); },
     C::kInvalidArgument, "lines[0].product_group", "longer than 40"},
    {"OriginalReceiptIdTooLongForDsfinvk",
     [] { return Return([](Receipt& r) { r.original->receipt_id = ReceiptId(std::string(41, 'b')); }); },
     C::kInvalidArgument, "original.receipt_id", "longer than 40"},
    {"OriginalRegisterIdTooLongForDsfinvk",
     [] { return Return([](Receipt& r) { r.original->register_id = RegisterId(std::string(51, 'k')); }); },
     C::kInvalidArgument, "original.register_id", "longer than 50"},
    {"BadProductGroup", [] { return Sale([](Receipt& r) { r.lines[0].product_group = ProductGroupId("a\tb"); }); },
     C::kInvalidArgument, "lines[0].product_group", "control character"},
    {"NegativeLineDiscount", [] { return Sale([](Receipt& r) { r.lines[0].line_discount = Money::FromCents(-1); }); },
     C::kInvalidArgument, "lines[0].line_discount", "must not be negative"},
    {"LineDiscountAboveAmount",
     [] { return Sale([](Receipt& r) { r.lines[0].line_discount = Money::FromCents(358); }); }, C::kInvalidArgument,
     "lines[0].line_discount", "exceeds the line amount 3.57"},
    {"NegativeReceiptDiscount", [] { return Sale([](Receipt& r) { r.receipt_discount = Money::FromCents(-5); }); },
     C::kInvalidArgument, "receipt_discount", "must not be negative"},
    {"ReceiptDiscountAboveItems", [] { return Sale([](Receipt& r) { r.receipt_discount = Money::FromCents(1106); }); },
     C::kInvalidArgument, "receipt_discount", "exceeds the 11.05"},
    {"AbsurdReceiptDiscount", [] { return Sale([](Receipt& r) { r.receipt_discount = Money::FromCents(INT64_MAX); }); },
     C::kOutOfRange, "receipt_discount", "too large"},
    {"NoLines", [] { return Sale([](Receipt& r) { r.lines.clear(); }); }, C::kInvalidArgument, "lines",
     "at least one line"},
    {"TooManyLines", [] { return Sale([](Receipt& r) { r.lines.resize(limits::kMaxLines + 1, r.lines[0]); }); },
     C::kOutOfRange, "lines", "at most 1000"},
    {"TooManyPayments",
     [] { return Sale([](Receipt& r) { r.payments.assign(limits::kMaxPayments + 1, Pay(PaymentMethod::kCash, 1)); }); },
     C::kOutOfRange, "payments", "at most 20"},
    {"OverflowingPayments",
     [] {
       return Sale([](Receipt& r) {
         r.payments = {Pay(PaymentMethod::kCash, INT64_MAX), Pay(PaymentMethod::kCash, INT64_MAX)};
       });
     },
     C::kOutOfRange, "payments[0].amount", "too large"},
    {"SmallestPossiblePayment",
     [] { return Sale([](Receipt& r) { r.payments = {Pay(PaymentMethod::kCash, INT64_MIN)}; }); }, C::kOutOfRange,
     "payments[0].amount", "too large"},
    {"SmallestPossibleForeignAmount",
     [] { return Sale([](Receipt& r) { r.payments = {samples::PayForeignCash("CHF", INT64_MIN, 2000)}; }); },
     C::kOutOfRange, "payments[0].foreign.amount", "too large"},
    {"CashNotNeeded",
     [] {
       return Sale([](Receipt& r) {
         r.payments = {Pay(PaymentMethod::kGirocard, 1105), Pay(PaymentMethod::kCash, 500)};
       });
     },
     C::kInvalidArgument, "payments", "cash would all go back as change"},
    {"OverpaidInvoice",
     [] {
       return Sale([](Receipt& r) {
         r.type = ReceiptType::kAVRechnung;
         r.payments = {Pay(PaymentMethod::kGirocard, 1106)};
       });
     },
     C::kInvalidArgument, "payments[0].amount", "only cash gives change"},
    {"InvoiceOverpaidInCash",
     [] {
       return Sale([](Receipt& r) {
         r.type = ReceiptType::kAVRechnung;
         r.payments = {Pay(PaymentMethod::kCash, 2000)};
       });
     },
     C::kInvalidArgument, "payments", "exceed the open 11.05 of this AVRechnung"},
    {"TrainingNotPaid",
     [] {
       return Sale([](Receipt& r) {
         r.type = ReceiptType::kAVTraining;
         r.payments.clear();
       });
     },
     C::kInvalidArgument, "payments", "is not paid"},
    {"ZeroPayment", [] { return Sale([](Receipt& r) { r.payments.push_back(Pay(PaymentMethod::kGirocard, 0)); }); },
     C::kInvalidArgument, "payments[1].amount", "must not be zero"},
    {"RefundOnASale", [] { return Sale([](Receipt& r) { r.payments.push_back(Pay(PaymentMethod::kCash, -100)); }); },
     C::kInvalidArgument, "payments[1].amount", "not refunds"},
    {"ForeignCard",
     [] {
       return Sale([](Receipt& r) {
         r.payments = {
             {PaymentMethod::kCreditCard, Money::FromCents(1105), ForeignAmount{"CHF", Money::FromCents(1200)}}};
       });
     },
     C::kInvalidArgument, "payments[0].foreign", "cash only"},
    {"ForeignEuro", [] { return Sale([](Receipt& r) { r.payments = {samples::PayForeignCash("EUR", 2000, 2000)}; }); },
     C::kInvalidArgument, "payments[0].foreign.currency", "not a foreign currency"},
    {"ForeignCodeMalformed",
     [] { return Sale([](Receipt& r) { r.payments = {samples::PayForeignCash("chf", 2000, 2000)}; }); },
     C::kInvalidArgument, "payments[0].foreign.currency", "ISO 4217"},
    {"ForeignAmountWrongSign",
     [] { return Sale([](Receipt& r) { r.payments = {samples::PayForeignCash("CHF", -2000, 2000)}; }); },
     C::kInvalidArgument, "payments[0].foreign.amount", "sign"},
    {"Storno", [] { return Sale([](Receipt& r) { r.type = ReceiptType::kAVBelegstorno; }); }, C::kInvalidArgument,
     "type", "cannot be signed by a TSE"},
    {"AbortWithPayment",
     [] {
       Receipt r = samples::Tv2Abort();
       r.payments = {Pay(PaymentMethod::kCash, 100)};
       return r;
     },
     C::kInvalidArgument, "payments", "aborted receipt takes no payment"},
    {"ReturnWithoutOriginal", [] { return Return([](Receipt& r) { r.original.reset(); }); }, C::kInvalidArgument,
     "original", "needs the original receipt"},
    {"ReturnWithoutReceiptNamingAnOriginal", [] { return Return([](Receipt& r) { r.return_without_receipt = true; }); },
     C::kInvalidArgument, "original", "cannot also name an original"},
    {"ReturnWithoutReceiptReturningNothing", [] { return Sale([](Receipt& r) { r.return_without_receipt = true; }); },
     C::kInvalidArgument, "return_without_receipt", "must return an item"},
    {"OriginalWithoutReturnedItem",
     [] { return Sale([](Receipt& r) { r.original = samples::Tv10Return().original; }); }, C::kInvalidArgument,
     "original", "must return an item"},
    {"OriginalWithoutReceiptId", [] { return Return([](Receipt& r) { r.original->receipt_id = ReceiptId(""); }); },
     C::kInvalidArgument, "original.receipt_id", "must not be empty"},
    {"OriginalWithoutClosing", [] { return Return([](Receipt& r) { r.original->closing_number = 0; }); },
     C::kInvalidArgument, "original.closing_number", "1 or more"},
    {"RefundTooSmall", [] { return Return([](Receipt& r) { r.payments = {Pay(PaymentMethod::kCash, -200)}; }); },
     C::kInvalidArgument, "payments", "do not add up to the -2.49 returned"},
    {"PositivePaymentOnARefund",
     [] { return Return([](Receipt& r) { r.payments = {Pay(PaymentMethod::kCash, 249)}; }); }, C::kInvalidArgument,
     "payments[0].amount", "refund is paid out as a negative amount"},
    {"NothingDueButPaid",
     [] {
       return Return([](Receipt& r) {
         r.lines.push_back(Line("200117", "Spülmittel", Quantity::Pieces(1), 249, 1));  // exchanged for the same
       });
     },
     C::kInvalidArgument, "payments", "nothing is due"},
};

class ReceiptRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(ReceiptRejectTest, NamesTheFieldAndSaysWhy) {
  const RejectCase& c = GetParam();
  Result<ReceiptTotals> result = ValidateReceipt(c.make(), kVat);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), c.code) << result.status().ToString();
  EXPECT_EQ(result.status().field(), c.field) << result.status().ToString();
  EXPECT_NE(result.status().message().find(c.message_part), std::string::npos) << result.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Cases, ReceiptRejectTest, ::testing::ValuesIn(kRejectCases),
                         [](const ::testing::TestParamInfo<RejectCase>& param_info) { return param_info.param.name; });

TEST(ReceiptValidationTest, ReferenceReceiptsAreAccepted) {
  for (const Receipt& receipt :
       {samples::Tv7CashSale(), samples::Tv8SplitSale(), samples::Tv10Return(), samples::Tv2Abort()}) {
    Result<ReceiptTotals> result = ValidateReceipt(receipt, kVat);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
  }
}

TEST(ReceiptValidationTest, ReturnWithoutReceiptIsAcceptedWhenFlagged) {
  Receipt r = samples::Tv10Return();
  r.original.reset();
  r.return_without_receipt = true;
  Result<ReceiptTotals> totals = ValidateReceipt(r, VatTable::Germany());
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->total.cents(), -249);
}

TEST(ReceiptValidationTest, BeforePaymentAcceptsAnUnpaidSale) {
  Receipt r = samples::Tv7CashSale();
  r.payments.clear();
  EXPECT_FALSE(ValidateReceipt(r, VatTable::Germany()).ok());
  Result<ReceiptTotals> totals = ValidateReceiptBeforePayment(r, VatTable::Germany());
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->total.cents(), 1105);
}

TEST(ReceiptValidationTest, InvoiceOrderAndBenefitInKindMayStayOpen) {
  for (ReceiptType type : {ReceiptType::kAVRechnung, ReceiptType::kAVBestellung, ReceiptType::kAVSachbezug,
                           ReceiptType::kAVSonstige, ReceiptType::kAVTransfer}) {
    Receipt unpaid = Sale([type](Receipt& r) {
      r.type = type;
      r.payments.clear();
    });
    Result<ReceiptTotals> result = ValidateReceipt(unpaid, kVat);
    ASSERT_TRUE(result.ok()) << ReceiptTypeName(type) << ": " << result.status().ToString();
    EXPECT_EQ(result->paid, Money::Zero());
    Receipt part_paid = unpaid;
    part_paid.payments = {Pay(PaymentMethod::kCash, 500)};
    result = ValidateReceipt(part_paid, kVat);
    ASSERT_TRUE(result.ok()) << ReceiptTypeName(type) << ": " << result.status().ToString();
    EXPECT_EQ(result->change, Money::Zero());
  }
}

TEST(ReceiptValidationTest, ExactCardPaymentNeedsNoCash) {
  Receipt receipt = Sale([](Receipt& r) { r.payments = {Pay(PaymentMethod::kCreditCard, 1105)}; });
  Result<ReceiptTotals> result = ValidateReceipt(receipt, kVat);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->change, Money::Zero());
}

TEST(ReceiptValidationTest, CashOnTopOfACardGivesChange) {
  Receipt receipt = Sale([](Receipt& r) {
    r.payments = {Pay(PaymentMethod::kGirocard, 605), Pay(PaymentMethod::kCash, 1000)};
  });
  Result<ReceiptTotals> result = ValidateReceipt(receipt, kVat);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->change, Money::FromCents(500));
}

TEST(ReceiptValidationTest, ExchangeOfEqualValueNeedsNoPayment) {
  Receipt receipt = Return([](Receipt& r) {
    r.lines.push_back(Line("200118", "Spülmittel Zitrone", Quantity::Pieces(1), 249, 1));
    r.payments.clear();
  });
  Result<ReceiptTotals> result = ValidateReceipt(receipt, kVat);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total, Money::Zero());
}

TEST(ReceiptValidationTest, WeighedGoodsAndFullDiscountAreFine) {
  Receipt receipt{ReceiptType::kBeleg,
                  {Line("281234", "Gouda", Quantity::Milli(Unit::kKilogram, 755), 1299, 2, "Käse")},
                  Money::Zero(),
                  {Pay(PaymentMethod::kCash, 1000)},
                  std::nullopt};
  ASSERT_TRUE(ValidateReceipt(receipt, kVat).ok());
  receipt.lines[0].line_discount = Money::FromCents(981);  // given away
  receipt.payments.clear();
  Result<ReceiptTotals> result = ValidateReceipt(receipt, kVat);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total, Money::Zero());
}

TEST(ReceiptValidationTest, LargestReceiptStaysExact) {
  Receipt receipt = Sale([](Receipt& r) {
    r.lines.assign(limits::kMaxLines, Line("1", "Gold", Quantity::Milli(Unit::kKilogram, limits::kMaxQuantityMilli),
                                           limits::kMaxUnitPriceCents, 1));
    r.payments = {Pay(PaymentMethod::kCash, 100'000'000'000'000'000)};
  });
  Result<ReceiptTotals> result = ValidateReceipt(receipt, kVat);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total, Money::FromCents(100'000'000'000'000'000));
}

}  // namespace
}  // namespace kasse
