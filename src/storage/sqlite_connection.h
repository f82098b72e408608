// SqliteConnection: the SQLite backend of SqlConnection, over SqliteDatabase
// (WAL, synchronous=FULL, cached statements, a busy timeout between processes).
//
// Thread-safety: one thread at a time, as every SqlConnection.
#pragma once

#include <memory>
#include <string>

#include "storage/sql.h"
#include "storage/sqlite_database.h"

namespace kasse::storage {

class SqliteConnection final : public SqlConnection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  Status Execute(std::string_view sql) override;
  Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params) override;
  Result<int64_t> Run(std::string_view sql, std::span<const SqlValue> params) override;
  Status Begin() override;
  Status Commit() override;
  void Rollback() override;
  bool Healthy() override { return true; }
  using SqlConnection::Query;
  using SqlConnection::Run;

 private:
  explicit SqliteConnection(SqliteDatabase db) : db_(std::move(db)) {}
  Result<SqliteStatement*> PrepareBound(std::string_view sql, std::span<const SqlValue> params);

  SqliteDatabase db_;
};

}  // namespace kasse::storage
