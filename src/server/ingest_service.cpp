#include "server/ingest_service.h"

#include "journal/entry_check.h"
#include "journal/entry_json.h"

namespace kasse::server {
IngestService::IngestService(ServerJournalStore& store, VatTable vat_table, Clock& clock)
    : store_(store), vat_table_(std::move(vat_table)), clock_(clock) {}

Result<IngestOutcome> IngestService::Ingest(const RegisterId& register_id, std::string_view batch_json) {
  Result<std::vector<std::string>> raw = sync::DecodeBatch(batch_json);
  if (!raw.ok()) return raw.status();
  std::lock_guard lock(mutex_);
  Result<int64_t> acked = store_.AckedSeq(register_id);
  if (!acked.ok()) return acked.status();
  IngestOutcome outcome;
  std::vector<StoredEntry> fresh;
  int64_t expected = *acked + 1;
  for (size_t i = 0; i < raw->size(); ++i) {
    const std::string& body = (*raw)[i];
    Result<journal::JournalEntry> entry = journal::DecodeEntry(body);
    if (!entry.ok()) return entry.status().WithFieldPrefix(IndexedField("entries", i));
    if (entry->register_id != register_id) {
      return Status::InvalidArgument(IndexedField("entries", i) + ".register_id",
                                     "is an entry of another register than " + register_id.value());
    }
    if (entry->seq <= *acked) {
      Result<std::optional<std::string>> stored = store_.Body(register_id, entry->seq);
      if (!stored.ok()) return stored.status();
      if (*stored && **stored != body) {
        return Status::Conflict(IndexedField("entries", i),
                                "seq " + std::to_string(entry->seq) + " is stored with different content");
      }
      continue;  // a replay
    }
    if (entry->seq != expected) {
      if (fresh.empty()) {
        outcome.ack.acknowledged_seq = *acked;
        outcome.gap_expected_seq = expected;
        return outcome;
      }
      break;  // a gap inside the batch: keep what came before it
    }
    StoredEntry stored{entry->seq,
                       std::string(journal::KindName(entry->payload)),
                       journal::ReceiptNumberOf(entry->payload),
                       journal::OriginalKeyOf(entry->payload),
                       body,
                       ""};
    Status checked = journal::CheckEntry(*entry, vat_table_);
    if (!checked.ok()) {
      stored.quarantine = checked.ToString();
      outcome.ack.quarantined.push_back({entry->seq, stored.quarantine});
    }
    fresh.push_back(std::move(stored));
    ++expected;
  }
  KASSE_RETURN_IF_ERROR(store_.Append(register_id, fresh, clock_.NowUnixMillis()));
  outcome.ack.acknowledged_seq = expected - 1;
  return outcome;
}

}  // namespace kasse::server
