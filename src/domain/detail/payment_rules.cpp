#include "domain/detail/payment_rules.h"

#include <algorithm>
#include <string>

#include "domain/receipt_limits.h"

namespace kasse::detail {
namespace {

Status Invalid(std::string_view field, const std::string& message) { return Status::InvalidArgument(field, message); }

bool WithinBounds(Money amount) { return amount.cents() <= Money::kMaxCents && amount.cents() >= -Money::kMaxCents; }

bool MustBePaidInFull(ReceiptType type) { return type == ReceiptType::kBeleg || type == ReceiptType::kAVTraining; }

Status ValidateForeign(const Payment& payment) {
  const ForeignAmount& foreign = *payment.foreign;
  if (!IsCash(payment.method)) return Invalid("foreign", "foreign currency is accepted in cash only");
  bool iso_code = foreign.currency.size() == 3 && std::all_of(foreign.currency.begin(), foreign.currency.end(),
                                                              [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!iso_code) return Invalid("foreign.currency", "must be an ISO 4217 code such as CHF");
  if (foreign.currency == "EUR") return Invalid("foreign.currency", "euro is not a foreign currency");
  if (!WithinBounds(foreign.amount)) return Status::OutOfRange("foreign.amount", "is too large");
  if (foreign.amount.is_zero() || foreign.amount.is_negative() != payment.amount.is_negative()) {
    return Invalid("foreign.amount", "must be non-zero and have the sign of the euro amount");
  }
  return Status::Ok();
}

Status ValidatePayment(const Payment& payment, Money total) {
  if (payment.amount.is_zero()) return Invalid("amount", "must not be zero");
  if (payment.amount.is_negative() != total.is_negative()) {
    return Invalid("amount", total.is_negative() ? "a refund is paid out as a negative amount"
                                                 : "a sale takes payments, not refunds (negative amounts)");
  }
  if (payment.foreign) return ValidateForeign(payment);
  return Status::Ok();
}

// Only cash gives change: card and voucher payments stay within the total, and
// cash that would all go back as change was not needed.
Status ValidateChange(const Receipt& receipt, const ReceiptTotals& totals) {
  Money non_cash;
  for (size_t i = 0; i < receipt.payments.size(); ++i) {
    const Payment& payment = receipt.payments[i];
    if (IsCash(payment.method)) continue;
    non_cash += payment.amount;
    if (non_cash > totals.total) {
      return Invalid(IndexedField("payments", i) + ".amount",
                     std::string("a ") + std::string(PaymentMethodName(payment.method)) + " payment of " +
                         payment.amount.ToString() + " takes card and voucher payments to " + non_cash.ToString() +
                         ", above the " + totals.total.ToString() + " due; only cash gives change");
    }
  }
  if (totals.change.is_positive() && non_cash == totals.total) {
    return Invalid("payments", "card and voucher payments already cover the total of " + totals.total.ToString() +
                                   "; the cash would all go back as change");
  }
  return Status::Ok();
}

Status ValidateCoverage(const Receipt& receipt, const ReceiptTotals& totals) {
  std::string paid = totals.paid.ToString();
  std::string total = totals.total.ToString();
  bool refund = totals.total.is_negative();
  if (!MustBePaidInFull(receipt.type)) {
    if (Abs(totals.paid) <= Abs(totals.total)) return Status::Ok();
    return Invalid("payments", (refund ? "refunds of " : "payments of ") + paid + " exceed the open " + total +
                                   " of this " + std::string(ReceiptTypeName(receipt.type)));
  }
  if (refund && totals.paid != totals.total) {
    return Invalid("payments", "refunds of " + paid + " do not add up to the " + total + " returned");
  }
  if (!refund && totals.paid < totals.total) {
    return Invalid("payments", "payments of " + paid + " do not cover the total of " + total);
  }
  return Status::Ok();
}

}  // namespace

Status ValidatePaymentBounds(const Receipt& receipt) {
  if (receipt.payments.size() > limits::kMaxPayments) {
    return Status::OutOfRange("payments",
                              "a receipt has at most " + std::to_string(limits::kMaxPayments) + " payments");
  }
  for (size_t i = 0; i < receipt.payments.size(); ++i) {
    if (!WithinBounds(receipt.payments[i].amount)) {
      return Status::OutOfRange(IndexedField("payments", i) + ".amount", "is too large");
    }
  }
  return Status::Ok();
}

Status ValidatePayments(const Receipt& receipt, const ReceiptTotals& totals) {
  if (receipt.payments.empty()) {
    bool due = !totals.total.is_zero() && MustBePaidInFull(receipt.type);
    return due ? Invalid("payments", "the total of " + totals.total.ToString() + " is not paid") : Status::Ok();
  }
  if (receipt.type == ReceiptType::kAVBelegabbruch) return Invalid("payments", "an aborted receipt takes no payment");
  if (totals.total.is_zero()) return Invalid("payments", "nothing is due, so nothing can be paid");
  for (size_t i = 0; i < receipt.payments.size(); ++i) {
    KASSE_RETURN_IF_ERROR(
        ValidatePayment(receipt.payments[i], totals.total).WithFieldPrefix(IndexedField("payments", i)));
  }
  if (totals.total.is_positive()) KASSE_RETURN_IF_ERROR(ValidateChange(receipt, totals));
  return ValidateCoverage(receipt, totals);
}

}  // namespace kasse::detail
