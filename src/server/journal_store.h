// ServerJournalStore: where the server keeps every register's journal entries.
//
// One interface, so ingestion does not care about the database; SqliteServerStore
// is the embedded backend (a PostgreSQL backend follows with the same contract).
// Stored entries are the registers' bytes, never re-encoded.
//
// Thread-safety: implementations serialise their own access.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/ids.h"
#include "storage/migrator.h"
#include "storage/sqlite_database.h"

namespace kasse::server {

struct StoredEntry {
  int64_t seq = 0;
  std::string kind;
  std::optional<int64_t> receipt_number;
  std::optional<std::string> original_ref;
  std::string body;
  std::string quarantine;  // empty: the entry passed its checks
};

class ServerJournalStore {
 public:
  virtual ~ServerJournalStore() = default;

  // The register's acknowledged seq (0 for a register never heard of).
  virtual Result<int64_t> AckedSeq(const RegisterId& register_id) = 0;
  // The stored body under `seq`, if any.
  virtual Result<std::optional<std::string>> Body(const RegisterId& register_id, int64_t seq) = 0;
  // Appends entries that follow the acknowledged seq without a gap, and moves it,
  // in one transaction. Conflict if the database already holds one of them.
  virtual Status Append(const RegisterId& register_id, const std::vector<StoredEntry>& entries,
                        int64_t received_ms) = 0;
  // A receipt by its number, and the bodies of the receipts that refer to it.
  virtual Result<std::optional<std::string>> ReceiptBody(const RegisterId& register_id, int64_t receipt_number) = 0;
  virtual Result<std::vector<std::string>> ReturnsOf(const std::string& original_ref) = 0;
};

class SqliteServerStore final : public ServerJournalStore {
 public:
  static Result<std::unique_ptr<SqliteServerStore>> Open(const std::string& path);

  Result<int64_t> AckedSeq(const RegisterId& register_id) override;
  Result<std::optional<std::string>> Body(const RegisterId& register_id, int64_t seq) override;
  Status Append(const RegisterId& register_id, const std::vector<StoredEntry>& entries, int64_t received_ms) override;
  Result<std::optional<std::string>> ReceiptBody(const RegisterId& register_id, int64_t receipt_number) override;
  Result<std::vector<std::string>> ReturnsOf(const std::string& original_ref) override;

 private:
  explicit SqliteServerStore(storage::SqliteDatabase db) : db_(std::move(db)) {}
  Result<std::optional<std::string>> OptionalText(std::string_view sql, const std::string& key, int64_t number);
  std::mutex mutex_;
  storage::SqliteDatabase db_;
};

// The server database's migrations (schema/V*.sql).
std::span<const storage::Migration> ServerMigrations();

}  // namespace kasse::server
