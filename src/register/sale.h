// Sale: the state machine of one Vorgang at the register, from the first item to
// payment or abort. Pure: no I/O, no clock, no signing; RegisterService drives it
// and persists every accepted step.
//
// Every operation either applies completely or returns an error and leaves the
// sale unchanged. Rules (beyond those of ValidateReceipt):
//  - Lines can be added, re-quantified, discounted and voided until the first
//    payment; after it only payments can change (clear them to edit again).
//  - Discounts need an Approval (a manager and a reason).
//  - A return sale (against an original receipt, or flagged as without receipt)
//    takes returned items as lines with negative quantities.
//  - A payment is accepted when the payments so far could still settle the
//    receipt (topping up in cash would make it valid): no card overpayment, sign
//    of the total, and so on. The sale is complete when ValidateReceipt accepts it.
//
// Thread-safety: a value type.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "base/result.h"
#include "domain/receipt_totals.h"
#include "domain/vat.h"
#include "journal/entry.h"

namespace kasse::reg {

// Tenders are bounded (issue 10, item 19): a mistyped or forged amount is refused
// instead of journaled. The change of all tenders together is at most
// kMaxChangeCents (a 500 EUR note for a small purchase fits), and no single tender
// exceeds kMaxTenderCents.
inline constexpr int64_t kMaxChangeCents = 500'00;
inline constexpr int64_t kMaxTenderCents = 100'000'00;

// What the catalog knows of an article, as it goes on a line.
struct SaleItem {
  ArticleNumber article;
  std::string text;
  Money unit_price;
  VatKey vat_key{1};
  ProductGroupId product_group;
};

class Sale {
 public:
  // A new, empty sale; `draft` carries cashier and start time. `vat_table` must
  // outlive the sale.
  Sale(const VatTable& vat_table, journal::ReceiptEntry draft);

  const journal::ReceiptEntry& draft() const { return draft_; }
  // The TSE record travels with the sale; the service sets it at the first item.
  journal::TseRecord& mutable_tse() { return draft_.tse; }
  bool empty() const { return draft_.receipt.lines.empty(); }
  bool has_payments() const { return !draft_.receipt.payments.empty(); }
  // Nothing has happened yet: no line and no TSE transaction (e.g. a return just started).
  bool untouched() const { return empty() && !draft_.tse.started && draft_.tse.failure.empty(); }
  bool is_return() const { return draft_.receipt.original.has_value() || draft_.receipt.return_without_receipt; }

  Status AddItem(const SaleItem& item, Quantity quantity);
  Status SetQuantity(size_t line, Quantity quantity);
  Status VoidLine(size_t line);
  Status SetLineDiscount(size_t line, Money discount, const journal::Approval& approval);
  Status SetReceiptDiscount(Money discount, const journal::Approval& approval);
  // Turns an empty sale into a return against `original`, or, without one, into a
  // return without receipt (allowed, and flagged in the journal).
  Status MakeReturn(std::optional<ReceiptReference> original);

  Status AddPayment(const Payment& payment);
  void ClearPayments() { draft_.receipt.payments.clear(); }

  // The totals so far (valid whenever the sale is non-empty).
  Result<ReceiptTotals> Totals() const;
  // Total minus payments: what the customer still owes (negative: still to pay out).
  Money Due() const;
  // OK once the payments settle the receipt; then Complete() may be called.
  Status CheckComplete() const;
  // Fills the draft's totals for the journal. Precondition: CheckComplete() is OK.
  journal::ReceiptEntry Complete() const;
  // The draft as an aborted receipt (AVBelegabbruch): its lines, no payments.
  journal::ReceiptEntry Abort() const;

 private:
  Status Apply(const Receipt& changed, bool lines_changed);
  Status CheckLine(size_t line) const;

  const VatTable* vat_table_;
  journal::ReceiptEntry draft_;
};

}  // namespace kasse::reg
