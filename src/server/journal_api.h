// The server's journal routes: registers upload their journal and look up each
// other's receipts (docs/sync-protocol.md). Handlers are thin: they call
// IngestService or the store and serialise the answer.
//
// `kasse server` does not expose these routes yet (issue 4 is in progress).
//
// Thread-safety: as IngestService and the store.
#pragma once

#include "http/router.h"
#include "server/credentials.h"
#include "server/ingest_service.h"
#include "server/journal_store.h"

namespace kasse::server {

// The journal routes, each answering only a device enrolled for the register in the
// path (401 without a valid credential, 403 for another register's credential).
void AddJournalRoutes(http::Router& router, IngestService& ingest, ServerJournalStore& store, Credentials& credentials);

// POST /api/v1/enrollments {register_id, replace_device?} with the admin token →
// 201 {code}; POST /api/v1/enroll {code, device_id} → {register_id, token}.
void AddEnrollmentRoutes(http::Router& router, Credentials& credentials);

}  // namespace kasse::server
