#include "server/journal_store.h"

#include "journal/entry_json.h"

namespace kasse::server {
namespace {

constexpr std::string_view kEnsureProgress =
    "INSERT INTO register_progress(register_id, acked_seq, last_received_ms) VALUES (?, 0, 0) "
    "ON CONFLICT(register_id) DO NOTHING";
constexpr std::string_view kAckedSeq = "SELECT acked_seq FROM register_progress WHERE register_id = ?";
constexpr std::string_view kLockProgress =
    "SELECT acked_seq, tse_serial, tse_public_key, tse_pinned_seq, tse_last_counter, tse_last_transaction, "
    "last_receipt_number, outage_started_ms, outage_ended_ms FROM register_progress WHERE register_id = ?";
constexpr std::string_view kSaveChain =
    "UPDATE register_progress SET tse_serial = ?, tse_public_key = ?, tse_pinned_seq = ?, tse_last_counter = ?, "
    "tse_last_transaction = ?, last_receipt_number = ?, outage_started_ms = ?, outage_ended_ms = ? "
    "WHERE register_id = ?";
constexpr std::string_view kRecordConflict =
    "UPDATE register_progress SET conflict_seq = ?, conflict_ms = ?, conflict_reason = ? WHERE register_id = ?";
constexpr std::string_view kFirstAccepted =
    "SELECT seq FROM journal_entries WHERE register_id = ? AND seq >= ? AND quarantine IS NULL ORDER BY seq LIMIT 1";
constexpr std::string_view kSetAsideCopy =
    "INSERT INTO journal_set_aside(register_id, seq, kind, body, quarantine, received_ms, set_aside_ms, reason) "
    "SELECT register_id, seq, kind, body, quarantine, received_ms, ?, ? FROM journal_entries "
    "WHERE register_id = ? AND seq >= ?";
constexpr std::string_view kSetAsideDelete = "DELETE FROM journal_entries WHERE register_id = ? AND seq >= ?";
constexpr std::string_view kLastReceiptNumber =
    "SELECT receipt_number FROM journal_entries WHERE register_id = ? AND receipt_number IS NOT NULL "
    "ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kLastOutageNote =
    "SELECT body FROM journal_entries WHERE register_id = ? AND kind IN ('tse_outage_started', 'tse_outage_ended') "
    "ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kAfterRelease =
    "UPDATE register_progress SET acked_seq = ?, last_receipt_number = ?, outage_started_ms = ?, outage_ended_ms = ?, "
    "conflict_seq = 0, conflict_ms = 0, conflict_reason = NULL WHERE register_id = ?";
constexpr std::string_view kPin =
    "UPDATE register_progress SET tse_serial = ?, tse_public_key = ?, tse_pinned_seq = acked_seq + 1, "
    "tse_last_counter = 0, tse_last_transaction = 0 WHERE register_id = ?";
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
    "SELECT register_id, acked_seq, head_seq, last_received_ms, tse_serial, outage_started_ms, conflict_seq, "
    "conflict_ms, conflict_reason FROM register_progress ORDER BY register_id";

Result<std::optional<std::string>> OptionalText(storage::SqlConnection& db, std::string_view sql,
                                                storage::SqlParams params) {
  Result<std::optional<storage::SqlValue>> value = db.QueryValue(sql, params);
  if (!value.ok()) return value.status();
  if (!*value || (*value)->is_null()) return std::optional<std::string>();
  return std::optional<std::string>((*value)->AsText());
}

}  // namespace

Result<LockedProgress> JournalStore::LockProgress(storage::SqlConnection& tx, const RegisterId& register_id) {
  Result<int64_t> ensured = tx.Run(kEnsureProgress, {register_id.value()});
  if (!ensured.ok()) return ensured.status();
  Result<std::vector<storage::SqlRow>> rows =
      tx.Query(std::string(kLockProgress) + std::string(tx.ForUpdate()), {register_id.value()});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Internal("register_progress row missing after insert");
  const storage::SqlRow& row = rows->front();
  LockedProgress locked;
  locked.acked_seq = row[0].AsInt();
  locked.chain.tse_serial = row[1].is_null() ? "" : row[1].AsText();
  locked.chain.tse_public_key = row[2].is_null() ? "" : row[2].AsText();
  locked.chain.tse_pinned_seq = row[3].AsInt();
  locked.chain.tse_last_counter = row[4].AsInt();
  locked.chain.tse_last_transaction = row[5].AsInt();
  locked.chain.last_receipt_number = row[6].AsInt();
  locked.chain.outage_started_ms = row[7].AsInt();
  locked.chain.outage_ended_ms = row[8].AsInt();
  return locked;
}

Status JournalStore::SaveChain(storage::SqlConnection& tx, const RegisterId& register_id, const ChainState& chain) {
  std::optional<std::string> serial;
  std::optional<std::string> key;
  if (!chain.tse_serial.empty()) {
    serial = chain.tse_serial;
    key = chain.tse_public_key;
  }
  return tx
      .Run(kSaveChain, {serial, key, chain.tse_pinned_seq, chain.tse_last_counter, chain.tse_last_transaction,
                        chain.last_receipt_number, chain.outage_started_ms, chain.outage_ended_ms, register_id.value()})
      .status();
}

Status JournalStore::RecordConflict(storage::SqlConnection& db, const RegisterId& register_id, int64_t seq,
                                    int64_t at_ms, const std::string& reason) {
  return db.Run(kRecordConflict, {seq, at_ms, reason, register_id.value()}).status();
}

Result<Release> JournalStore::SetAside(storage::SqlConnection& tx, const RegisterId& register_id, int64_t from_seq,
                                       const std::string& reason, int64_t now_ms) {
  Result<LockedProgress> locked = LockProgress(tx, register_id);
  if (!locked.ok()) return locked.status();
  if (from_seq < 1 || from_seq > locked->acked_seq) {
    return Status::InvalidArgument("from_seq", "register " + register_id.value() + " holds entries 1 to " +
                                                   std::to_string(locked->acked_seq) + "; nothing to set aside from " +
                                                   std::to_string(from_seq));
  }
  Result<std::optional<storage::SqlValue>> accepted = tx.QueryValue(kFirstAccepted, {register_id.value(), from_seq});
  if (!accepted.ok()) return accepted.status();
  if (*accepted) {
    return Status::Conflict("from_seq", "entry " + std::to_string((*accepted)->AsInt()) +
                                            " passed its checks and is counted in sales; only quarantined entries "
                                            "can be set aside");
  }
  Result<int64_t> copied = tx.Run(kSetAsideCopy, {now_ms, reason, register_id.value(), from_seq});
  if (!copied.ok()) return copied.status();
  Result<int64_t> deleted = tx.Run(kSetAsideDelete, {register_id.value(), from_seq});
  if (!deleted.ok()) return deleted.status();
  ChainState chain = locked->chain;
  Result<std::optional<storage::SqlValue>> number = tx.QueryValue(kLastReceiptNumber, {register_id.value()});
  if (!number.ok()) return number.status();
  chain.last_receipt_number = *number ? (*number)->AsInt() : 0;
  chain.outage_started_ms = 0;
  chain.outage_ended_ms = 0;
  Result<std::optional<std::string>> note = OptionalText(tx, kLastOutageNote, {register_id.value()});
  if (!note.ok()) return note.status();
  if (*note) {
    Result<journal::JournalEntry> entry = journal::DecodeEntry(**note);
    if (!entry.ok()) return Status::Internal("stored outage note does not decode: " + entry.status().ToString());
    AdvanceChain(chain, *entry, /*accepted=*/true);
  }
  Result<int64_t> moved = tx.Run(kAfterRelease, {from_seq - 1, chain.last_receipt_number, chain.outage_started_ms,
                                                 chain.outage_ended_ms, register_id.value()});
  if (!moved.ok()) return moved.status();
  return Release{*deleted, from_seq - 1};
}

Result<std::string> JournalStore::PinSigningUnit(storage::SqlConnection& tx, const RegisterId& register_id,
                                                 const std::string& serial, const std::string& public_key_base64) {
  Result<LockedProgress> locked = LockProgress(tx, register_id);
  if (!locked.ok()) return locked.status();
  Result<int64_t> pinned = tx.Run(kPin, {serial, public_key_base64, register_id.value()});
  if (!pinned.ok()) return pinned.status();
  return locked->chain.tse_serial;
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
    progress.push_back({RegisterId(row[0].AsText()), row[1].AsInt(), row[2].AsInt(), row[3].AsInt(),
                        row[4].is_null() ? "" : row[4].AsText(), row[5].AsInt() > 0, row[6].AsInt(), row[7].AsInt(),
                        row[8].is_null() ? "" : row[8].AsText()});
  }
  return progress;
}

}  // namespace kasse::server
