// CheckEntry: whether a journal entry is what it claims to be — totals that add up
// and a TSE signature that verifies over exactly this entry.
//
// The server runs it on every entry that arrives (a failing entry is quarantined
// with the returned reason, docs/sync-protocol.md); `kasse verify` will run it over
// whole journals. DecodeEntry has already checked the structure. Checks:
//  - receipt: ValidateReceipt accepts it, with the VAT rates the entry states for
//    keys 1–4 (whose rate the law may change) and the table's rates for the others;
//    the stated VAT breakdown, total and change equal the recomputation;
//  - cash movement: non-zero, within bounds;
//  - TSE, when signed: the client id is the register, the processType is
//    Kassenbeleg-V1, the processData is the one this entry yields, and the
//    signature of the FinishTransaction verifies (fiscal::VerifyReceiptQr);
//    when not signed, a failure reason is given.
// The error's field names the part ("payload.total_cents", "payload.tse").
//
// Thread-safety: pure function.
#pragma once

#include "base/status.h"
#include "domain/vat.h"
#include "journal/entry.h"

namespace kasse::journal {

Status CheckEntry(const JournalEntry& entry, const VatTable& vat_table);

// `table` with the rates a receipt states for keys 1–4 (ReceiptEntry::vat), so a
// past receipt is recomputed with the rates in force when it was made.
Result<VatTable> TableAsStated(const std::vector<VatTotals>& stated, const VatTable& table);

}  // namespace kasse::journal
