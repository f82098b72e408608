// What every rendering of a receipt (paper, ESC/POS, JSON, HTML) derives from a
// journal ReceiptEntry in the same way: line amounts, VAT letters, German labels.
//
// VAT letters: the DSFinV-K keys 1–8 are always A–H (so "A" is the general rate
// on every receipt and Z report); other keys (historical and the business's own)
// take I, J, … in ascending key order among those on the document, '?' beyond Z.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/payment.h"
#include "domain/receipt.h"
#include "domain/receipt_totals.h"
#include "domain/vat.h"

namespace kasse::printing::detail {

// Per line, as ComputeTotals spreads amounts and discounts. The entry stores only
// the VAT breakdown, and line amounts do not depend on VAT rates, so they are
// recomputed here (OutOfRange only for amounts no validated receipt has).
Result<std::vector<LineTotals>> LineTotalsOf(const Receipt& receipt);

char VatLetter(VatKey key, const std::vector<VatTotals>& vat);

// "19 %", "7 %", "5,5 %", "7,8 %".
std::string FormatRate(VatRate rate);

// "Bar", "Girocard", "Kreditkarte", "Gutschein".
std::string_view PaymentLabel(PaymentMethod method);

// The headline for a Vorgangstyp other than a plain sale, or "" for Beleg:
// "ABGEBROCHEN", "TRAINING", "Rechnung", …
std::string_view ReceiptTitle(ReceiptType type);

// A return: some line has a negative quantity, or the receipt names an original.
bool IsReturn(const Receipt& receipt);

// {"Rückgabe zu Bon 123", "Kasse K-0101-01, Z-Nr. 57"}: the original receipt of a return.
std::array<std::string, 2> ReturnReference(const ReceiptReference& original);

// "3 x 1,19 €", "0,755 kg x 2,99 €/kg", "-1 x 2,49 €"; empty for one piece.
std::string QuantityDetail(const ReceiptLine& line);

// The receipt discount per VAT key, as spread over the lines (positive amounts).
std::vector<std::pair<VatKey, Money>> ReceiptDiscountPerKey(const Receipt& receipt,
                                                            const std::vector<LineTotals>& totals);

}  // namespace kasse::printing::detail
