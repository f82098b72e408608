#include "server/ingest_service.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "journal/entry_check.h"
#include "journal/entry_json.h"
#include "server/return_check.h"

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
  KASSE_RETURN_IF_ERROR(CheckReportedHead(*decoded, reported_head));
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<IngestOutcome> outcome = StoreInTransaction(**db, register_id, *decoded, reported_head);
  if (outcome.status().IsConflict()) NoteConflict(**db, register_id, outcome.status());
  return outcome;
}

Result<IngestOutcome> IngestService::StoreInTransaction(storage::SqlConnection& db, const RegisterId& register_id,
                                                        const std::vector<DecodedEntry>& decoded,
                                                        int64_t reported_head) {
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(db);
  if (!tx.ok()) return tx.status();
  Result<IngestOutcome> outcome = Store(db, register_id, decoded);
  if (!outcome.ok() || outcome->gap_expected_seq) return outcome;  // the transaction rolls back
  if (reported_head > 0) KASSE_RETURN_IF_ERROR(JournalStore::RecordHead(db, register_id, reported_head));
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return outcome;
}

Status IngestService::CheckReportedHead(const std::vector<DecodedEntry>& decoded, int64_t reported_head) {
  if (reported_head == 0) return Status::Ok();  // not reported
  int64_t last_sent = 0;
  for (const DecodedEntry& entry : decoded) last_sent = std::max(last_sent, entry.entry.seq);
  if (reported_head < last_sent || reported_head - last_sent > kMaxReportedBacklog) {
    return Status::InvalidArgument(sync::kJournalHeadHeader, "is " + std::to_string(reported_head) +
                                                                 "; the register's last seq lies from " +
                                                                 std::to_string(last_sent) + " (the batch's last) to " +
                                                                 std::to_string(last_sent + kMaxReportedBacklog));
  }
  return Status::Ok();
}

void IngestService::NoteConflict(storage::SqlConnection& db, const RegisterId& register_id, const Status& conflict) {
  // Store() names the seq in the message: "seq N is stored with different content".
  int64_t seq = 0;
  const std::string& message = conflict.message();
  if (message.starts_with("seq ")) std::from_chars(message.data() + 4, message.data() + message.size(), seq);
  Status noted = JournalStore::RecordConflict(db, register_id, seq, clock_.NowUnixMillis(), conflict.ToString());
  (void)noted;  // the refusal is answered either way; the conflict shows again on the register's next try
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
  Result<LockedProgress> locked = JournalStore::LockProgress(tx, register_id);
  if (!locked.ok()) return locked.status();
  const int64_t acked = locked->acked_seq;
  ChainState chain = locked->chain;
  IngestOutcome outcome;
  std::vector<StoredEntry> fresh;
  BatchReceipts batch;
  int64_t expected = acked + 1;
  int64_t last_sent = 0;
  int64_t received_ms = clock_.NowUnixMillis();
  for (size_t i = 0; i < decoded.size(); ++i) {
    const journal::JournalEntry& entry = decoded[i].entry;
    const std::string& body = decoded[i].body;
    last_sent = std::max(last_sent, entry.seq);
    if (entry.seq <= acked) {
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
        outcome.ack.acknowledged_seq = acked;
        outcome.gap_expected_seq = expected;
        return outcome;
      }
      break;  // a gap inside the batch: keep what came before it
    }
    std::string quarantine = decoded[i].quarantine;
    if (quarantine.empty()) {
      Status linked = CheckChainLink(chain, entry);
      if (linked.ok()) linked = CheckReturn(tx, entry, batch);
      if (!linked.ok()) quarantine = linked.ToString();
    }
    AdvanceChain(chain, entry, quarantine.empty());
    StoredEntry stored{entry.seq,
                       std::string(journal::KindName(entry.payload)),
                       journal::ReceiptNumberOf(entry.payload),
                       journal::OriginalKeyOf(entry.payload),
                       body,
                       quarantine};
    if (!stored.quarantine.empty()) {
      outcome.ack.quarantined.push_back({entry.seq, stored.quarantine});
    } else {
      KASSE_RETURN_IF_ERROR(Project(tx, entry, body, received_ms));
      if (const auto* receipt = std::get_if<journal::ReceiptEntry>(&entry.payload)) {
        batch.by_number[receipt->receipt_number] = *receipt;
        if (stored.original_ref) batch.returns_by_original[*stored.original_ref].push_back(*receipt);
      }
    }
    fresh.push_back(std::move(stored));
    outcome.newest_recorded_ms = std::max(outcome.newest_recorded_ms, entry.recorded_ms);
    ++expected;
  }
  KASSE_RETURN_IF_ERROR(JournalStore::Append(tx, register_id, fresh, received_ms));
  if (!fresh.empty() && chain != locked->chain) KASSE_RETURN_IF_ERROR(JournalStore::SaveChain(tx, register_id, chain));
  // Never above the last seq sent (docs/sync-protocol.md): a replay of old entries
  // is acknowledged up to its own end, and the register moves on from there.
  outcome.ack.acknowledged_seq = std::min(expected - 1, last_sent);
  outcome.stored = fresh.size();
  return outcome;
}

Status IngestService::CheckReturn(storage::SqlConnection& tx, const journal::JournalEntry& entry,
                                  const BatchReceipts& batch) {
  const auto* receipt = std::get_if<journal::ReceiptEntry>(&entry.payload);
  if (receipt == nullptr || !receipt->receipt.original) return Status::Ok();
  const ReceiptReference& original = *receipt->receipt.original;
  const std::string& id = original.receipt_id.value();
  int64_t number = 0;
  auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), number);
  std::string field = "payload.receipt.original";
  if (error != std::errc() || end != id.data() + id.size() || number < 1) {
    return Status::InvalidArgument(field + ".receipt_id", "is not a receipt number");
  }
  std::optional<journal::ReceiptEntry> sold;
  if (auto in_batch = batch.by_number.find(number);
      original.register_id == entry.register_id && in_batch != batch.by_number.end()) {
    sold = in_batch->second;
  } else {
    Result<std::optional<std::string>> body = JournalStore::ReceiptBody(tx, original.register_id, number);
    if (!body.ok()) return body.status();
    Result<journal::JournalEntry> decoded = *body ? journal::DecodeEntry(**body) : Status::NotFound("", "");
    if (decoded.ok() && std::holds_alternative<journal::ReceiptEntry>(decoded->payload)) {
      sold = std::get<journal::ReceiptEntry>(std::move(decoded->payload));
    }
  }
  const journal::ReceiptEntry* sold_receipt = sold ? &*sold : nullptr;
  if (sold_receipt == nullptr) {
    return Status::InvalidArgument(field, "refers to receipt " + id + " of register " + original.register_id.value() +
                                              ", which the server does not hold");
  }
  std::string key = journal::OriginalKey(original);
  Result<std::vector<std::string>> earlier = JournalStore::ReturnsOf(tx, key);
  if (!earlier.ok()) return earlier.status();
  std::vector<journal::ReceiptEntry> returns;
  for (const std::string& earlier_body : *earlier) {
    Result<journal::JournalEntry> decoded = journal::DecodeEntry(earlier_body);
    if (!decoded.ok()) continue;
    if (const auto* earlier_return = std::get_if<journal::ReceiptEntry>(&decoded->payload)) {
      returns.push_back(*earlier_return);
    }
  }
  if (auto in_batch = batch.returns_by_original.find(key); in_batch != batch.returns_by_original.end()) {
    returns.insert(returns.end(), in_batch->second.begin(), in_batch->second.end());
  }
  return CheckReturnWithinOriginal(*sold_receipt, returns, *receipt);
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
