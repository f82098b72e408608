// JournalStore: the server's copy of every register's journal, and how far each
// register is acknowledged (tables journal_entries and register_progress).
//
// Every function works on a connection the caller holds, inside the caller's
// transaction where it writes, so ingestion can store entries, move the
// acknowledgement and update the projections in one transaction. The SQL is
// written once for both backends (storage/sql.h). Stored entries are the
// registers' bytes, never re-encoded; the database, not only the code, keeps one
// entry per (register, seq) and one receipt number per register.
//
// Thread-safety: stateless; a connection belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/ids.h"
#include "server/journal_chain.h"
#include "storage/sql.h"

namespace kasse::server {

struct StoredEntry {
  int64_t seq = 0;
  std::string kind;
  std::optional<int64_t> receipt_number;
  std::optional<std::string> original_ref;
  std::string body;
  std::string quarantine;  // empty: the entry passed its checks
};

// A quarantined entry as shown to operators.
struct QuarantinedEntry {
  RegisterId register_id;
  int64_t seq = 0;
  std::string kind;
  std::string reason;
  int64_t received_ms = 0;
};

// How far one register is: the acknowledged seq, its own last seq as it reported
// it, and when it last sent.
struct RegisterProgress {
  RegisterId register_id;
  int64_t acked_seq = 0;
  int64_t head_seq = 0;          // 0: never reported
  int64_t last_received_ms = 0;  // 0: never sent an entry
  std::string tse_serial;        // the pinned signing unit; empty: none yet
  bool outage_open = false;      // the journal has a TSE outage open
  int64_t conflict_seq = 0;      // a replay conflict an operator has to look at; 0: none
  int64_t conflict_ms = 0;
  std::string conflict_reason;
};

// The register's progress row as ingestion reads it, locked.
struct LockedProgress {
  int64_t acked_seq = 0;
  ChainState chain;
};

// What an operator's release of quarantined entries did.
struct Release {
  int64_t set_aside = 0;  // entries moved to journal_set_aside
  int64_t acked_seq = 0;  // the acknowledgement now
};

class JournalStore {
 public:
  // In a transaction: the register's acknowledged seq (0 for a register never
  // heard of), with its progress row locked until the transaction ends, so two
  // server processes never ingest for one register at the same time.
  static Result<LockedProgress> LockProgress(storage::SqlConnection& tx, const RegisterId& register_id);
  // Stores the chain state after a batch (the row must be locked).
  static Status SaveChain(storage::SqlConnection& tx, const RegisterId& register_id, const ChainState& chain);
  // Notes a batch refused for a replay conflict, for operators (its own statement,
  // outside the refused batch's transaction).
  static Status RecordConflict(storage::SqlConnection& db, const RegisterId& register_id, int64_t seq, int64_t at_ms,
                               const std::string& reason);
  // In a transaction: moves the register's entries from `from_seq` on to
  // journal_set_aside, with the operator's reason, and acknowledges `from_seq - 1`,
  // so the register's real entries can come in. Only quarantined entries may be set
  // aside: FailedPrecondition (Conflict) naming the first accepted one otherwise.
  static Result<Release> SetAside(storage::SqlConnection& tx, const RegisterId& register_id, int64_t from_seq,
                                  const std::string& reason, int64_t now_ms);
  // In a transaction: pins a new signing unit for the entries after the
  // acknowledged ones; its counters start again. Returns the serial it replaced.
  static Result<std::string> PinSigningUnit(storage::SqlConnection& tx, const RegisterId& register_id,
                                            const std::string& serial, const std::string& public_key_base64);
  static Result<int64_t> AckedSeq(storage::SqlConnection& db, const RegisterId& register_id);
  // The stored body under `seq`, if any.
  static Result<std::optional<std::string>> Body(storage::SqlConnection& db, const RegisterId& register_id,
                                                 int64_t seq);
  // Stores entries following the acknowledged seq and moves it to the last one.
  // Conflict if the database already holds one of them.
  static Status Append(storage::SqlConnection& tx, const RegisterId& register_id,
                       const std::vector<StoredEntry>& entries, int64_t received_ms);
  // Records the register's own last seq as it reported it (never moves back).
  static Status RecordHead(storage::SqlConnection& tx, const RegisterId& register_id, int64_t head_seq);
  // A receipt by its number (not quarantined), and the receipts that refer to it.
  static Result<std::optional<std::string>> ReceiptBody(storage::SqlConnection& db, const RegisterId& register_id,
                                                        int64_t receipt_number);
  static Result<std::vector<std::string>> ReturnsOf(storage::SqlConnection& db, const std::string& original_ref);
  static Result<std::vector<QuarantinedEntry>> Quarantined(storage::SqlConnection& db, size_t limit);
  static Result<std::vector<RegisterProgress>> Progress(storage::SqlConnection& db);
};

}  // namespace kasse::server
