#include "server/server_metrics.h"

#include <algorithm>

#include "server/journal_store.h"

namespace kasse::server {

ServerMetrics::ServerMetrics(ops::MetricsRegistry& registry, storage::SqlPool& pool, Clock& clock)
    : pool_(pool),
      clock_(clock),
      ingested_(registry.AddCounter("kasse_journal_entries_ingested_total",
                                    "Journal entries stored, quarantined ones included.")),
      quarantined_(registry.AddCounter("kasse_journal_entries_quarantined_total",
                                       "Journal entries that failed their checks and were quarantined.")),
      replayed_(registry.AddCounter("kasse_journal_entries_replayed_total",
                                    "Journal entries sent again that the server already held.")),
      batch_seconds_(registry.AddHistogram("kasse_ingest_batch_seconds",
                                           "Time to take in one journal upload, from request to commit.",
                                           {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5})),
      errors_(registry.AddCounter("kasse_ingest_errors_total", "Journal uploads refused or failed, by error code.",
                                  {"code"})),
      acked_(registry.AddGauge("kasse_register_acked_seq", "The register's acknowledged journal seq.", {"register"})),
      backlog_(registry.AddGauge("kasse_register_backlog_entries",
                                 "Journal entries the register still holds unsent, as of its last upload.",
                                 {"register"})),
      lag_(registry.AddGauge("kasse_register_lag_ms",
                             "Age of the register's newest entry when its last upload arrived.", {"register"})),
      idle_(registry.AddGauge("kasse_register_idle_seconds", "Seconds since the register's last entry arrived.",
                              {"register"})) {
  registry.AddCollector([this] { Collect(); });
}

void ServerMetrics::BatchIngested(const RegisterId& register_id, const IngestOutcome& outcome, double seconds,
                                  int64_t head, int64_t newest_recorded_ms) {
  ingested_.Get().Add(outcome.stored);
  quarantined_.Get().Add(outcome.ack.quarantined.size());
  replayed_.Get().Add(outcome.replayed);
  batch_seconds_.Get().Observe(seconds);
  if (head > 0)
    backlog_.WithLabels({register_id.value()}).Set(std::max<int64_t>(0, head - outcome.ack.acknowledged_seq));
  if (newest_recorded_ms > 0) {
    lag_.WithLabels({register_id.value()}).Set(std::max<int64_t>(0, clock_.NowUnixMillis() - newest_recorded_ms));
  }
}

void ServerMetrics::BatchFailed(std::string_view code) { errors_.WithLabels({std::string(code)}).Increment(); }

void ServerMetrics::Collect() {
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return;  // /readyz reports the database; metrics keep their last values
  Result<std::vector<RegisterProgress>> progress = JournalStore::Progress(**db);
  if (!progress.ok()) return;
  int64_t now = clock_.NowUnixMillis();
  for (const RegisterProgress& p : *progress) {
    acked_.WithLabels({p.register_id.value()}).Set(p.acked_seq);
    if (p.head_seq > 0)
      backlog_.WithLabels({p.register_id.value()}).Set(std::max<int64_t>(0, p.head_seq - p.acked_seq));
    if (p.last_received_ms > 0) idle_.WithLabels({p.register_id.value()}).Set((now - p.last_received_ms) / 1000);
  }
}

}  // namespace kasse::server
