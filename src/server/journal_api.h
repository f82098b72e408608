// The server's journal routes: registers upload their journal and look up each
// other's receipts (docs/sync-protocol.md). Handlers are thin: they call
// IngestService or the store and serialise the answer.
//
// Thread-safety: as IngestService and the store.
#pragma once

#include <chrono>
#include <string_view>

#include "http/router.h"
#include "masterdata/master_data_store.h"
#include "ops/json_log.h"
#include "ops/log_throttle.h"
#include "server/credentials.h"
#include "server/ingest_service.h"
#include "server/server_metrics.h"
#include "storage/sql_pool.h"

namespace kasse::server {

// What the journal routes work with.
struct JournalRouteDeps {
  IngestService& ingest;
  storage::SqlPool& pool;
  Credentials& credentials;
  ServerMetrics& metrics;
  ops::Logger& log;
  ops::LogThrottle& refusals;  // the log lines of refused uploads, kRefusalLogInterval
};

// At most one log line per register and error code in this time (with the number held back).
inline constexpr std::chrono::seconds kRefusalLogInterval{10};

// A refused journal upload: counted in the metrics by its code, and logged (throttled
// by deps.refusals). The upload route calls it, and so does the server when it refuses
// an upload from its head (no or a wrong credential, or the credential check failed).
void RecordRefusedUpload(const JournalRouteDeps& deps, std::string_view register_id, const Status& status);

// The journal routes, each answering only a device enrolled for the register in the
// path (401 without a valid credential, 403 for another register's credential).
// Uploads are counted and timed in the metrics; refusals and quarantines logged.
void AddJournalRoutes(http::Router& router, const JournalRouteDeps& deps);

// POST /api/v1/enrollments {register_id, replace_device?} with the admin token →
// 201 {code}, for a register of the master data only (404 otherwise: a register
// belongs to a store, whose time zone and address its journal needs); POST
// /api/v1/enroll {code, device_id} → {register_id, token}. Both are privileged
// actions and logged.
void AddEnrollmentRoutes(http::Router& router, Credentials& credentials, masterdata::MasterDataStore& master_data,
                         ops::Logger& log);

}  // namespace kasse::server
