// Migrator: brings a SQLite database's schema up to date from versioned migration files.
//
// Each schema lives in `schema/V<NNN>__<name>.sql` files next to the code that owns
// it; CMake embeds them (kasse_embed_migrations) as a sorted list of Migration.
// Migrate() applies the ones newer than the database's `schema_version` table,
// each in its own transaction together with its version row, so a crash leaves
// the schema at a whole version. A database newer than the program is refused.
//
// Thread-safety: as SqliteDatabase.
#pragma once

#include <span>
#include <string_view>

#include "base/status.h"
#include "storage/sqlite_database.h"

namespace kasse::storage {

struct Migration {
  int version;            // 1, 2, … without gaps
  std::string_view name;  // from the file name, for the schema_version table
  std::string_view sql;
};

Status Migrate(SqliteDatabase& db, std::span<const Migration> migrations);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(SqliteDatabase& db);

}  // namespace kasse::storage
