// The operator's routes for one register's journal (docs/sync-protocol.md, "When
// a register is in CONFLICT"): both admin-only, both privileged actions that are
// logged with who asked for what and why.
//
//  - POST /api/v1/registers/{register}/journal/release {from_seq, reason}: sets the
//    register's quarantined entries from `from_seq` on aside (journal_set_aside,
//    kept for the auditor) and acknowledges `from_seq - 1`, so the register's real
//    entries under those seqs can come in (JournalStore::SetAside);
//  - PUT /api/v1/registers/{register}/signing-unit {public_key, reason}: pins a new
//    signing unit for the register's next entries (JournalStore::PinSigningUnit).
// `kasse journal release` and `kasse journal pin-tse` call them.
//
// Thread-safety: as the store.
#pragma once

#include <functional>
#include <string_view>

#include "base/clock.h"
#include "http/router.h"
#include "masterdata/master_data_store.h"
#include "ops/json_log.h"
#include "storage/sql_pool.h"

namespace kasse::server {

struct RegisterAdminDeps {
  storage::SqlPool& pool;
  masterdata::MasterDataStore& master_data;
  std::function<Status(std::string_view authorization)> check_admin;
  ops::Logger& log;
  Clock& clock;
};

void AddRegisterAdminRoutes(http::Router& router, const RegisterAdminDeps& deps);

// The longest reason an operator may give.
inline constexpr size_t kMaxAdminReasonBytes = 500;

}  // namespace kasse::server
