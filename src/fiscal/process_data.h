// The processData of a Kassenbeleg-V1 transaction: what the TSE signs for a receipt.
//
// Layout (DSFinV-K Anhang I, docs/fiscal.md §2):
//
//   <Vorgangstyp>^<g1>_<g2>_<g3>_<g4>_<g5>^<payment>_<payment>_…
//   payment = <amount>:<Bar|Unbar>[:<ISO 4217 code, only if not EUR>]
//
// g1..g5 are the gross sums of the five VAT slots (vat.h). Amounts have two
// decimals, '.' as separator, no grouping, '-' when negative. Payments are summed
// per kind (Bar/Unbar) and currency and listed cash first, euro before foreign
// currencies (alphabetical), then Unbar in the same order; cash in euro is net of
// change (TV-7). A kind/currency whose payments net to zero is left out; with no
// payments the last part is empty ("…^").
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/money.h"
#include "domain/receipt.h"
#include "domain/receipt_totals.h"
#include "domain/vat.h"

namespace kasse::fiscal {

inline constexpr const char* kProcessTypeKassenbeleg = "Kassenbeleg-V1";

struct ProcessDataPayment {
  bool cash;
  Money amount;          // in `currency`
  std::string currency;  // "EUR" or a foreign ISO 4217 code
};

using SlotAmounts = std::array<Money, VatTable::kSlots>;

// Formats the parts as given, after summing and ordering the payments as above.
std::string KassenbelegProcessData(ReceiptType type, const SlotAmounts& gross_per_slot,
                                   const std::vector<ProcessDataPayment>& payments);

// The processData of a receipt that ValidateReceipt accepted with these totals
// (the same precondition as ComputeTotals).
std::string KassenbelegProcessData(const Receipt& receipt, const ReceiptTotals& totals);

// The processData of cash moved into (positive) or out of the drawer without a
// sale (Einlage, Entnahme, Geldtransit, …): `Beleg^0.00_0.00_0.00_0.00_<a>^<a>:Bar`.
// Slot 5 (not taxable), as cash movements are no revenue. [DER]: REFERENCE.md has
// no official example for cash movements.
std::string CashMovementProcessData(Money amount);

}  // namespace kasse::fiscal
