// LayoutZReport: the Kassenabschluss (daily closing, Z report) of one register,
// from its ShiftClosed journal entry.
//
//   seller header; "*** KASSENABSCHLUSS ***"; Z-Nr., Kasse, Kassierer; the period
//   (from the shift's opening, when the caller knows it, to the closing entry's
//   time); the receipt number range ("Bon-Nr. 101 - 245" or "keine Belege");
//   sales per VAT rate (Beleg receipts, returns included) and their total;
//   payments per method and currency (in euro); cash expected ("Soll"), counted
//   ("Ist") and the difference.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <optional>

#include "base/result.h"
#include "journal/entry.h"
#include "printing/printout.h"
#include "printing/seller_info.h"

namespace kasse::printing {

// `shift_opened_ms`: when the closed shift began (its ShiftOpened entry's
// recorded_ms), if the caller has it; the period then reads "von … bis …".
// InvalidArgument "payload" if the entry is no closing, "register_id" if it is
// another register's.
Result<Printout> LayoutZReport(const SellerInfo& seller, const journal::JournalEntry& entry,
                               std::optional<int64_t> shift_opened_ms = std::nullopt);

}  // namespace kasse::printing
