// ServerMetrics: what `kasse server` reports on /metrics (Prometheus text format).
//
//   kasse_journal_entries_ingested_total       entries stored (quarantined included)
//   kasse_journal_entries_quarantined_total    entries that failed their checks
//   kasse_journal_entries_replayed_total       entries sent again that the server had
//   kasse_ingest_batch_seconds                 histogram: one upload, from request to commit
//   kasse_ingest_errors_total{code}            refused or failed uploads by error code
//   kasse_register_acked_seq{register}         the register's acknowledged seq
//   kasse_register_backlog_entries{register}   entries the register still holds (its head − acked)
//   kasse_register_lag_ms{register}            how old its newest entry was on arrival
//   kasse_register_idle_seconds{register}      time since its last entry arrived
//
// acked_seq, backlog and idle come from the database at every scrape (a
// collector), so each server process shows every register, whichever process took
// its uploads. The lag is what this process saw in the uploads it took.
//
// Thread-safety: every method from any thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/clock.h"
#include "domain/ids.h"
#include "ops/metrics_registry.h"
#include "server/ingest_service.h"
#include "storage/sql_pool.h"

namespace kasse::server {

class ServerMetrics {
 public:
  ServerMetrics(ops::MetricsRegistry& registry, storage::SqlPool& pool, Clock& clock);

  // One upload taken: `head` is the register's last seq as it told us (0: unknown),
  // `newest_recorded_ms` when the newest entry of the batch was written at the register.
  void BatchIngested(const RegisterId& register_id, const IngestOutcome& outcome, double seconds, int64_t head,
                     int64_t newest_recorded_ms);
  void BatchFailed(std::string_view code);

 private:
  void Collect();

  storage::SqlPool& pool_;
  Clock& clock_;
  ops::CounterFamily& ingested_;
  ops::CounterFamily& quarantined_;
  ops::CounterFamily& replayed_;
  ops::HistogramFamily& batch_seconds_;
  ops::CounterFamily& errors_;
  ops::GaugeFamily& acked_;
  ops::GaugeFamily& backlog_;
  ops::GaugeFamily& lag_;
  ops::GaugeFamily& idle_;
};

}  // namespace kasse::server
