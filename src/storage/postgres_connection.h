// PostgresConnection: the PostgreSQL backend of SqlConnection (libpq).
//
// Statements are prepared once per connection (keyed by their SQL text) and run
// with text parameters; bytea travels hex-encoded. Integer columns (int2/4/8,
// bool) come back as integers, bytea as bytes, everything else as text.
// COMMIT of a transaction PostgreSQL already aborted is reported as Unavailable,
// never as success. libpq-fe.h is included only by the .cpp.
//
// Thread-safety: one thread at a time, as every SqlConnection.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "storage/sql.h"

struct pg_conn;

namespace kasse::storage {

class PostgresConnection final : public SqlConnection {
 public:
  // `url` is a libpq connection URI: postgresql://user@host:port/database?…
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;
  ~PostgresConnection() override;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  Status Execute(std::string_view sql) override;
  Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params) override;
  Result<int64_t> Run(std::string_view sql, std::span<const SqlValue> params) override;
  Status Begin() override;
  Status Commit() override;
  void Rollback() override;
  bool Healthy() override;
  using SqlConnection::Query;
  using SqlConnection::Run;

 private:
  explicit PostgresConnection(pg_conn* conn) : conn_(conn) {}
  struct Executed;
  Result<Executed> Exec(std::string_view sql, std::span<const SqlValue> params);

  pg_conn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

// True if `target` names a PostgreSQL database (postgresql:// or postgres://).
bool IsPostgresUrl(std::string_view target);

}  // namespace kasse::storage
