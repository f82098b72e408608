#include "samples/reference_receipts.h"

namespace kasse::samples {

ReceiptLine Line(std::string article, std::string text, Quantity quantity, int64_t unit_price_cents, int vat_key,
                 std::string product_group) {
  return {ArticleNumber(std::move(article)),       std::move(text), quantity,
          Money::FromCents(unit_price_cents),      Money::Zero(),   VatKey(vat_key),
          ProductGroupId(std::move(product_group))};
}

Payment Pay(PaymentMethod method, int64_t cents) { return {method, Money::FromCents(cents), std::nullopt}; }

Payment PayForeignCash(std::string currency, int64_t foreign_cents, int64_t euro_cents) {
  return {PaymentMethod::kCash, Money::FromCents(euro_cents),
          ForeignAmount{std::move(currency), Money::FromCents(foreign_cents)}};
}

std::vector<ReceiptLine> Tv7Basket() {
  return {Line("100234", "Milch 1L", Quantity::Pieces(3), 119, 2, "Molkerei"),
          Line("200117", "Spülmittel", Quantity::Pieces(1), 249, 1, "Drogerie"),
          Line("200388", "Batterien AA", Quantity::Pieces(1), 499, 1, "Elektro")};
}

Receipt Tv7CashSale() {
  return {ReceiptType::kBeleg, Tv7Basket(), Money::Zero(), {Pay(PaymentMethod::kCash, 2000)}, std::nullopt};
}

Receipt Tv8SplitSale() {
  Receipt receipt = Tv7CashSale();
  receipt.payments = {Pay(PaymentMethod::kCash, 500), Pay(PaymentMethod::kGirocard, 605)};
  return receipt;
}

Receipt Tv10Return() {
  return {ReceiptType::kBeleg,
          {Line("200117", "Spülmittel", Quantity::Pieces(-1), 249, 1, "Drogerie")},
          Money::Zero(),
          {Pay(PaymentMethod::kCash, -249)},
          ReceiptReference{RegisterId("K-0101-01"), 57, ReceiptId("B123")}};
}

Receipt Tv2Abort() { return {ReceiptType::kAVBelegabbruch, {}, Money::Zero(), {}, std::nullopt}; }

}  // namespace kasse::samples
