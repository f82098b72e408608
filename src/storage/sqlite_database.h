// SqliteDatabase: one open SQLite connection, with prepared statements and RAII transactions.
//
// The embedded storage of the register (its journal, catalog and signing-unit
// counters) and the SQLite backend of the server sit on this wrapper; sqlite3.h is
// included only by its .cpp. Every failure is a Status:
//   SQLITE_FULL / SQLITE_IOERR   -> Unavailable ("disk full", "I/O error")
//   SQLITE_CONSTRAINT            -> Conflict (the database refused a duplicate or a rule)
//   SQLITE_BUSY                  -> Unavailable (another process holds the lock)
//   anything else                -> Internal (a bug: bad SQL, misuse)
//
// Durability: Open() puts the database in WAL mode with synchronous=FULL, so a
// committed transaction survives a crash or power loss before Commit() returns.
//
// Thread-safety: a connection and its statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kasse::storage {

class SqliteStatement;

class SqliteDatabase {
 public:
  struct Options {
    bool read_only = false;
    int busy_timeout_ms = 5000;  // wait this long for a lock held by another connection
    std::string vfs;             // empty: the default VFS; tests name a fault-injecting one
  };

  static Result<SqliteDatabase> Open(const std::string& path, const Options& options);
  static Result<SqliteDatabase> Open(const std::string& path) { return Open(path, Options{}); }

  SqliteDatabase(SqliteDatabase&&) noexcept;
  SqliteDatabase& operator=(SqliteDatabase&&) noexcept;
  ~SqliteDatabase();

  // Runs one or more statements without parameters (schema, pragmas).
  Status Execute(std::string_view sql);

  // Prepares one statement. Statements are cached by their SQL text, so a hot
  // path pays for parsing once; the returned statement is reset and unbound.
  Result<SqliteStatement*> Prepare(std::string_view sql);

  bool in_transaction() const;
  int64_t last_insert_rowid() const;
  int changes() const;
  const std::string& path() const { return path_; }

 private:
  SqliteDatabase(sqlite3* db, std::string path);
  void Close();

  sqlite3* db_ = nullptr;
  std::string path_;
  std::vector<std::unique_ptr<SqliteStatement>> cache_;
};

// A prepared statement owned by its database's cache. Bind indexes start at 1,
// column indexes at 0, as in SQLite.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3_stmt* stmt, std::string sql);
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  SqliteStatement& Bind(int index, int64_t value);
  SqliteStatement& Bind(int index, std::string_view text);
  SqliteStatement& BindBlob(int index, std::span<const uint8_t> blob);
  SqliteStatement& BindNull(int index);
  SqliteStatement& Bind(int index, const std::optional<int64_t>& value);

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> Step();
  // Runs a statement that returns no rows, then resets it.
  Status Run();
  // Clears the bindings and rewinds, ready for the next use.
  void Reset();

  bool IsNull(int column) const;
  int ColumnCount() const;
  bool IsInt(int column) const;
  bool IsBlob(int column) const;
  int64_t Int(int column) const;
  std::string Text(int column) const;
  std::vector<uint8_t> Blob(int column) const;

  const std::string& sql() const { return sql_; }

 private:
  friend class SqliteDatabase;
  Status bind_status_;
  sqlite3_stmt* stmt_;
  std::string sql_;
};

// BEGIN IMMEDIATE in the constructor (the write lock is taken up front, so a
// transaction never fails half-way on a lock upgrade); ROLLBACK in the destructor
// unless Commit() succeeded.
class SqliteTransaction {
 public:
  static Result<SqliteTransaction> Begin(SqliteDatabase& db);
  SqliteTransaction(SqliteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();

  Status Commit();

 private:
  explicit SqliteTransaction(SqliteDatabase& db) : db_(&db) {}
  SqliteDatabase* db_;
};

// Turns a SQLite result code into a Status, as described at the top of this file.
Status StatusFromSqlite(int code, std::string_view what);

}  // namespace kasse::storage
