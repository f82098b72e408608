#include "server/server_database.h"

#include "storage/sql_migrator.h"

namespace kasse::server {

std::span<const storage::Migration> ServerMigrations(storage::SqlDialect dialect) {
  return dialect == storage::SqlDialect::kPostgres ? ServerPostgresMigrations() : ServerSqliteMigrations();
}

Result<std::unique_ptr<storage::SqlPool>> OpenServerDatabase(const std::string& target, size_t connections) {
  Result<std::unique_ptr<storage::SqlPool>> pool = storage::OpenSqlPool(target, connections);
  if (!pool.ok()) return pool.status();
  Result<storage::SqlPool::Lease> connection = (*pool)->Acquire();
  if (!connection.ok()) return connection.status();
  KASSE_RETURN_IF_ERROR(storage::MigrateSql(**connection, ServerMigrations((*pool)->dialect())));
  return pool;
}

}  // namespace kasse::server
