#include "register/sale.h"

#include <algorithm>
#include <utility>

#include "domain/receipt_validation.h"

namespace kasse::reg {
namespace {

Status Invalid(std::string_view field, std::string_view message) { return Status::InvalidArgument(field, message); }

Status CheckApproval(const journal::Approval& approval) {
  if (approval.manager_id.empty()) return Invalid("approval.manager_id", "a discount needs a manager's approval");
  if (approval.reason.empty()) return Invalid("approval.reason", "a discount needs a reason");
  return Status::Ok();
}

}  // namespace

Sale::Sale(const VatTable& vat_table, journal::ReceiptEntry draft) : vat_table_(&vat_table), draft_(std::move(draft)) {}

Status Sale::CheckLine(size_t line) const {
  if (has_payments()) return Status::Conflict("payments", "the sale is being paid; clear the payments to change it");
  if (line >= draft_.receipt.lines.size()) {
    return Status::NotFound("line", "the sale has no line " + std::to_string(line + 1));
  }
  return Status::Ok();
}

Status Sale::Apply(const Receipt& changed, bool lines_changed) {
  if (lines_changed && has_payments()) {
    return Status::Conflict("payments", "the sale is being paid; clear the payments to change it");
  }
  if (!changed.lines.empty() || !changed.payments.empty()) {
    Result<ReceiptTotals> totals = ValidateReceiptBeforePayment(changed, *vat_table_);
    if (!totals.ok()) return totals.status();
  }
  draft_.receipt = changed;
  return Status::Ok();
}

Status Sale::AddItem(const SaleItem& item, Quantity quantity) {
  if (is_return() && !quantity.is_negative()) {
    return Invalid("quantity", "a return takes items back: the quantity must be negative");
  }
  if (!is_return() && quantity.is_negative()) {
    return Invalid("quantity", "a negative quantity is a return; start a return against the original receipt");
  }
  Receipt changed = draft_.receipt;
  ReceiptLine line;
  line.article = item.article;
  line.text = item.text;
  line.quantity = quantity;
  line.unit_price = item.unit_price;
  line.vat_key = item.vat_key;
  line.product_group = item.product_group;
  changed.lines.push_back(std::move(line));
  return Apply(changed, true);
}

Status Sale::SetQuantity(size_t line, Quantity quantity) {
  KASSE_RETURN_IF_ERROR(CheckLine(line));
  if (quantity.is_negative() != is_return()) {
    return Invalid("quantity", is_return() ? "a returned quantity must be negative" : "the quantity must be positive");
  }
  Receipt changed = draft_.receipt;
  changed.lines[line].quantity = Quantity::Milli(changed.lines[line].quantity.unit(), quantity.milli());
  return Apply(changed, true);
}

Status Sale::VoidLine(size_t line) {
  KASSE_RETURN_IF_ERROR(CheckLine(line));
  Receipt changed = draft_.receipt;
  changed.lines.erase(changed.lines.begin() + static_cast<std::ptrdiff_t>(line));
  if (changed.lines.empty()) changed.receipt_discount = Money::Zero();
  return Apply(changed, true);
}

Status Sale::SetLineDiscount(size_t line, Money discount, const journal::Approval& approval) {
  KASSE_RETURN_IF_ERROR(CheckLine(line));
  KASSE_RETURN_IF_ERROR(CheckApproval(approval));
  Receipt changed = draft_.receipt;
  changed.lines[line].line_discount = discount;
  KASSE_RETURN_IF_ERROR(Apply(changed, true));
  draft_.discount_approval = approval;
  return Status::Ok();
}

Status Sale::SetReceiptDiscount(Money discount, const journal::Approval& approval) {
  if (empty()) return Invalid("receipt_discount", "add an item before a discount");
  KASSE_RETURN_IF_ERROR(CheckApproval(approval));
  Receipt changed = draft_.receipt;
  changed.receipt_discount = discount;
  KASSE_RETURN_IF_ERROR(Apply(changed, true));
  draft_.discount_approval = approval;
  return Status::Ok();
}

Status Sale::MakeReturn(std::optional<ReceiptReference> original) {
  if (!empty()) return Status::Conflict("original", "start the return before adding items");
  if (is_return()) return Status::Conflict("original", "the sale is already a return");
  draft_.receipt.original = std::move(original);
  draft_.receipt.return_without_receipt = !draft_.receipt.original.has_value();
  return Status::Ok();
}

Status Sale::AddPayment(const Payment& payment) {
  if (empty()) return Invalid("payments", "there is nothing to pay yet");
  Receipt changed = draft_.receipt;
  changed.payments.push_back(payment);
  Result<ReceiptTotals> totals = ValidateReceiptBeforePayment(changed, *vat_table_);
  if (!totals.ok()) return totals.status();
  if (Abs(payment.amount).cents() > kMaxTenderCents) {
    return Invalid("amount", payment.amount.ToString() + " is more than a register takes in one tender (" +
                                 Money::FromCents(kMaxTenderCents).ToString() + ")");
  }
  if (Money change = Abs(totals->paid) - Abs(totals->total); change.cents() > kMaxChangeCents) {
    return Invalid("amount", payment.amount.ToString() + " would give " + change.ToString() +
                                 " change, more than the " + Money::FromCents(kMaxChangeCents).ToString() +
                                 " a register gives back; check the amount");
  }
  // Acceptable if topping up the rest in cash would settle the receipt.
  Receipt settled = changed;
  Money due = totals->total - totals->paid;
  if (!due.is_zero() && (due.is_negative() == totals->total.is_negative())) {
    settled.payments.push_back(Payment{PaymentMethod::kCash, due, std::nullopt});
  }
  Result<ReceiptTotals> final_totals = ValidateReceipt(settled, *vat_table_);
  if (!final_totals.ok()) return final_totals.status();
  draft_.receipt = std::move(changed);
  return Status::Ok();
}

Result<ReceiptTotals> Sale::Totals() const { return ValidateReceiptBeforePayment(draft_.receipt, *vat_table_); }

Money Sale::Due() const {
  Result<ReceiptTotals> totals = Totals();
  if (!totals.ok()) return Money::Zero();
  return totals->total - totals->paid;
}

Status Sale::CheckComplete() const {
  if (empty()) return Invalid("lines", "the sale has no items");
  return ValidateReceipt(draft_.receipt, *vat_table_).status();
}

journal::ReceiptEntry Sale::Complete() const {
  journal::ReceiptEntry entry = draft_;
  ReceiptTotals totals = *ValidateReceipt(entry.receipt, *vat_table_);
  entry.vat = totals.vat;
  entry.total = totals.total;
  entry.change = totals.change;
  return entry;
}

journal::ReceiptEntry Sale::Abort() const {
  journal::ReceiptEntry entry = draft_;
  entry.receipt.type = ReceiptType::kAVBelegabbruch;
  entry.receipt.payments.clear();
  // A return whose lines were all voided returned nothing: the abort refers to no original.
  if (std::none_of(entry.receipt.lines.begin(), entry.receipt.lines.end(),
                   [](const ReceiptLine& line) { return line.quantity.is_negative(); })) {
    entry.receipt.original.reset();
    entry.receipt.return_without_receipt = false;
  }
  Result<ReceiptTotals> totals = ValidateReceipt(entry.receipt, *vat_table_);
  if (totals.ok()) {
    entry.vat = totals->vat;
    entry.total = totals->total;
  }
  return entry;
}

}  // namespace kasse::reg
