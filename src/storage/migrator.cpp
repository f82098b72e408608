#include "storage/migrator.h"

#include <string>

namespace kasse::storage {
namespace {

constexpr std::string_view kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL DEFAULT (datetime('now')))";
constexpr std::string_view kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
constexpr std::string_view kInsertVersion = "INSERT INTO schema_version(version, name) VALUES (?1, ?2)";

Status CheckSequence(std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status::Internal("migration " + std::string(migrations[i].name) + " is out of sequence");
    }
  }
  return Status::Ok();
}

Status Apply(SqliteDatabase& db, const Migration& migration) {
  Result<SqliteTransaction> tx = SqliteTransaction::Begin(db);
  if (!tx.ok()) return tx.status();
  Status status = db.Execute(migration.sql);
  if (!status.ok()) {
    return Status::Internal("migration V" + std::to_string(migration.version) + " failed: " + status.message());
  }
  Result<SqliteStatement*> insert = db.Prepare(kInsertVersion);
  if (!insert.ok()) return insert.status();
  KASSE_RETURN_IF_ERROR((*insert)->Bind(1, int64_t{migration.version}).Bind(2, migration.name).Run());
  return tx->Commit();
}

}  // namespace

Result<int> SchemaVersion(SqliteDatabase& db) {
  KASSE_RETURN_IF_ERROR(db.Execute(kCreateVersionTable));
  Result<SqliteStatement*> query = db.Prepare(kMaxVersion);
  if (!query.ok()) return query.status();
  Result<bool> row = (*query)->Step();
  if (!row.ok()) return row.status();
  int version = static_cast<int>((*query)->Int(0));
  (*query)->Reset();
  return version;
}

Status Migrate(SqliteDatabase& db, std::span<const Migration> migrations) {
  KASSE_RETURN_IF_ERROR(CheckSequence(migrations));
  Result<int> current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  if (*current > static_cast<int>(migrations.size())) {
    return Status::Conflict("schema_version", "the database has schema version " + std::to_string(*current) +
                                                  ", newer than this program knows (" +
                                                  std::to_string(migrations.size()) + "); upgrade kasse");
  }
  for (size_t i = static_cast<size_t>(*current); i < migrations.size(); ++i) {
    KASSE_RETURN_IF_ERROR(Apply(db, migrations[i]));
  }
  return Status::Ok();
}

}  // namespace kasse::storage
