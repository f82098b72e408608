// The server database: opening it on either backend, with its migrations.
//
// `kasse server --db` takes a SQLite file path (the embedded default) or a
// postgresql:// URL (production; several server processes may share it). The
// schema lives in schema/sqlite/V*.sql and schema/postgres/V*.sql, one file per
// version and backend, the same tables and constraints in each dialect.
//
// Thread-safety: OpenServerDatabase from one thread; the pool is thread-safe.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "base/result.h"
#include "storage/migrator.h"
#include "storage/sql.h"
#include "storage/sql_pool.h"

namespace kasse::server {

std::span<const storage::Migration> ServerMigrations(storage::SqlDialect dialect);

// A pool of `connections` over `target`, migrated to the newest schema.
Result<std::unique_ptr<storage::SqlPool>> OpenServerDatabase(const std::string& target, size_t connections);

// The migrations of each backend, embedded by CMake (kasse_embed_migrations).
std::span<const storage::Migration> ServerSqliteMigrations();
std::span<const storage::Migration> ServerPostgresMigrations();

}  // namespace kasse::server
