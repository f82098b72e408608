// SqlConnection: one connection to a SQL database, whichever backend is behind it.
//
// The server's stores (journal, credentials, master data, projections) are written
// once against this interface and run on SQLite (the embedded default) and on
// PostgreSQL (production, several server processes over one database). Backends:
// SqliteConnection (sqlite_connection.h) and PostgresConnection
// (postgres_connection.h); SqlPool (sql_pool.h) opens either from a target string.
//
// SQL text uses `?` placeholders, numbered in order; the PostgreSQL backend rewrites
// them to $1, $2, … (outside quoted literals). SQL that differs between the dialects
// lives in per-backend migration files, or is chosen by dialect() next to the query.
//
// Errors are Status values with one mapping for both backends:
//   a unique, foreign-key or check violation   -> Conflict
//   lost connection, lock timeout, disk full,
//   serialization failure or deadlock           -> Unavailable (retry the transaction)
//   anything else                               -> Internal (a bug: bad SQL, misuse)
//
// Thread-safety: a connection belongs to one thread at a time (SqlPool hands them out).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace kasse::storage {

enum class SqlDialect { kSqlite, kPostgres };

struct SqlBlob {
  std::vector<uint8_t> bytes;
};

// One parameter or column value: NULL, an integer, text or bytes.
class SqlValue {
 public:
  SqlValue() = default;
  SqlValue(std::nullptr_t) {}                      // NOLINT(google-explicit-constructor): values are written inline
  SqlValue(int64_t value) : value_(value) {}       // NOLINT(google-explicit-constructor)
  SqlValue(int value) : value_(int64_t{value}) {}  // NOLINT(google-explicit-constructor)
  SqlValue(bool value) : value_(int64_t{value ? 1 : 0}) {}          // NOLINT(google-explicit-constructor)
  SqlValue(std::string value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  SqlValue(std::string_view value) : value_(std::string(value)) {}  // NOLINT(google-explicit-constructor)
  SqlValue(const char* value) : value_(std::string(value)) {}       // NOLINT(google-explicit-constructor)
  SqlValue(SqlBlob value) : value_(std::move(value)) {}             // NOLINT(google-explicit-constructor)
  template <typename T>
  SqlValue(const std::optional<T>& value) {  // NOLINT(google-explicit-constructor)
    if (value) *this = SqlValue(*value);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }
  bool is_int() const { return std::holds_alternative<int64_t>(value_); }
  bool is_text() const { return std::holds_alternative<std::string>(value_); }
  bool is_blob() const { return std::holds_alternative<SqlBlob>(value_); }
  // Integers as stored; text is parsed (PostgreSQL answers SUM() as numeric text). 0 for NULL.
  int64_t AsInt() const;
  // Text as stored; integers are formatted. Empty for NULL.
  std::string AsText() const;
  const std::vector<uint8_t>& AsBlob() const;

 private:
  std::variant<std::monostate, int64_t, std::string, SqlBlob> value_;
};

using SqlRow = std::vector<SqlValue>;
using SqlParams = std::initializer_list<SqlValue>;

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual SqlDialect dialect() const = 0;
  // Runs a script of statements without parameters (migrations).
  virtual Status Execute(std::string_view sql) = 0;
  // Runs one statement and returns all its rows.
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params) = 0;
  // Runs one statement and returns how many rows it changed.
  virtual Result<int64_t> Run(std::string_view sql, std::span<const SqlValue> params) = 0;
  // Transactions: SQLite takes the write lock up front (BEGIN IMMEDIATE);
  // PostgreSQL runs READ COMMITTED and locks rows it needs with FOR UPDATE.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  // False when the connection is lost; the pool then reconnects it.
  virtual bool Healthy() = 0;

  // Convenience forms taking parameters inline: conn.Query(kSql, {id, seq}).
  Result<std::vector<SqlRow>> Query(std::string_view sql, SqlParams params = {}) {
    return Query(sql, std::span<const SqlValue>(params.begin(), params.size()));
  }
  Result<int64_t> Run(std::string_view sql, SqlParams params = {}) {
    return Run(sql, std::span<const SqlValue>(params.begin(), params.size()));
  }
  // The first column of the first row, if there is a row.
  Result<std::optional<SqlValue>> QueryValue(std::string_view sql, SqlParams params = {});
  // " FOR UPDATE" on PostgreSQL, "" on SQLite (whose transactions already hold the write lock).
  std::string_view ForUpdate() const { return dialect() == SqlDialect::kPostgres ? " FOR UPDATE" : ""; }
};

// Begin() in Begin(), Rollback() in the destructor unless Commit() succeeded.
class SqlTransaction {
 public:
  static Result<SqlTransaction> Begin(SqlConnection& connection);
  SqlTransaction(SqlTransaction&& other) noexcept : connection_(other.connection_) { other.connection_ = nullptr; }
  SqlTransaction& operator=(SqlTransaction&&) = delete;
  ~SqlTransaction();

  Status Commit();

 private:
  explicit SqlTransaction(SqlConnection& connection) : connection_(&connection) {}
  SqlConnection* connection_;
};

// Rewrites `?` placeholders to $1, $2, … outside quoted literals and comments.
std::string NumberPlaceholders(std::string_view sql);

}  // namespace kasse::storage
