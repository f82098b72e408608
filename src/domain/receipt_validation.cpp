#include "domain/receipt_validation.h"

#include <algorithm>
#include <string>

#include "domain/detail/payment_rules.h"
#include "domain/receipt_limits.h"
#include "domain/text.h"

namespace kasse {
namespace {

Status Invalid(std::string_view field, const std::string& message) { return Status::InvalidArgument(field, message); }

bool NeedsLines(ReceiptType type) {
  return type == ReceiptType::kBeleg || type == ReceiptType::kAVRechnung || type == ReceiptType::kAVTraining ||
         type == ReceiptType::kAVSachbezug || type == ReceiptType::kAVBestellung;
}

Status ValidateQuantity(const Quantity& quantity) {
  if (quantity.is_zero()) return Invalid("quantity", "must not be zero");
  if (quantity.unit() == Unit::kPiece && !quantity.is_whole()) {
    return Invalid("quantity", quantity.ToString() + " is not a whole number of pieces");
  }
  if (quantity.milli() > limits::kMaxQuantityMilli || quantity.milli() < -limits::kMaxQuantityMilli) {
    return Status::OutOfRange("quantity", "exceeds the largest quantity of a line");
  }
  return Status::Ok();
}

Status ValidatePrice(const ReceiptLine& line) {
  if (line.unit_price.is_negative()) {
    return Invalid("unit_price", "must not be negative (a return is a negative quantity, not a negative price)");
  }
  if (line.unit_price.cents() > limits::kMaxUnitPriceCents) {
    return Status::OutOfRange(
        "unit_price", "exceeds the largest unit price of " + Money::FromCents(limits::kMaxUnitPriceCents).ToString());
  }
  return Status::Ok();
}

Status ValidateLine(const ReceiptLine& line, const VatTable& vat_table) {
  KASSE_RETURN_IF_ERROR(ValidateText(line.article.value(), limits::kMaxArticleNumberBytes).WithFieldPrefix("article"));
  KASSE_RETURN_IF_ERROR(ValidateText(line.text, limits::kMaxArticleTextBytes).WithFieldPrefix("text"));
  if (!line.product_group.empty()) {
    KASSE_RETURN_IF_ERROR(
        ValidateText(line.product_group.value(), limits::kMaxProductGroupBytes).WithFieldPrefix("product_group"));
  }
  KASSE_RETURN_IF_ERROR(ValidateQuantity(line.quantity));
  KASSE_RETURN_IF_ERROR(ValidatePrice(line));
  KASSE_RETURN_IF_ERROR(vat_table.Lookup(line.vat_key).status().WithFieldPrefix("vat_key"));
  Result<Money> amount = LineAmount(line.unit_price, line.quantity);
  if (!amount.ok()) return amount.status();
  if (line.line_discount.is_negative()) return Invalid("line_discount", "must not be negative");
  if (line.line_discount > Abs(*amount)) {
    return Invalid("line_discount",
                   line.line_discount.ToString() + " exceeds the line amount " + Abs(*amount).ToString());
  }
  return Status::Ok();
}

Status ValidateReference(const Receipt& receipt) {
  bool returns_items = std::any_of(receipt.lines.begin(), receipt.lines.end(),
                                   [](const ReceiptLine& line) { return line.quantity.is_negative(); });
  if (receipt.return_without_receipt) {
    if (receipt.original) return Invalid("original", "a return without receipt cannot also name an original");
    if (!returns_items) return Invalid("return_without_receipt", "must return an item (a negative quantity)");
    return Status::Ok();
  }
  if (returns_items && !receipt.original) {
    return Invalid("original",
                   "a returned item (negative quantity) needs the original receipt it was sold on, or must be "
                   "flagged as a return without receipt");
  }
  if (!receipt.original) return Status::Ok();
  if (!returns_items) return Invalid("original", "a receipt that references an original must return an item");
  const ReceiptReference& original = *receipt.original;
  KASSE_RETURN_IF_ERROR(
      ValidateText(original.register_id.value(), limits::kMaxRegisterIdBytes).WithFieldPrefix("original.register_id"));
  KASSE_RETURN_IF_ERROR(
      ValidateText(original.receipt_id.value(), limits::kMaxReceiptIdBytes).WithFieldPrefix("original.receipt_id"));
  if (original.closing_number < 1) return Invalid("original.closing_number", "must be 1 or more");
  return Status::Ok();
}

Status ValidateLines(const Receipt& receipt, const VatTable& vat_table) {
  if (receipt.type == ReceiptType::kAVBelegstorno) {
    return Invalid("type",
                   "AVBelegstorno cannot be signed by a TSE; record a return as a new Beleg that "
                   "references the original");
  }
  if (receipt.lines.empty() && NeedsLines(receipt.type)) {
    return Invalid("lines",
                   std::string("a ") + std::string(ReceiptTypeName(receipt.type)) + " needs at least one line");
  }
  if (receipt.lines.size() > limits::kMaxLines) {
    return Status::OutOfRange("lines", "a receipt has at most " + std::to_string(limits::kMaxLines) + " lines");
  }
  for (size_t i = 0; i < receipt.lines.size(); ++i) {
    KASSE_RETURN_IF_ERROR(ValidateLine(receipt.lines[i], vat_table).WithFieldPrefix(IndexedField("lines", i)));
  }
  return ValidateReference(receipt);
}

// Bounds checked before any sum is formed, so no total can overflow.
// Checked before any sum is formed, so no total can overflow.
Status ValidateReceiptDiscountBounds(const Receipt& receipt) {
  if (receipt.receipt_discount.is_negative()) return Invalid("receipt_discount", "must not be negative");
  if (receipt.receipt_discount.cents() > Money::kMaxCents) {
    return Status::OutOfRange("receipt_discount", "is too large");
  }
  return Status::Ok();
}

Status ValidateReceiptDiscount(const Receipt& receipt, const ReceiptTotals& totals) {
  Money items_sold;
  for (const LineTotals& line : totals.lines) {
    Money before_receipt_discount = line.amount - line.line_discount;
    if (before_receipt_discount.is_positive()) items_sold += before_receipt_discount;
  }
  if (receipt.receipt_discount > items_sold) {
    return Invalid("receipt_discount", receipt.receipt_discount.ToString() + " exceeds the " + items_sold.ToString() +
                                           " of the items sold");
  }
  return Status::Ok();
}

}  // namespace

Result<ReceiptTotals> ValidateReceiptBeforePayment(const Receipt& receipt, const VatTable& vat_table) {
  KASSE_RETURN_IF_ERROR(ValidateLines(receipt, vat_table));
  KASSE_RETURN_IF_ERROR(ValidateReceiptDiscountBounds(receipt));
  KASSE_RETURN_IF_ERROR(detail::ValidatePaymentBounds(receipt));
  Result<ReceiptTotals> totals = ComputeTotals(receipt, vat_table);
  if (!totals.ok()) return totals.status();
  KASSE_RETURN_IF_ERROR(ValidateReceiptDiscount(receipt, *totals));
  return totals;
}

Result<ReceiptTotals> ValidateReceipt(const Receipt& receipt, const VatTable& vat_table) {
  Result<ReceiptTotals> totals = ValidateReceiptBeforePayment(receipt, vat_table);
  if (!totals.ok()) return totals;
  KASSE_RETURN_IF_ERROR(detail::ValidatePayments(receipt, *totals));
  return totals;
}

}  // namespace kasse
