#include "register/journal_store.h"

#include "journal/entry_json.h"
#include "register/migrations.h"
#include "storage/migrator.h"

namespace kasse::reg {
namespace {

using storage::SqliteStatement;

constexpr std::string_view kInsertEntry =
    "INSERT INTO journal(seq, kind, closing_number, receipt_number, original_ref, recorded_ms, body) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kLastSeq = "SELECT COALESCE(MAX(seq), 0) FROM journal";
constexpr std::string_view kLastReceiptNumber = "SELECT COALESCE(MAX(receipt_number), 0) FROM journal";
constexpr std::string_view kLastZNumber =
    "SELECT COALESCE(MAX(closing_number), 0) FROM journal WHERE kind = 'shift_closed'";
constexpr std::string_view kReadAfter = "SELECT body FROM journal WHERE seq > ?1 ORDER BY seq LIMIT ?2";
constexpr std::string_view kReadClosing = "SELECT body FROM journal WHERE closing_number = ?1 ORDER BY seq";
constexpr std::string_view kFindReceipt = "SELECT body FROM journal WHERE receipt_number = ?1";
constexpr std::string_view kReturnsOf = "SELECT body FROM journal WHERE original_ref = ?1 ORDER BY seq";
constexpr std::string_view kLoadActive = "SELECT body FROM open_sale WHERE slot = 0";
constexpr std::string_view kSaveActive = "INSERT OR REPLACE INTO open_sale(slot, body) VALUES (0, ?1)";
constexpr std::string_view kClearActive = "DELETE FROM open_sale WHERE slot = 0";
constexpr std::string_view kPark =
    "INSERT INTO open_sale(slot, body, parked_ms) "
    "VALUES ((SELECT COALESCE(MAX(slot), 0) + 1 FROM open_sale), ?1, ?2)";
constexpr std::string_view kListParked = "SELECT slot, parked_ms, body FROM open_sale WHERE slot > 0 ORDER BY slot";
constexpr std::string_view kRemoveParked = "DELETE FROM open_sale WHERE slot = ?1 AND slot > 0";
constexpr std::string_view kLoadOutage = "SELECT started_ms, reason FROM tse_outage WHERE id = 1";
constexpr std::string_view kSaveOutage = "INSERT OR REPLACE INTO tse_outage(id, started_ms, reason) VALUES (1, ?1, ?2)";
constexpr std::string_view kClearOutage = "DELETE FROM tse_outage";
constexpr std::string_view kAckedSeq = "SELECT acked_seq FROM sync_state WHERE id = 1";
constexpr std::string_view kSetAckedSeq = "UPDATE sync_state SET acked_seq = ?1 WHERE id = 1";
constexpr std::string_view kLoadTse =
    "SELECT last_transaction_number, signature_counter FROM software_tse WHERE id = 1";
constexpr std::string_view kLoadTseOpen =
    "SELECT client_id, transaction_number FROM software_tse_open ORDER BY transaction_number";
constexpr std::string_view kSaveTse =
    "INSERT OR REPLACE INTO software_tse(id, last_transaction_number, signature_counter) VALUES (1, ?1, ?2)";
constexpr std::string_view kClearTseOpen = "DELETE FROM software_tse_open";
constexpr std::string_view kInsertTseOpen =
    "INSERT INTO software_tse_open(client_id, transaction_number) VALUES (?1, ?2)";

Status Corrupt(const Status& status, std::string_view what) {
  return Status::Internal("the register database holds a damaged " + std::string(what) + ": " + status.ToString());
}

// Runs a one-column query of entry bodies and decodes each.
Result<std::vector<journal::JournalEntry>> DecodeRows(SqliteStatement& query) {
  std::vector<journal::JournalEntry> entries;
  while (true) {
    Result<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Result<journal::JournalEntry> entry = journal::DecodeEntry(query.Text(0));
    if (!entry.ok()) return Corrupt(entry.status(), "journal entry");
    entries.push_back(std::move(entry).value());
  }
  query.Reset();
  return entries;
}

}  // namespace

Result<std::unique_ptr<JournalStore>> JournalStore::Open(const std::string& path,
                                                         const storage::SqliteDatabase::Options& options) {
  Result<storage::SqliteDatabase> db = storage::SqliteDatabase::Open(path, options);
  if (!db.ok()) return db.status();
  KASSE_RETURN_IF_ERROR(storage::Migrate(*db, RegisterMigrations()));
  KASSE_RETURN_IF_ERROR(db->Execute("PRAGMA wal_autocheckpoint=" + std::to_string(kWalAutoCheckpointPages)));
  return std::unique_ptr<JournalStore>(new JournalStore(std::move(db).value()));
}

Status JournalStore::RequireTransaction() const {
  if (!db_.in_transaction()) return Status::Internal("register database written outside a transaction");
  return Status::Ok();
}

Result<int64_t> JournalStore::QueryInt(std::string_view sql) {
  Result<SqliteStatement*> query = db_.Prepare(sql);
  if (!query.ok()) return query.status();
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  int64_t value = *row ? (*query)->Int(0) : 0;
  (*query)->Reset();
  return value;
}

Result<journal::JournalEntry> JournalStore::Append(journal::JournalEntry entry) {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<int64_t> last = LastSeq();
  if (!last.ok()) return last.status();
  entry.seq = *last + 1;
  Result<SqliteStatement*> insert = db_.Prepare(kInsertEntry);
  if (!insert.ok()) return insert.status();
  std::optional<std::string> original = journal::OriginalKeyOf(entry.payload);
  SqliteStatement& s = **insert;
  s.Bind(1, entry.seq).Bind(2, journal::KindName(entry.payload)).Bind(3, entry.closing_number);
  s.Bind(4, journal::ReceiptNumberOf(entry.payload)).Bind(6, entry.recorded_ms).Bind(7, journal::EncodeEntry(entry));
  if (original) s.Bind(5, *original);
  KASSE_RETURN_IF_ERROR(s.Run());
  return entry;
}

Result<int64_t> JournalStore::LastSeq() { return QueryInt(kLastSeq); }
Result<int64_t> JournalStore::LastReceiptNumber() { return QueryInt(kLastReceiptNumber); }
Result<int64_t> JournalStore::LastZNumber() { return QueryInt(kLastZNumber); }

Result<std::vector<journal::JournalEntry>> JournalStore::ReadAfter(int64_t after, size_t limit) {
  Result<SqliteStatement*> query = db_.Prepare(kReadAfter);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, after).Bind(2, static_cast<int64_t>(limit));
  return DecodeRows(**query);
}

