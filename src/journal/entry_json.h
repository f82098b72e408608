// The JSON form of a JournalEntry: how entries are stored in the register's
// journal and sent to the server (docs/journal-format.md).
//
// EncodeEntry writes a canonical form: members sorted by name, no whitespace, money
// as integer cents, quantities as integer milli-units, times as UTC milliseconds.
// DecodeEntry is strict: every required member present with the right JSON type,
// no unknown members, known enum names, numbers in range; the error's field is the
// member's path ("payload.lines[2].unit_price_cents"). It checks structure only;
// whether totals add up and signatures verify is checked by the receiver.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "journal/entry.h"

namespace kasse::journal {

// Entries larger than this are refused by DecodeEntry (a receipt of kMaxLines
// lines with long texts stays well below it).
inline constexpr size_t kMaxEntryBytes = 1 << 20;

std::string EncodeEntry(const JournalEntry& entry);
Result<JournalEntry> DecodeEntry(std::string_view json);

// A receipt still being rung up (the "payload" of a receipt entry on its own), as
// the register keeps its open and parked sales.
std::string EncodeReceiptDraft(const ReceiptEntry& draft);
Result<ReceiptEntry> DecodeReceiptDraft(std::string_view json);

}  // namespace kasse::journal
