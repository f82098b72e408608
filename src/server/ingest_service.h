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
//  - the new entries are stored in one transaction; only then is the answer given.
// Nothing is stored when the batch is refused.
//
// Thread-safety: safe from any thread; batches are taken in one at a time.
#pragma once

#include <mutex>
#include <optional>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "domain/vat.h"
#include "server/journal_store.h"
#include "sync/protocol.h"

namespace kasse::server {

struct IngestOutcome {
  sync::Ack ack;
  std::optional<int64_t> gap_expected_seq;  // set when the batch was refused for a gap
};

class IngestService {
 public:
  IngestService(ServerJournalStore& store, VatTable vat_table, Clock& clock);

  Result<IngestOutcome> Ingest(const RegisterId& register_id, std::string_view batch_json);

 private:
  ServerJournalStore& store_;
  VatTable vat_table_;
  Clock& clock_;
  std::mutex mutex_;
};

}  // namespace kasse::server
