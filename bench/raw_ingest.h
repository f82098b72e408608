// The raw baseline of the ingestion benchmark (bench code only; the product
// reaches the databases through kasse_storage).
//
// RecordingConnection: a storage::SqlConnection that stores nothing and records
// every write statement (SQL text and parameters). Running the real IngestService
// with SaleFacts against it yields exactly the writes one batch makes in the real
// ingest transaction (journal_entries, register_progress, sale_receipts,
// sale_lines, sale_payments, sale_vat, sales_rollup), and, timed, what ingestion
// costs without a database.
//
// RawWriter: replays recorded batches directly through the driver, with prepared
// statements cached by SQL text, one transaction per batch: SqliteRawWriter
// (sqlite3 C API, WAL, synchronous=FULL, foreign_keys=ON, BEGIN IMMEDIATE, as the
// server's connection) and PostgresRawWriter (libpq, PQprepare/PQexecPrepared with
// text parameters, synchronous_commit on, the server default).
//
// Thread-safety: each object belongs to one thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/sql.h"

namespace kasse::bench {

struct RecordedStatement {
  std::string sql;
  std::vector<storage::SqlValue> params;
};
using RecordedBatch = std::vector<RecordedStatement>;

class RecordingConnection final : public storage::SqlConnection {
 public:
  explicit RecordingConnection(std::vector<RecordedStatement>* out) : out_(out) {}
  storage::SqlDialect dialect() const override { return storage::SqlDialect::kSqlite; }
  Status Execute(std::string_view) override { return Status::Ok(); }
  // Answers the progress-row and receipt lookups from the writes it has seen.
  Result<std::vector<storage::SqlRow>> Query(std::string_view sql, std::span<const storage::SqlValue> params) override;
  Result<int64_t> Run(std::string_view sql, std::span<const storage::SqlValue> params) override;
  Status Begin() override { return Status::Ok(); }
  Status Commit() override { return Status::Ok(); }
  void Rollback() override {}
  bool Healthy() override { return true; }

 private:
  std::vector<storage::SqlValue>& ProgressRow(const std::string& register_id);

  std::vector<RecordedStatement>* out_;
  // The progress row per register as IngestService reads it (acked seq, then the
  // chain state of server/journal_chain.h), kept from the updates it has seen.
  std::map<std::string, std::vector<storage::SqlValue>> progress_;
  // Accepted entries' bodies, for the return check's lookups of originals.
  std::map<std::pair<std::string, int64_t>, std::string> receipts_;
  std::map<std::string, std::vector<std::string>> returns_;
};

class RawWriter {
 public:
  virtual ~RawWriter() = default;
  // One transaction: every statement of `batch`, then commit (durable on return).
  virtual void Write(const RecordedBatch& batch) = 0;
};

std::unique_ptr<RawWriter> OpenSqliteRawWriter(const std::string& path);
std::unique_ptr<RawWriter> OpenPostgresRawWriter(const std::string& url);

}  // namespace kasse::bench
