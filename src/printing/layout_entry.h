// LayoutEntry: the printout for any journal entry that has one, for a register
// that prints whatever it has just journalled (or reprints an entry).
//
//   receipt        -> LayoutReceipt
//   cash_movement  -> LayoutCashMovement
//   shift_closed   -> LayoutZReport (period from the closing time only)
//   others         -> InvalidArgument "payload" (shift openings and TSE outages
//                     are journalled, not printed)
//
// Thread-safety: pure function.
#pragma once

#include "base/result.h"
#include "journal/entry.h"
#include "printing/printout.h"
#include "printing/seller_info.h"

namespace kasse::printing {

Result<Printout> LayoutEntry(const SellerInfo& seller, const journal::JournalEntry& entry);

}  // namespace kasse::printing