Result<std::vector<journal::JournalEntry>> JournalStore::ReadClosing(int64_t closing_number) {
  Result<SqliteStatement*> query = db_.Prepare(kReadClosing);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, closing_number);
  return DecodeRows(**query);
}

Result<std::optional<journal::JournalEntry>> JournalStore::FindReceipt(int64_t receipt_number) {
  Result<SqliteStatement*> query = db_.Prepare(kFindReceipt);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, receipt_number);
  Result<std::vector<journal::JournalEntry>> rows = DecodeRows(**query);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<journal::JournalEntry>();
  return std::optional<journal::JournalEntry>(std::move(rows->front()));
}

Result<std::vector<journal::ReceiptEntry>> JournalStore::ReturnsOf(const ReceiptReference& original) {
  Result<SqliteStatement*> query = db_.Prepare(kReturnsOf);
  if (!query.ok()) return query.status();
  (*query)->Bind(1, journal::OriginalKey(original));
  Result<std::vector<journal::JournalEntry>> rows = DecodeRows(**query);
  if (!rows.ok()) return rows.status();
  std::vector<journal::ReceiptEntry> returns;
  for (journal::JournalEntry& row : *rows) {
    if (auto* receipt = std::get_if<journal::ReceiptEntry>(&row.payload)) returns.push_back(std::move(*receipt));
  }
  return returns;
}

Result<std::optional<journal::ReceiptEntry>> JournalStore::LoadActiveSale() {
  Result<SqliteStatement*> query = db_.Prepare(kLoadActive);
  if (!query.ok()) return query.status();
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<journal::ReceiptEntry>();
  Result<journal::ReceiptEntry> draft = journal::DecodeReceiptDraft((*query)->Text(0));
  (*query)->Reset();
  if (!draft.ok()) return Corrupt(draft.status(), "open sale");
  return std::optional<journal::ReceiptEntry>(std::move(draft).value());
}

Status JournalStore::SaveActiveSale(const journal::ReceiptEntry& draft) {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<SqliteStatement*> save = db_.Prepare(kSaveActive);
  if (!save.ok()) return save.status();
  return (*save)->Bind(1, journal::EncodeReceiptDraft(draft)).Run();
}

Status JournalStore::ClearActiveSale() {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<SqliteStatement*> clear = db_.Prepare(kClearActive);
  if (!clear.ok()) return clear.status();
  return (*clear)->Run();
}

