#include "schema/server_schema.h"

namespace kasse::schema {

std::span<const storage::Migration> ServerMigrations(storage::SqlDialect dialect) {
  return dialect == storage::SqlDialect::kPostgres ? PostgresMigrations() : SqliteMigrations();
}

}  // namespace kasse::schema
