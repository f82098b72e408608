#include "storage/sql_migrator.h"

#include <chrono>
#include <string>

namespace kasse::storage {
namespace {

constexpr int64_t kMigrationLockKey = 0x6B61737365;  // "kasse"
constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(?)";
constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)";
constexpr std::string_view kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
constexpr std::string_view kInsertVersion = "INSERT INTO schema_version(version, name, applied_ms) VALUES (?, ?, ?)";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Applies `migration` unless the database already has it; false when it had.
Result<bool> ApplyOne(SqlConnection& connection, const Migration& migration, size_t known) {
  Result<SqlTransaction> tx = SqlTransaction::Begin(connection);
  if (!tx.ok()) return tx.status();
  if (connection.dialect() == SqlDialect::kPostgres) {
    Result<std::vector<SqlRow>> locked = connection.Query(kLock, {kMigrationLockKey});
    if (!locked.ok()) return locked.status();
  }
  KASSE_RETURN_IF_ERROR(connection.Execute(kCreateVersionTable));
  Result<std::optional<SqlValue>> current = connection.QueryValue(kMaxVersion);
  if (!current.ok()) return current.status();
  int64_t version = (*current)->AsInt();
  if (version > static_cast<int64_t>(known)) {
    return Status::Conflict("schema_version", "the database has schema version " + std::to_string(version) +
                                                  ", newer than this program knows (" + std::to_string(known) +
                                                  "); upgrade kasse");
  }
  if (version >= migration.version) return false;
  Status applied = connection.Execute(migration.sql);
  if (!applied.ok()) {
    return Status::Internal("migration V" + std::to_string(migration.version) + " failed: " + applied.message());
  }
  Result<int64_t> inserted =
      connection.Run(kInsertVersion, {int64_t{migration.version}, std::string(migration.name), NowMs()});
  if (!inserted.ok()) return inserted.status();
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return true;
}

}  // namespace

Status MigrateSql(SqlConnection& connection, std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status::Internal("migration " + std::string(migrations[i].name) + " is out of sequence");
    }
  }
  if (migrations.empty()) return Status::Ok();
  for (const Migration& migration : migrations) {
    Result<bool> applied = ApplyOne(connection, migration, migrations.size());
    if (!applied.ok()) return applied.status();
  }
  return Status::Ok();
}

}  // namespace kasse::storage
