// LayoutReceipt: the receipt the customer gets for a sale, return or aborted
// sale, laid out for the 80 mm printer (Belegausgabepflicht, §146a (2) AO).
//
// It carries what §6 KassenSichV asks for (docs/fiscal.md §1):
// the seller's name and address, the date and the times the Vorgang began and
// ended (German civil time, MEZ/MESZ), quantity and kind of every item, the
// amounts with their VAT rates and VAT, the register's and the TSE's serial
// numbers, the transaction number, signature counter and signature, and the QR
// code of §3. In order:
//
//   seller header; banners (ABGEBROCHEN, TRAINING, RÜCKGABE, RÜCKGABE OHNE BELEG,
//   "Rückgabe zu Bon …"); Bon-Nr., Datum, Beginn/Ende, Kasse, Kassierer; one
//   block per line (text wrapped to three lines at most, amount and VAT letter,
//   "3 x 1,19 €" or "0,755 kg x 2,99 €/kg", "Rabatt"); the receipt discount per
//   VAT letter ("Bonrabatt"); "SUMME EUR"; payments (foreign cash with its
//   currency amount) and "Rückgeld"; the VAT table; the TSE block (or "TSE
//   ausgefallen" with the reason and no QR code, TV-14; "TSE NICHT ZERTIFIZIERT
//   – nur Test/Demo" for an uncertified unit); the seller's footer.
//
// Amounts are the ones stored in the entry (total, change, the VAT breakdown as
// printed at the time of sale); only the per-line split is recomputed.
//
// Thread-safety: pure function.
#pragma once

#include "base/result.h"
#include "journal/entry.h"
#include "printing/printout.h"
#include "printing/seller_info.h"

namespace kasse::printing {

// InvalidArgument "payload" if the entry is no receipt, "register_id" if it is
// another register's; OutOfRange for line amounts beyond Money's range.
Result<Printout> LayoutReceipt(const SellerInfo& seller, const journal::JournalEntry& entry);

}  // namespace kasse::printing
