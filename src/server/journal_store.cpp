#include "server/journal_store.h"

namespace kasse::server {
namespace {

using storage::SqliteStatement;

constexpr std::string_view kAckedSeq = "SELECT acked_seq FROM register_progress WHERE register_id = ?1";
constexpr std::string_view kBody = "SELECT body FROM journal_entries WHERE register_id = ?1 AND seq = ?2";
constexpr std::string_view kInsert =
    "INSERT INTO journal_entries(register_id, seq, kind, receipt_number, original_ref, body, quarantine, received_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kProgress =
    "INSERT INTO register_progress(register_id, acked_seq) VALUES (?1, ?2) "
    "ON CONFLICT(register_id) DO UPDATE SET acked_seq = excluded.acked_seq";
constexpr std::string_view kReceipt =
    "SELECT body FROM journal_entries WHERE register_id = ?1 AND receipt_number = ?2 AND quarantine IS NULL";
constexpr std::string_view kReturns =
    "SELECT body FROM journal_entries WHERE original_ref = ?1 AND quarantine IS NULL ORDER BY register_id, seq";

}  // namespace

Result<std::unique_ptr<SqliteServerStore>> SqliteServerStore::Open(const std::string& path) {
  Result<storage::SqliteDatabase> db = storage::SqliteDatabase::Open(path);
  if (!db.ok()) return db.status();
  KASSE_RETURN_IF_ERROR(storage::Migrate(*db, ServerMigrations()));
  return std::unique_ptr<SqliteServerStore>(new SqliteServerStore(std::move(db).value()));
}

Result<int64_t> SqliteServerStore::AckedSeq(const RegisterId& register_id) {
  std::lock_guard lock(mutex_);
  Result<SqliteStatement*> query = db_.Prepare(kAckedSeq);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, register_id.value());
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  int64_t acked = *row ? (*query)->Int(0) : 0;
  (*query)->Reset();
  return acked;
}

Result<std::optional<std::string>> SqliteServerStore::OptionalText(std::string_view sql, const std::string& key,
                                                                   int64_t number) {
  Result<SqliteStatement*> query = db_.Prepare(sql);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, key).Bind(2, number);
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  std::optional<std::string> text;
  if (*row) text = (*query)->Text(0);
  (*query)->Reset();
  return text;
}

Result<std::optional<std::string>> SqliteServerStore::Body(const RegisterId& register_id, int64_t seq) {
  std::lock_guard lock(mutex_);
  return OptionalText(kBody, register_id.value(), seq);
}

Result<std::optional<std::string>> SqliteServerStore::ReceiptBody(const RegisterId& register_id,
                                                                  int64_t receipt_number) {
  std::lock_guard lock(mutex_);
  return OptionalText(kReceipt, register_id.value(), receipt_number);
}

Result<std::vector<std::string>> SqliteServerStore::ReturnsOf(const std::string& original_ref) {
  std::lock_guard lock(mutex_);
  Result<SqliteStatement*> query = db_.Prepare(kReturns);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, original_ref);
  std::vector<std::string> bodies;
  while (true) {
    Result<bool> row = (*query)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    bodies.push_back((*query)->Text(0));
  }
  (*query)->Reset();
  return bodies;
}

Status SqliteServerStore::Append(const RegisterId& register_id, const std::vector<StoredEntry>& entries,
                                 int64_t received_ms) {
  if (entries.empty()) return Status::Ok();
  std::lock_guard lock(mutex_);
  Result<storage::SqliteTransaction> tx = storage::SqliteTransaction::Begin(db_);
  if (!tx.ok()) return tx.status();
  Result<SqliteStatement*> insert = db_.Prepare(kInsert);
  if (!insert.ok()) return insert.status();
  for (const StoredEntry& entry : entries) {
    SqliteStatement& s = **insert;
    s.Bind(1, register_id.value()).Bind(2, entry.seq).Bind(3, entry.kind).Bind(4, entry.receipt_number);
    if (entry.original_ref) s.Bind(5, *entry.original_ref);
    s.Bind(6, entry.body).Bind(8, received_ms);
    if (!entry.quarantine.empty()) s.Bind(7, entry.quarantine);
    KASSE_RETURN_IF_ERROR(s.Run());
  }
  Result<SqliteStatement*> progress = db_.Prepare(kProgress);
  if (!progress.ok()) return progress.status();
  KASSE_RETURN_IF_ERROR((*progress)->Bind(1, register_id.value()).Bind(2, entries.back().seq).Run());
  return tx->Commit();
}

}  // namespace kasse::server
