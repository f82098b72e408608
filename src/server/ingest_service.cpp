#include "server/ingest_service.h"

#include <algorithm>

#include "journal/entry_check.h"
#include "journal/entry_json.h"

namespace kasse::server {

IngestService::IngestService(storage::SqlPool& pool, VatTable vat_table, Clock& clock,
                             std::vector<Projection*> projections)
    : pool_(pool), vat_table_(std::move(vat_table)), clock_(clock), projections_(std::move(projections)) {}

Result<IngestOutcome> IngestService::Ingest(const RegisterId& register_id, std::string_view batch_json,
                                            int64_t reported_head) {
  // Decoding and checking (signatures, totals) are pure and the costly part: they
  // run before the transaction, so SQLite's single write lock is held only for
  // the database work.
  Result<std::vector<DecodedEntry>> decoded = Decode(register_id, batch_json);
  if (!decoded.ok()) return decoded.status();
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(**db);
  if (!tx.ok()) return tx.status();
  Result<IngestOutcome> outcome = Store(**db, register_id, *decoded);
  if (!outcome.ok() || outcome->gap_expected_seq) return outcome;  // the transaction rolls back
  if (reported_head > 0) KASSE_RETURN_IF_ERROR(JournalStore::RecordHead(**db, register_id, reported_head));
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return outcome;
}

Result<std::vector<IngestService::DecodedEntry>> IngestService::Decode(const RegisterId& register_id,
                                                                       std::string_view batch_json) const {
  Result<std::vector<std::string>> bodies = sync::DecodeBatch(batch_json);
  if (!bodies.ok()) return bodies.status();
  std::vector<DecodedEntry> decoded;
  decoded.reserve(bodies->size());
  for (size_t i = 0; i < bodies->size(); ++i) {
    Result<journal::JournalEntry> entry = journal::DecodeEntry((*bodies)[i]);
    if (!entry.ok()) return entry.status().WithFieldPrefix(IndexedField("entries", i));
    if (entry->register_id != register_id) {
      return Status::InvalidArgument(IndexedField("entries", i) + ".register_id",
                                     "is an entry of another register than " + register_id.value());
    }
    Status checked = journal::CheckEntry(*entry, vat_table_);
    decoded.push_back({std::move(*entry), std::move((*bodies)[i]), checked.ok() ? "" : checked.ToString()});
  }
  return decoded;
}

Result<IngestOutcome> IngestService::Store(storage::SqlConnection& tx, const RegisterId& register_id,
                                           const std::vector<DecodedEntry>& decoded) {
  Result<int64_t> acked = JournalStore::LockProgress(tx, register_id);
  if (!acked.ok()) return acked.status();
  IngestOutcome outcome;
  std::vector<StoredEntry> fresh;
  int64_t expected = *acked + 1;
  int64_t received_ms = clock_.NowUnixMillis();
  for (size_t i = 0; i < decoded.size(); ++i) {
    const journal::JournalEntry& entry = decoded[i].entry;
    const std::string& body = decoded[i].body;
    if (entry.seq <= *acked) {
      Result<std::optional<std::string>> stored = JournalStore::Body(tx, register_id, entry.seq);
      if (!stored.ok()) return stored.status();
      if (*stored && **stored != body) {
        return Status::Conflict(IndexedField("entries", i),
                                "seq " + std::to_string(entry.seq) + " is stored with different content");
      }
      ++outcome.replayed;
      continue;
    }
    if (entry.seq != expected) {
      if (fresh.empty()) {
        outcome.ack.acknowledged_seq = *acked;
        outcome.gap_expected_seq = expected;
        return outcome;
      }
      break;  // a gap inside the batch: keep what came before it
    }
    StoredEntry stored{entry.seq,
                       std::string(journal::KindName(entry.payload)),
                       journal::ReceiptNumberOf(entry.payload),
                       journal::OriginalKeyOf(entry.payload),
                       body,
                       decoded[i].quarantine};
    if (!stored.quarantine.empty()) {
      outcome.ack.quarantined.push_back({entry.seq, stored.quarantine});
    } else {
      KASSE_RETURN_IF_ERROR(Project(tx, entry, body, received_ms));
    }
    fresh.push_back(std::move(stored));
    outcome.newest_recorded_ms = std::max(outcome.newest_recorded_ms, entry.recorded_ms);
    ++expected;
  }
  KASSE_RETURN_IF_ERROR(JournalStore::Append(tx, register_id, fresh, received_ms));
  outcome.ack.acknowledged_seq = expected - 1;
  outcome.stored = fresh.size();
  return outcome;
}

Status IngestService::Project(storage::SqlConnection& tx, const journal::JournalEntry& entry, const std::string& body,
                              int64_t received_ms) {
  AcceptedEntry accepted{entry, body, received_ms};
  for (Projection* projection : projections_) {
    Status applied = projection->Apply(tx, accepted);
    if (!applied.ok()) {
      return Status::Internal("projection " + std::string(projection->name()) + " failed on seq " +
                              std::to_string(entry.seq) + ": " + applied.ToString());
    }
  }
  return Status::Ok();
}

}  // namespace kasse::server
