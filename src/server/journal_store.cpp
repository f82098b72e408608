#include "server/journal_store.h"

namespace kasse::server {
namespace {

constexpr std::string_view kEnsureProgress =
    "INSERT INTO register_progress(register_id, acked_seq, last_received_ms) VALUES (?, 0, 0) "
    "ON CONFLICT(register_id) DO NOTHING";
constexpr std::string_view kAckedSeq = "SELECT acked_seq FROM register_progress WHERE register_id = ?";
constexpr std::string_view kBody = "SELECT body FROM journal_entries WHERE register_id = ? AND seq = ?";
constexpr std::string_view kInsert =
    "INSERT INTO journal_entries(register_id, seq, kind, receipt_number, original_ref, body, quarantine, received_ms) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kProgress =
    "UPDATE register_progress SET acked_seq = ?, last_received_ms = ? WHERE register_id = ?";
constexpr std::string_view kRecordHead =
    "UPDATE register_progress SET head_seq = ? WHERE register_id = ? AND head_seq < ?";
constexpr std::string_view kReceipt =
    "SELECT body FROM journal_entries WHERE register_id = ? AND receipt_number = ? AND quarantine IS NULL";
constexpr std::string_view kReturns =
    "SELECT body FROM journal_entries WHERE original_ref = ? AND quarantine IS NULL ORDER BY register_id, seq";
constexpr std::string_view kQuarantined =
    "SELECT register_id, seq, kind, quarantine, received_ms FROM journal_entries WHERE quarantine IS NOT NULL "
    "ORDER BY received_ms DESC, register_id, seq LIMIT ?";
constexpr std::string_view kAllProgress =
    "SELECT register_id, acked_seq, head_seq, last_received_ms FROM register_progress ORDER BY register_id";

Result<std::optional<std::string>> OptionalText(storage::SqlConnection& db, std::string_view sql,
                                                storage::SqlParams params) {
  Result<std::optional<storage::SqlValue>> value = db.QueryValue(sql, params);
  if (!value.ok()) return value.status();
  if (!*value || (*value)->is_null()) return std::optional<std::string>();
  return std::optional<std::string>((*value)->AsText());
}

}  // namespace

Result<int64_t> JournalStore::LockProgress(storage::SqlConnection& tx, const RegisterId& register_id) {
  Result<int64_t> ensured = tx.Run(kEnsureProgress, {register_id.value()});
  if (!ensured.ok()) return ensured.status();
  Result<std::optional<storage::SqlValue>> acked =
      tx.QueryValue(std::string(kAckedSeq) + std::string(tx.ForUpdate()), {register_id.value()});
  if (!acked.ok()) return acked.status();
  return *acked ? (*acked)->AsInt() : 0;
}

Result<int64_t> JournalStore::AckedSeq(storage::SqlConnection& db, const RegisterId& register_id) {
  Result<std::optional<storage::SqlValue>> acked = db.QueryValue(kAckedSeq, {register_id.value()});
  if (!acked.ok()) return acked.status();
  return *acked ? (*acked)->AsInt() : 0;
}

Result<std::optional<std::string>> JournalStore::Body(storage::SqlConnection& db, const RegisterId& register_id,
                                                      int64_t seq) {
  return OptionalText(db, kBody, {register_id.value(), seq});
}

Status JournalStore::Append(storage::SqlConnection& tx, const RegisterId& register_id,
                            const std::vector<StoredEntry>& entries, int64_t received_ms) {
  if (entries.empty()) return Status::Ok();
  for (const StoredEntry& entry : entries) {
    std::optional<std::string> quarantine;
    if (!entry.quarantine.empty()) quarantine = entry.quarantine;
    Result<int64_t> inserted = tx.Run(kInsert, {register_id.value(), entry.seq, entry.kind, entry.receipt_number,
                                                entry.original_ref, entry.body, quarantine, received_ms});
    if (!inserted.ok()) return inserted.status();
  }
  Result<int64_t> moved = tx.Run(kProgress, {entries.back().seq, received_ms, register_id.value()});
  if (!moved.ok()) return moved.status();
  if (*moved != 1) return Status::Internal("register_progress row missing; call LockProgress first");
  return Status::Ok();
}

Status JournalStore::RecordHead(storage::SqlConnection& tx, const RegisterId& register_id, int64_t head_seq) {
  return tx.Run(kRecordHead, {head_seq, register_id.value(), head_seq}).status();
}

Result<std::optional<std::string>> JournalStore::ReceiptBody(storage::SqlConnection& db, const RegisterId& register_id,
                                                             int64_t receipt_number) {
  return OptionalText(db, kReceipt, {register_id.value(), receipt_number});
}

Result<std::vector<std::string>> JournalStore::ReturnsOf(storage::SqlConnection& db, const std::string& original_ref) {
  Result<std::vector<storage::SqlRow>> rows = db.Query(kReturns, {original_ref});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> bodies;
  bodies.reserve(rows->size());
  for (const storage::SqlRow& row : *rows) bodies.push_back(row[0].AsText());
  return bodies;
}

Result<std::vector<QuarantinedEntry>> JournalStore::Quarantined(storage::SqlConnection& db, size_t limit) {
  Result<std::vector<storage::SqlRow>> rows = db.Query(kQuarantined, {static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<QuarantinedEntry> entries;
  for (const storage::SqlRow& row : *rows) {
    entries.push_back({RegisterId(row[0].AsText()), row[1].AsInt(), row[2].AsText(), row[3].AsText(), row[4].AsInt()});
  }
  return entries;
}

Result<std::vector<RegisterProgress>> JournalStore::Progress(storage::SqlConnection& db) {
  Result<std::vector<storage::SqlRow>> rows = db.Query(kAllProgress);
  if (!rows.ok()) return rows.status();
  std::vector<RegisterProgress> progress;
  for (const storage::SqlRow& row : *rows) {
    progress.push_back({RegisterId(row[0].AsText()), row[1].AsInt(), row[2].AsInt(), row[3].AsInt()});
  }
  return progress;
}

}  // namespace kasse::server
