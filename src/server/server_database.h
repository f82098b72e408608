// The server database: opening it on either backend, with its migrations.
//
// `kasse server --db` takes a SQLite file path (the embedded default) or a
// postgresql:// URL (production; several server processes may share it). The
// schema is src/schema/ (schema::ServerMigrations).
//
// A SQLite file holds every register's journal: a new one is created 0600 (its
// -wal and -shm files get the same mode from SQLite), and an existing one, or its
// -wal, -shm or -journal file, that group or others may read is made 0600. One
// that cannot be made private is refused (InvalidArgument, field database.url).
//
// Thread-safety: OpenServerDatabase from one thread; the pool is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "storage/sql.h"
#include "storage/sql_pool.h"

namespace kasse::server {

// A pool of `connections` over `target`, migrated to the newest schema.
Result<std::unique_ptr<storage::SqlPool>> OpenServerDatabase(const std::string& target, size_t connections);

}  // namespace kasse::server
