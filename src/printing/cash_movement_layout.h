// LayoutCashMovement: the slip for cash that enters or leaves the drawer without
// a sale (Anfangsbestand, Privateinlage/-entnahme, Einzahlung, Auszahlung,
// Geldtransit, Kassendifferenz). Such a movement is an "anderer Vorgang" that the
// TSE signs too (REFERENCE.md §1), so the slip carries the same TSE block as a
// receipt, and a line for the cashier's signature.
//
//   seller header; "*** KASSENEINLAGE ***" or "*** KASSENENTNAHME ***"; Art;
//   Bon-Nr., Datum, Beginn/Ende, Kasse, Kassierer; "BETRAG EUR" (positive into
//   the drawer, negative out of it); Notiz; TSE block; Unterschrift.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "base/result.h"
#include "journal/entry.h"
#include "printing/printout.h"
#include "printing/seller_info.h"

namespace kasse::printing {

// "Anfangsbestand", "Privateinlage", …, "Kassendifferenz (Soll/Ist)".
std::string_view CashMovementLabel(journal::CashMovementKind kind);

// InvalidArgument "payload" if the entry is no cash movement, "register_id" if
// it is another register's.
Result<Printout> LayoutCashMovement(const SellerInfo& seller, const journal::JournalEntry& entry);

}  // namespace kasse::printing
