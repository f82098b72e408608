#include "server/server_database.h"

#include "schema/server_schema.h"
#include "storage/sql_migrator.h"

namespace kasse::server {

Result<std::unique_ptr<storage::SqlPool>> OpenServerDatabase(const std::string& target, size_t connections) {
  Result<std::unique_ptr<storage::SqlPool>> pool = storage::OpenSqlPool(target, connections);
  if (!pool.ok()) return pool.status();
  Result<storage::SqlPool::Lease> connection = (*pool)->Acquire();
  if (!connection.ok()) return connection.status();
  KASSE_RETURN_IF_ERROR(storage::MigrateSql(**connection, schema::ServerMigrations((*pool)->dialect())));
  return pool;
}

}  // namespace kasse::server
