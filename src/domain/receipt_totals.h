// ReceiptTotals: every amount derived from a receipt, computed in one place.
//
// For each line: amount = unit_price × quantity (rounded, see quantity.h), minus
// its line discount, minus its share of the receipt discount. The receipt
// discount is spread over the lines whose amount after line discount is
// positive, in proportion to that amount, by largest remainder, so the shares
// add up to it exactly (a returned or fully discounted line gets no share).
// Lines are then summed per VAT key, and net and VAT come from each key's gross
// sum by the Bruttomethode (vat.h) — once per receipt per key, as printed and as
// exported to DSFinV-K transactions_vat.csv (docs/fiscal.md TV-9).
//
// Thread-safety: pure functions and value types.
#pragma once

#include <vector>

#include "base/result.h"
#include "domain/money.h"
#include "domain/receipt.h"
#include "domain/vat.h"

namespace kasse {

struct LineTotals {
  Money amount;            // unit price × quantity, rounded to the cent
  Money line_discount;     // signed like the amount
  Money receipt_discount;  // this line's share of the receipt discount
  Money gross;             // amount − line_discount − receipt_discount
};

struct VatTotals {
  VatKey key;
  VatRate rate;
  int slot;  // processData slot 1..5
  Money gross;
  Money net;
  Money vat;
};

struct ReceiptTotals {
  std::vector<LineTotals> lines;  // parallel to Receipt::lines
  std::vector<VatTotals> vat;     // one entry per key used, ascending by key
  Money total;                    // Σ line gross = Σ vat gross
  Money paid;                     // Σ payment amounts (euro)
  Money change;                   // paid − total on an overpaid sale, else 0
};

// Computes the totals of a receipt whose lines, discounts and VAT keys have been
// validated (ValidateReceipt does that first and is the usual entry point).
// Precondition: amounts within the bounds ValidateReceipt checks; outside them
// the sums may throw std::overflow_error (a bug, not an expected failure).
Result<ReceiptTotals> ComputeTotals(const Receipt& receipt, const VatTable& vat_table);

}  // namespace kasse
