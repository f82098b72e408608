// The payment rules of ValidateReceipt (see receipt_validation.h), kept apart
// from the line rules. Internal to the domain module.
//
// Thread-safety: pure functions.
#pragma once

#include "base/status.h"
#include "domain/receipt.h"
#include "domain/receipt_totals.h"

namespace kasse::detail {

// Count and magnitude of every payment, checked before any sum is formed.
Status ValidatePaymentBounds(const Receipt& receipt);

// The payments against the receipt's totals:
//  - A sale (Beleg) and a training receipt are paid in full; the other
//    business events (invoice paid later, order, benefit in kind, transfer,
//    other) may stay open or be part-paid, never overpaid. An aborted receipt
//    takes no payment, and neither does a receipt with nothing due.
//  - Each payment is non-zero and has the total's sign; foreign currency only in cash.
//  - Card and voucher payments together stay within the total: only cash gives
//    change, and only when some of the cash is needed.
//  - A refund is paid out exactly (Beleg, training) or at most (the others).
Status ValidatePayments(const Receipt& receipt, const ReceiptTotals& totals);

}  // namespace kasse::detail
