#include "storage/sqlite_connection.h"

namespace kasse::storage {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  Result<SqliteDatabase> db = SqliteDatabase::Open(path);
  if (!db.ok()) return db.status();
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(std::move(*db)));
}

Status SqliteConnection::Execute(std::string_view sql) { return db_.Execute(sql); }

Result<SqliteStatement*> SqliteConnection::PrepareBound(std::string_view sql, std::span<const SqlValue> params) {
  Result<SqliteStatement*> statement = db_.Prepare(sql);
  if (!statement.ok()) return statement.status();
  for (size_t i = 0; i < params.size(); ++i) {
    const SqlValue& value = params[i];
    int index = static_cast<int>(i) + 1;
    if (value.is_null()) {
      (*statement)->BindNull(index);
    } else if (value.is_int()) {
      (*statement)->Bind(index, value.AsInt());
    } else if (value.is_blob()) {
      (*statement)->BindBlob(index, value.AsBlob());
    } else {
      (*statement)->Bind(index, value.AsText());
    }
  }
  return statement;
}

Result<std::vector<SqlRow>> SqliteConnection::Query(std::string_view sql, std::span<const SqlValue> params) {
  Result<SqliteStatement*> statement = PrepareBound(sql, params);
  if (!statement.ok()) return statement.status();
  SqliteStatement& s = **statement;
  std::vector<SqlRow> rows;
  while (true) {
    Result<bool> row = s.Step();
    if (!row.ok()) {
      s.Reset();
      return row.status();
    }
    if (!*row) break;
    SqlRow values;
    int columns = s.ColumnCount();
    values.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (s.IsNull(c)) {
        values.emplace_back();
      } else if (s.IsInt(c)) {
        values.emplace_back(s.Int(c));
      } else if (s.IsBlob(c)) {
        values.emplace_back(SqlBlob{s.Blob(c)});
      } else {
        values.emplace_back(s.Text(c));
      }
    }
    rows.push_back(std::move(values));
  }
  s.Reset();
  return rows;
}

Result<int64_t> SqliteConnection::Run(std::string_view sql, std::span<const SqlValue> params) {
  Result<SqliteStatement*> statement = PrepareBound(sql, params);
  if (!statement.ok()) return statement.status();
  KASSE_RETURN_IF_ERROR((*statement)->Run());
  return int64_t{db_.changes()};
}

Status SqliteConnection::Begin() { return db_.Execute("BEGIN IMMEDIATE"); }
Status SqliteConnection::Commit() { return db_.Execute("COMMIT"); }
void SqliteConnection::Rollback() {
  if (db_.in_transaction()) (void)db_.Execute("ROLLBACK");
}

}  // namespace kasse::storage
