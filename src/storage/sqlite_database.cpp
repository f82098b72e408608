#include "storage/sqlite_database.h"

#include <algorithm>
#include <utility>

#include <sqlite3.h>

namespace kasse::storage {
namespace {

std::string Describe(std::string_view what, int code, sqlite3* db) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return message;
}

Status FromCode(int code, std::string_view what, sqlite3* db) {
  if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW) return Status::Ok();
  std::string message = Describe(what, code, db);
  switch (code & 0xff) {
    case SQLITE_FULL: return Status::Unavailable("disk full: " + message);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY: return Status::Unavailable("I/O error: " + message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Unavailable("database is locked by another process: " + message);
    case SQLITE_CONSTRAINT: return Status::Conflict("", message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Internal("database file is damaged: " + message);
    default: return Status::Internal(message);
  }
}

}  // namespace

Status StatusFromSqlite(int code, std::string_view what) { return FromCode(code, what, nullptr); }

Result<SqliteDatabase> SqliteDatabase::Open(const std::string& path, const Options& options) {
  sqlite3* db = nullptr;
  int flags =
      SQLITE_OPEN_NOMUTEX | (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int code = sqlite3_open_v2(path.c_str(), &db, flags, options.vfs.empty() ? nullptr : options.vfs.c_str());
  SqliteDatabase database(db, path);  // closes `db` on every early return
  if (code != SQLITE_OK) return FromCode(code, "cannot open " + path, db);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (!options.read_only) {
    KASSE_RETURN_IF_ERROR(database.Execute("PRAGMA journal_mode=WAL"));
  }
  KASSE_RETURN_IF_ERROR(database.Execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"));
  return database;
}

SqliteDatabase::SqliteDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    Close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

SqliteDatabase::~SqliteDatabase() { Close(); }

void SqliteDatabase::Close() {
  cache_.clear();  // statements must be finalized before the connection closes
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Status SqliteDatabase::Execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // sqlite3_errmsg() below reports the same text
  if (code == SQLITE_OK) return Status::Ok();
  return FromCode(code, "cannot execute '" + text.substr(0, 60) + "'", db_);
}

Result<SqliteStatement*> SqliteDatabase::Prepare(std::string_view sql) {
  auto cached = std::find_if(cache_.begin(), cache_.end(), [&](const auto& s) { return s->sql() == sql; });
  if (cached != cache_.end()) {
    (*cached)->Reset();
    return cached->get();
  }
  sqlite3_stmt* stmt = nullptr;
  int code =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (code != SQLITE_OK) return FromCode(code, "cannot prepare '" + std::string(sql.substr(0, 60)) + "'", db_);
  cache_.push_back(std::make_unique<SqliteStatement>(stmt, std::string(sql)));
  return cache_.back().get();
}

bool SqliteDatabase::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
int64_t SqliteDatabase::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDatabase::changes() const { return sqlite3_changes(db_); }

SqliteStatement::SqliteStatement(sqlite3_stmt* stmt, std::string sql) : stmt_(stmt), sql_(std::move(sql)) {}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

namespace {
Status BindResult(int code, sqlite3_stmt* stmt) {
  return code == SQLITE_OK ? Status::Ok() : FromCode(code, "cannot bind a parameter", sqlite3_db_handle(stmt));
}
}  // namespace

SqliteStatement& SqliteStatement::Bind(int index, int64_t value) {
  if (bind_status_.ok()) bind_status_ = BindResult(sqlite3_bind_int64(stmt_, index, value), stmt_);
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int index, std::string_view text) {
  if (bind_status_.ok()) {
    bind_status_ =
        BindResult(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), stmt_);
  }
  return *this;
}

SqliteStatement& SqliteStatement::BindBlob(int index, std::span<const uint8_t> blob) {
  if (bind_status_.ok()) {
    // A zero-length blob must not bind as NULL: SQLite needs a non-null pointer.
    static constexpr uint8_t kEmpty = 0;
    const void* data = blob.empty() ? &kEmpty : blob.data();
    bind_status_ = BindResult(sqlite3_bind_blob64(stmt_, index, data, blob.size(), SQLITE_TRANSIENT), stmt_);
  }
  return *this;
}

SqliteStatement& SqliteStatement::BindNull(int index) {
  if (bind_status_.ok()) bind_status_ = BindResult(sqlite3_bind_null(stmt_, index), stmt_);
  return *this;
}

SqliteStatement& SqliteStatement::Bind(int index, const std::optional<int64_t>& value) {
  return value.has_value() ? Bind(index, *value) : BindNull(index);
}

Result<bool> SqliteStatement::Step() {
  if (!bind_status_.ok()) return bind_status_;
  int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  Status status = FromCode(code, "statement failed", sqlite3_db_handle(stmt_));
  sqlite3_reset(stmt_);
  return status;
}

Status SqliteStatement::Run() {
  Result<bool> row = Step();
  Reset();
  return row.status();
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_status_ = Status::Ok();
}

bool SqliteStatement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int SqliteStatement::ColumnCount() const { return sqlite3_column_count(stmt_); }
bool SqliteStatement::IsInt(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER; }
bool SqliteStatement::IsBlob(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_BLOB; }
int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string SqliteStatement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::vector<uint8_t> SqliteStatement::Blob(int column) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return std::vector<uint8_t>(data, data + size);
}

Result<SqliteTransaction> SqliteTransaction::Begin(SqliteDatabase& db) {
  KASSE_RETURN_IF_ERROR(db.Execute("BEGIN IMMEDIATE"));
  return SqliteTransaction(db);
}

SqliteTransaction::~SqliteTransaction() {
  if (db_ != nullptr && db_->in_transaction()) (void)db_->Execute("ROLLBACK");
}

Status SqliteTransaction::Commit() {
  if (db_ == nullptr) return Status::Internal("transaction already finished");
  Status status = db_->Execute("COMMIT");
  if (status.ok()) db_ = nullptr;
  return status;  // on failure the destructor rolls back
}

}  // namespace kasse::storage