Result<int64_t> JournalStore::Park(const journal::ReceiptEntry& draft, int64_t now_ms) {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<SqliteStatement*> park = db_.Prepare(kPark);
  if (!park.ok()) return park.status();
  KASSE_RETURN_IF_ERROR((*park)->Bind(1, journal::EncodeReceiptDraft(draft)).Bind(2, now_ms).Run());
  return db_.last_insert_rowid();
}

Result<std::vector<ParkedSale>> JournalStore::ListParked() {
  Result<SqliteStatement*> query = db_.Prepare(kListParked);
  if (!query.ok()) return query.status();
  std::vector<ParkedSale> parked;
  while (true) {
    Result<bool> row = (*query)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Result<journal::ReceiptEntry> draft = journal::DecodeReceiptDraft((*query)->Text(2));
    if (!draft.ok()) return Corrupt(draft.status(), "parked sale");
    parked.push_back({(*query)->Int(0), (*query)->Int(1), std::move(draft).value()});
  }
  (*query)->Reset();
  return parked;
}

Status JournalStore::RemoveParked(int64_t slot) {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<SqliteStatement*> remove = db_.Prepare(kRemoveParked);
  if (!remove.ok()) return remove.status();
  KASSE_RETURN_IF_ERROR((*remove)->Bind(1, slot).Run());
  if (db_.changes() == 0) return Status::NotFound("slot", "no parked sale " + std::to_string(slot));
  return Status::Ok();
}

Result<std::optional<TseOutage>> JournalStore::LoadOutage() {
  Result<SqliteStatement*> query = db_.Prepare(kLoadOutage);
  if (!query.ok()) return query.status();
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  std::optional<TseOutage> outage;
  if (*row) outage = TseOutage{(*query)->Int(0), (*query)->Text(1)};
  (*query)->Reset();
  return outage;
}

Status JournalStore::SaveOutage(const std::optional<TseOutage>& outage) {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<SqliteStatement*> write = db_.Prepare(outage ? kSaveOutage : kClearOutage);
  if (!write.ok()) return write.status();
  if (outage) (*write)->Bind(1, outage->started_ms).Bind(2, outage->reason);
  return (*write)->Run();
}

Status JournalStore::Checkpoint() { return db_.Execute("PRAGMA wal_checkpoint(PASSIVE)"); }

Result<int64_t> JournalStore::AckedSeq() { return QueryInt(kAckedSeq); }

Status JournalStore::SetAckedSeq(int64_t seq) {
  Result<SqliteStatement*> write = db_.Prepare(kSetAckedSeq);
  if (!write.ok()) return write.status();
  return (*write)->Bind(1, seq).Run();
}

Result<signing::SoftwareTseState> JournalStore::Load() {
  signing::SoftwareTseState state;
  Result<SqliteStatement*> query = db_.Prepare(kLoadTse);
  if (!query.ok()) return query.status();
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    state.last_transaction_number = static_cast<uint64_t>((*query)->Int(0));
    state.signature_counter = static_cast<uint64_t>((*query)->Int(1));
  }
  (*query)->Reset();
  Result<SqliteStatement*> open = db_.Prepare(kLoadTseOpen);
  if (!open.ok()) return open.status();
  while (true) {
    Result<bool> next = (*open)->Step();
    if (!next.ok()) return next.status();
    if (!*next) break;
    state.open.emplace_back((*open)->Text(0), static_cast<uint64_t>((*open)->Int(1)));
  }
  (*open)->Reset();
  return state;
}

Status JournalStore::Save(const signing::SoftwareTseState& state) {
  KASSE_RETURN_IF_ERROR(RequireTransaction());
  Result<SqliteStatement*> save = db_.Prepare(kSaveTse);
  if (!save.ok()) return save.status();
  KASSE_RETURN_IF_ERROR((*save)
                            ->Bind(1, static_cast<int64_t>(state.last_transaction_number))
                            .Bind(2, static_cast<int64_t>(state.signature_counter))
                            .Run());
  Result<SqliteStatement*> clear = db_.Prepare(kClearTseOpen);
  if (!clear.ok()) return clear.status();
  KASSE_RETURN_IF_ERROR((*clear)->Run());
  Result<SqliteStatement*> insert = db_.Prepare(kInsertTseOpen);
  if (!insert.ok()) return insert.status();
  for (const auto& [client, number] : state.open) {
    KASSE_RETURN_IF_ERROR((*insert)->Bind(1, client).Bind(2, static_cast<int64_t>(number)).Run());
  }
  return Status::Ok();
}

}  // namespace kasse::reg
