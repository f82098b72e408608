// ScratchDatabase: a fresh, empty database for one test, on either backend.
//
// SQLite: a file in a temporary directory. PostgreSQL: a new database on the test
// server that CTest's `postgres` fixture started (scripts/testing/postgres; its URL
// is in the file named by $KASSE_TEST_POSTGRES_URL_FILE), dropped again afterwards.
// Without that server, Create(kPostgres) fails: a PostgreSQL test never passes
// silently without PostgreSQL.
//
// Thread-safety: a value owned by one test.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "base/result.h"
#include "base/temp_dir.h"
#include "storage/sql.h"

namespace kasse::storage {

class ScratchDatabase {
 public:
  static Result<std::unique_ptr<ScratchDatabase>> Create(SqlDialect backend);
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ~ScratchDatabase();

  // What `kasse server --db` takes: a file path or a postgresql:// URL.
  const std::string& target() const { return target_; }
  SqlDialect backend() const { return backend_; }

 private:
  ScratchDatabase(SqlDialect backend, std::string target, std::string admin_url, std::string name);

  SqlDialect backend_;
  std::string target_;
  std::string admin_url_;  // PostgreSQL: where the database is dropped from
  std::string name_;
  std::unique_ptr<TempDir> dir_;
};

// "sqlite" or "postgres", for test names.
std::string BackendName(SqlDialect backend);
// So GoogleTest prints a backend by name.
inline void PrintTo(SqlDialect backend, std::ostream* out) { *out << BackendName(backend); }

}  // namespace kasse::storage
