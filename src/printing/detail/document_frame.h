// The parts every printout shares: the seller's header, the check that the
// entry belongs to the seller's register, and the footer.
//
// Thread-safety: pure functions.
#pragma once

#include "base/result.h"
#include "base/status.h"
#include "journal/entry.h"
#include "printing/printout.h"
#include "printing/seller_info.h"

namespace kasse::printing::detail {

// InvalidArgument "register_id" if the entry was written by another register.
Status CheckRegister(const SellerInfo& seller, const journal::JournalEntry& entry);

// The entry's receipt: InvalidArgument "payload" if it holds none, or as CheckRegister.
Result<const journal::ReceiptEntry*> ReceiptPayload(const SellerInfo& seller, const journal::JournalEntry& entry);

// Name, store, street, postcode and city, tax numbers; centred.
void AddSellerHeader(Printout& out, const SellerInfo& seller);

// Which Vorgang a receipt or slip documents, and when (§6 (2) KassenSichV).
struct Identity {
  int64_t receipt_number = 0;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  RegisterId register_id;
  journal::Cashier cashier;
};

// "Bon-Nr. 123 … Datum 03.09.2026", "Beginn 10:15:02 MESZ … Ende 10:16:40 MESZ"
// (with the start date when the Vorgang spans midnight), "Kasse … Kassierer …".
void AddIdentity(Printout& out, const Identity& identity);

// The optional footer line, centred, and nothing else.
void AddFooter(Printout& out, const SellerInfo& seller);

}  // namespace kasse::printing::detail
