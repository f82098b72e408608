// ValidateReceipt: checks a receipt completely and, if it is sound, computes its totals.
//
// Every rule a cashier, the tax office or the bookkeeping relies on is checked
// here, before anything is signed or stored. A failure is a Status whose field
// names the offending part ("lines[2].unit_price", "payments[0].amount") and
// whose message says what is wrong in words a cashier understands. The rules:
//  - AVBelegstorno is rejected: a TSE cannot sign it; a return is a new Beleg.
//  - Sales, invoices, orders, training and benefit-in-kind receipts need at
//    least one line; at most limits::kMaxLines.
//  - Texts and IDs are non-empty (product group may be empty), bounded, valid
//    UTF-8 without control characters.
//  - Quantities are non-zero, whole for pieces, bounded; unit prices are not
//    negative and bounded; a line discount lies between 0 and the line amount.
//  - VAT keys exist in the VatTable.
//  - A negative quantity (a returned item) needs `original` or the flag
//    `return_without_receipt`, and a receipt with either returns at least one item.
//  - The receipt discount lies between 0 and the sum of the positive lines.
//  - Payments (detail/payment_rules.h): a sale or training receipt is paid in
//    full, other business events (invoice, order, benefit in kind, transfer,
//    other) may stay open but are never overpaid; none on an aborted receipt
//    or when nothing is due; each non-zero and of the total's sign; foreign
//    currency only in cash; card and voucher payments together stay within
//    the total (only cash gives change, and only if some cash was needed); a
//    refund is paid out exactly.
//
// Thread-safety: pure function.
#pragma once

#include "base/result.h"
#include "domain/receipt.h"
#include "domain/receipt_totals.h"
#include "domain/vat.h"

namespace kasse {

Result<ReceiptTotals> ValidateReceipt(const Receipt& receipt, const VatTable& vat_table);

// Every rule above except whether the payments settle the receipt (their count and
// size are still bounded): for a sale still being rung up or paid.
Result<ReceiptTotals> ValidateReceiptBeforePayment(const Receipt& receipt, const VatTable& vat_table);

}  // namespace kasse
