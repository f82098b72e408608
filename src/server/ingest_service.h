// IngestService: takes in a register's journal batch (docs/sync-protocol.md) and
// answers with the acknowledgement, exactly once in effect.
//
// For a batch of register R whose acknowledged seq is A:
//  - entries with seq <= A are replays: identical bytes are skipped, different
//    bytes refuse the whole batch (Conflict: a forked or tampered journal);
//  - the first new entry must be A + 1, else the batch is refused with the seq the
//    server expects (a gap); later new entries must follow without a gap;
//  - an entry of another register refuses the batch (InvalidArgument);
//  - each new entry is checked (journal::CheckEntry: totals, TSE signature); one
//    that fails is stored quarantined with its reason and acknowledged, so valid
//    entries after it still go through;
//  - one database transaction stores the new entries, moves the acknowledgement
//    and applies every projection (projection.h) to each accepted entry; only
//    after its commit is the answer given.
// Nothing is stored when the batch is refused.
//
// The transaction locks R's progress row first, so batches of one register are
// taken in one at a time even across several server processes over one
// PostgreSQL; batches of different registers run in parallel.
//
// Thread-safety: safe from any thread.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/vat.h"
#include "journal/entry.h"
#include "server/journal_store.h"
#include "server/projection.h"
#include "storage/sql_pool.h"
#include "sync/protocol.h"

namespace kasse::server {

struct IngestOutcome {
  sync::Ack ack;
  std::optional<int64_t> gap_expected_seq;  // set when the batch was refused for a gap
  size_t stored = 0;                        // new entries stored (quarantined ones included)
  size_t replayed = 0;                      // entries the server already had
  int64_t newest_recorded_ms = 0;           // when the newest stored entry was written at the register
};

class IngestService {
 public:
  IngestService(storage::SqlPool& pool, VatTable vat_table, Clock& clock, std::vector<Projection*> projections);

  // `reported_head`: the register's last seq as it says (sync::kJournalHeadHeader), 0 if unknown.
  Result<IngestOutcome> Ingest(const RegisterId& register_id, std::string_view batch_json, int64_t reported_head = 0);

 private:
  // One entry of the batch, decoded and checked before the transaction.
  struct DecodedEntry {
    journal::JournalEntry entry;
    std::string body;
    std::string quarantine;  // why it failed its checks; empty if it passed
  };
  Result<std::vector<DecodedEntry>> Decode(const RegisterId& register_id, std::string_view batch_json) const;
  Result<IngestOutcome> Store(storage::SqlConnection& tx, const RegisterId& register_id,
                              const std::vector<DecodedEntry>& decoded);
  Status Project(storage::SqlConnection& tx, const journal::JournalEntry& entry, const std::string& body,
                 int64_t received_ms);

  storage::SqlPool& pool_;
  VatTable vat_table_;
  Clock& clock_;
  std::vector<Projection*> projections_;
};

}  // namespace kasse::server
