// JournalStore: the register's durable state in one SQLite database
// (DATA_DIR/register.db, schema in schema/V*.sql, format in docs/journal-format.md).
//
// It holds the journal (append-only, seq and receipt numbers without gaps, both
// enforced by the database), the sales not yet finished (the one being rung up and
// the parked ones), the TSE outage marker, the software signing unit's counters
// and the sync position. Callers group changes with Begin(): everything written
// between Begin() and Commit() lands together or not at all, and is on disk
// (WAL, synchronous=FULL) when Commit() returns. Writes outside a transaction
// are refused, so no step can half-happen.
//
// It is also the SoftwareTseStateStore, so the software signing unit's counters
// commit or roll back with the journal entry they signed.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "journal/entry.h"
#include "signing/software_signing_unit.h"
#include "storage/sqlite_database.h"

namespace kasse::reg {

struct ParkedSale {
  int64_t slot = 0;
  int64_t parked_ms = 0;
  journal::ReceiptEntry draft;
};

struct TseOutage {
  int64_t started_ms = 0;
  std::string reason;
};

class JournalStore final : public signing::SoftwareTseStateStore {
 public:
  // SQLite checkpoints the WAL inside a commit only past this many pages; normally
  // WalCheckpointer does it in the background, between the cashier's steps.
  static constexpr int kWalAutoCheckpointPages = 10'000;

  static Result<std::unique_ptr<JournalStore>> Open(const std::string& path,
                                                    const storage::SqliteDatabase::Options& options);

  Result<storage::SqliteTransaction> Begin() { return storage::SqliteTransaction::Begin(db_); }

  // Appends `entry` with seq = last seq + 1 (set here); returns it as stored.
  Result<journal::JournalEntry> Append(journal::JournalEntry entry);
  Result<int64_t> LastSeq();
  Result<int64_t> LastReceiptNumber();
  // The Z number of the last Kassenabschluss (0 before the first).
  Result<int64_t> LastZNumber();
  // Up to `limit` entries with seq > `after`, in order.
  Result<std::vector<journal::JournalEntry>> ReadAfter(int64_t after, size_t limit);
  Result<std::vector<journal::JournalEntry>> ReadClosing(int64_t closing_number);
  Result<std::optional<journal::JournalEntry>> FindReceipt(int64_t receipt_number);
  // Receipts (returns) that refer to `original`.
  Result<std::vector<journal::ReceiptEntry>> ReturnsOf(const ReceiptReference& original);

  Result<std::optional<journal::ReceiptEntry>> LoadActiveSale();
  Status SaveActiveSale(const journal::ReceiptEntry& draft);
  Status ClearActiveSale();
  Result<int64_t> Park(const journal::ReceiptEntry& draft, int64_t now_ms);
  Result<std::vector<ParkedSale>> ListParked();
  Status RemoveParked(int64_t slot);

  Result<std::optional<TseOutage>> LoadOutage();
  Status SaveOutage(const std::optional<TseOutage>& outage);

  Result<int64_t> AckedSeq();
  Status SetAckedSeq(int64_t seq);

  // signing::SoftwareTseStateStore
  Result<signing::SoftwareTseState> Load() override;
  Status Save(const signing::SoftwareTseState& state) override;

  // Copies the WAL into the database file as far as no reader needs it (PASSIVE:
  // never waits for the writer).
  Status Checkpoint();

  storage::SqliteDatabase& database() { return db_; }

 private:
  explicit JournalStore(storage::SqliteDatabase db) : db_(std::move(db)) {}
  Status RequireTransaction() const;
  Result<int64_t> QueryInt(std::string_view sql);

  storage::SqliteDatabase db_;
};

}  // namespace kasse::reg
