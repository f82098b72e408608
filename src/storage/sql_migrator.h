// MigrateSql: brings a SqlConnection's schema up to date, like Migrate() does for
// the register's SqliteDatabase (migrator.h), on either backend.
//
// Each migration runs in its own transaction together with its schema_version row.
// On PostgreSQL the transaction first takes an advisory lock, so several server
// processes starting at once apply each migration exactly once. A database newer
// than the program is refused.
//
// Thread-safety: as SqlConnection.
#pragma once

#include <span>

#include "storage/migrator.h"
#include "storage/sql.h"

namespace kasse::storage {

Status MigrateSql(SqlConnection& connection, std::span<const Migration> migrations);

}  // namespace kasse::storage
