// The server's journal routes: registers upload their journal and look up each
// other's receipts (docs/sync-protocol.md). Handlers are thin: they call
// IngestService or the store and serialise the answer.
//
// Device authentication and the one-device lease are not here yet (issue 4 is in
// progress), which is why `kasse server` does not expose these routes so far.
//
// Thread-safety: as IngestService and the store.
#pragma once

#include "http/router.h"
#include "server/ingest_service.h"
#include "server/journal_store.h"

namespace kasse::server {

void AddJournalRoutes(http::Router& router, IngestService& ingest, ServerJournalStore& store);

}  // namespace kasse::server
