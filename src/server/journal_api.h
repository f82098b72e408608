// The server's journal routes: registers upload their journal and look up each
// other's receipts (docs/sync-protocol.md). Handlers are thin: they call
// IngestService or the store and serialise the answer.
//
// Thread-safety: as IngestService and the store.
#pragma once

#include "http/router.h"
#include "masterdata/master_data_store.h"
#include "ops/json_log.h"
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
};

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
