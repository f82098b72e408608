// IngestService: takes in a register's journal batch (docs/sync-protocol.md) and
// answers with the acknowledgement, exactly once in effect.
//
// For a batch of register R whose acknowledged seq is A:
//  - entries with seq <= A are replays: identical bytes are skipped, different
//    bytes refuse the whole batch (Conflict: a forked or tampered journal);
//  - the first new entry must be A + 1, else the batch is refused with the seq the
//    server expects (a gap); later new entries must follow without a gap;
//  - an entry of another register refuses the batch (InvalidArgument);
//  - each new entry is checked: by itself (journal::CheckEntry: totals, TSE
//    signature), against the entries before it (journal_chain.h: the pinned
//    signing unit, rising TSE counters, consecutive receipt numbers, unsigned
//    entries only in an outage), and a return against its original
//    (return_check.h); one that fails is stored quarantined with its reason and
//    acknowledged, so valid entries after it still go through;
//  - the acknowledgement is never above the batch's last seq, even when the
//    server holds more (a replay of old entries is acknowledged to its own end);
//  - a batch refused for different content is noted on the register's progress
//    row (conflict_seq), where /api/v1/sync/registers shows it to operators;
//  - the reported head (sync::kJournalHeadHeader) must lie from the batch's last
//    seq to kMaxReportedBacklog beyond it, else the batch is refused;
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
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/vat.h"
#include "journal/entry.h"
#include "server/journal_chain.h"
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
  // How far a register's reported head may lie beyond the batch it sends.
  static constexpr int64_t kMaxReportedBacklog = 1'000'000;

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
  // This batch's accepted receipts, which the database does not hold until the
  // batch is stored: a return may refer to a sale, or follow a return, of the same batch.
  struct BatchReceipts {
    std::map<int64_t, journal::ReceiptEntry> by_number;
    std::map<std::string, std::vector<journal::ReceiptEntry>, std::less<>> returns_by_original;
  };

  Result<std::vector<DecodedEntry>> Decode(const RegisterId& register_id, std::string_view batch_json) const;
  static Status CheckReportedHead(const std::vector<DecodedEntry>& decoded, int64_t reported_head);
  Result<IngestOutcome> StoreInTransaction(storage::SqlConnection& db, const RegisterId& register_id,
                                           const std::vector<DecodedEntry>& decoded, int64_t reported_head);
  Result<IngestOutcome> Store(storage::SqlConnection& tx, const RegisterId& register_id,
                              const std::vector<DecodedEntry>& decoded);
  static Status CheckReturn(storage::SqlConnection& tx, const journal::JournalEntry& entry, const BatchReceipts& batch);
  void NoteConflict(storage::SqlConnection& db, const RegisterId& register_id, const Status& conflict);
  Status Project(storage::SqlConnection& tx, const journal::JournalEntry& entry, const std::string& body,
                 int64_t received_ms);

  storage::SqlPool& pool_;
  VatTable vat_table_;
  Clock& clock_;
  std::vector<Projection*> projections_;
};

}  // namespace kasse::server
