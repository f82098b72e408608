// JournalChain: what the server checks across a register's entries, beyond what
// one entry proves by itself (journal::CheckEntry: totals, and a signature that
// verifies with the key the entry carries).
//
// A register promises (docs/sync-protocol.md, "What the server checks"):
//  - every signed entry is signed by the register's own signing unit: the first
//    signed entry the server accepts, or an operator's explicit
//    `PUT /api/v1/registers/{register}/signing-unit`, pins its public key and
//    serial; an entry signed by any other unit is quarantined;
//  - the finish signature counter rises from entry to entry, a transaction's
//    start comes before its finish, and a transaction number at or below the
//    highest one seen belongs to a Vorgang started before the previous one
//    finished (a parked sale finished later);
//  - receipt numbers (BON_NR, over receipts and cash movements) are consecutive;
//  - an unsigned receipt or cash movement appears only while the journal has a TSE
//    outage open (tse_outage_started), or was begun before the last outage ended
//    (a Vorgang whose start failed is never signed later, TV-14).
// A breach quarantines the entry with its reason. The state moves on as the
// journal does: every stored entry moves the receipt number and the outage state
// (so one jump is reported once, where it happens); only accepted signed entries
// move the pin and the counters (a forgery can never move them).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "journal/entry.h"

namespace kasse::server {

// Per register, kept in its register_progress row (schema V005).
struct ChainState {
  std::string tse_serial;      // empty: no signing unit pinned yet
  std::string tse_public_key;  // base64 of the pinned unit's EC point
  int64_t tse_pinned_seq = 0;  // the entry from which the pin holds
  int64_t tse_last_counter = 0;
  int64_t tse_last_transaction = 0;
  int64_t last_receipt_number = 0;
  int64_t outage_started_ms = 0;  // 0: no outage open
  int64_t outage_ended_ms = 0;    // when the last outage ended; 0: none yet

  bool operator==(const ChainState&) const = default;
};

// Whether `entry` follows `state`. InvalidArgument naming the field and the
// breach; the entry has already passed journal::CheckEntry.
Status CheckChainLink(const ChainState& state, const journal::JournalEntry& entry);

// The state after `entry` was stored; `accepted` whether it passed every check.
void AdvanceChain(ChainState& state, const journal::JournalEntry& entry, bool accepted);

// The serial a TSE has for `public_key_base64` (SHA-256 of the EC point, hex), as
// KassenSichV's serial number of a TSE is derived; InvalidArgument if the key is
// no EC point.
Result<std::string> TseSerialOfPublicKey(std::string_view public_key_base64);

}  // namespace kasse::server
