// The central server database's migrations, per backend.
//
// sqlite/V<NNN>__<name>.sql and postgres/V<NNN>__<name>.sql hold the same tables
// and constraints in each dialect, one version at a time: V001 journal, V002
// credentials, V003 sale facts, V004 master data. storage::MigrateSql applies them.
//
// Thread-safety: returns static data.
#pragma once

#include <span>

#include "storage/migrator.h"
#include "storage/sql.h"

namespace kasse::schema {

std::span<const storage::Migration> ServerMigrations(storage::SqlDialect dialect);

// The files of each backend, embedded by CMake (kasse_embed_migrations).
std::span<const storage::Migration> SqliteMigrations();
std::span<const storage::Migration> PostgresMigrations();

}  // namespace kasse::schema
