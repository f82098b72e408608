// The VAT table of a receipt or Z report: one row per VAT key with its letter,
// rate, net, VAT and gross amount, e.g. (TV-7)
//
//   Satz           Netto       MwSt     Brutto
//   A 19 %          6,29       1,19       7,48
//
// A row whose amounts do not fit the columns is printed stacked instead
// (letter and rate, then Netto, MwSt and Brutto on lines of their own).
//
// Thread-safety: pure function.
#pragma once

#include <vector>

#include "domain/receipt_totals.h"
#include "printing/printout.h"

namespace kasse::printing::detail {

void AddVatTable(Printout& out, const std::vector<VatTotals>& vat);

}  // namespace kasse::printing::detail
