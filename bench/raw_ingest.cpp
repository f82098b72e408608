#include "raw_ingest.h"

#include <stdexcept>
#include <unordered_map>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace kasse::bench {
namespace {

constexpr std::string_view kAckedSeqQuery = "SELECT acked_seq FROM register_progress";
constexpr std::string_view kProgressUpdate = "UPDATE register_progress SET acked_seq";
constexpr std::string_view kLockQuery = "SELECT acked_seq, tse_serial";
constexpr std::string_view kChainUpdate = "UPDATE register_progress SET tse_serial";
constexpr std::string_view kEntryInsert = "INSERT INTO journal_entries";
constexpr std::string_view kReceiptQuery = "SELECT body FROM journal_entries WHERE register_id = ? AND receipt_number";
constexpr std::string_view kReturnsQuery = "SELECT body FROM journal_entries WHERE original_ref";

class SqliteRawWriter final : public RawWriter {
 public:
  explicit SqliteRawWriter(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path);
    }
    sqlite3_busy_timeout(db_, 5000);
    Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
  }
  ~SqliteRawWriter() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  void Write(const RecordedBatch& batch) override {
    Exec("BEGIN IMMEDIATE");
    for (const RecordedStatement& statement : batch) Step(statement);
    Exec("COMMIT");
  }

 private:
  void Exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db_));
    }
  }
  void Step(const RecordedStatement& statement) {
    sqlite3_stmt*& stmt = cache_[statement.sql];
    if (stmt == nullptr && sqlite3_prepare_v2(db_, statement.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(statement.sql + ": " + sqlite3_errmsg(db_));
    }
    for (size_t i = 0; i < statement.params.size(); ++i) {
      const storage::SqlValue& value = statement.params[i];
      int index = static_cast<int>(i) + 1;
      if (value.is_null()) {
        sqlite3_bind_null(stmt, index);
      } else if (value.is_int()) {
        sqlite3_bind_int64(stmt, index, value.AsInt());
      } else {
        std::string text = value.AsText();
        sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
      }
    }
    int code = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (code != SQLITE_DONE && code != SQLITE_ROW) throw std::runtime_error(statement.sql + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class PostgresRawWriter final : public RawWriter {
 public:
  explicit PostgresRawWriter(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error("cannot connect: " + std::string(PQerrorMessage(conn_)));
  }
  ~PostgresRawWriter() override { PQfinish(conn_); }

  void Write(const RecordedBatch& batch) override {
    Check(PQexec(conn_, "BEGIN"), "BEGIN");
    for (const RecordedStatement& statement : batch) Exec(statement);
    Check(PQexec(conn_, "COMMIT"), "COMMIT");
  }

 private:
  void Check(PGresult* result, const std::string& what) {
    ExecStatusType status = PQresultStatus(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error(what + ": " + PQerrorMessage(conn_));
    }
  }
  void Exec(const RecordedStatement& statement) {
    std::string& name = prepared_[statement.sql];
    if (name.empty()) {
      name = "raw_" + std::to_string(prepared_.size());
      Check(PQprepare(conn_, name.c_str(), storage::NumberPlaceholders(statement.sql).c_str(), 0, nullptr),
            statement.sql);
    }
    std::vector<std::string> texts(statement.params.size());
    std::vector<const char*> values(statement.params.size(), nullptr);
    for (size_t i = 0; i < statement.params.size(); ++i) {
      if (statement.params[i].is_null()) continue;
      texts[i] = statement.params[i].AsText();
      values[i] = texts[i].c_str();
    }
    Check(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0),
          statement.sql);
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::vector<storage::SqlValue>& RecordingConnection::ProgressRow(const std::string& register_id) {
  std::vector<storage::SqlValue>& row = progress_[register_id];
  if (row.empty())
    row = {int64_t{0}, nullptr, nullptr, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{0}};
  return row;
}

Result<std::vector<storage::SqlRow>> RecordingConnection::Query(std::string_view sql,
                                                                std::span<const storage::SqlValue> params) {
  if ((sql.starts_with(kLockQuery) || sql.starts_with(kAckedSeqQuery)) && !params.empty()) {
    std::vector<storage::SqlValue>& row = progress_[params[0].AsText()];
    if (row.empty())
      row = {int64_t{0}, nullptr, nullptr, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{0}, int64_t{0}};
    if (sql.starts_with(kAckedSeqQuery)) return std::vector<storage::SqlRow>{{row[0]}};
    return std::vector<storage::SqlRow>{storage::SqlRow(row.begin(), row.end())};
  }
  if (sql.starts_with(kReceiptQuery)) {
    auto found = receipts_.find({params[0].AsText(), params[1].AsInt()});
    if (found == receipts_.end()) return std::vector<storage::SqlRow>{};
    return std::vector<storage::SqlRow>{{storage::SqlValue(found->second)}};
  }
  if (sql.starts_with(kReturnsQuery)) {
    std::vector<storage::SqlRow> rows;
    for (const std::string& body : returns_[params[0].AsText()]) rows.push_back({storage::SqlValue(body)});
    return rows;
  }
  return std::vector<storage::SqlRow>{};
}

Result<int64_t> RecordingConnection::Run(std::string_view sql, std::span<const storage::SqlValue> params) {
  if (sql.starts_with(kProgressUpdate)) {
    ProgressRow(params[2].AsText())[0] = params[0];
  } else if (sql.starts_with(kChainUpdate)) {
    std::vector<storage::SqlValue>& row = ProgressRow(params[8].AsText());
    for (size_t i = 0; i < 8; ++i) row[i + 1] = params[i];
  } else if (sql.starts_with(kEntryInsert) && params[6].is_null()) {  // an accepted entry
    if (!params[3].is_null()) receipts_[{params[0].AsText(), params[3].AsInt()}] = params[5].AsText();
    if (!params[4].is_null()) returns_[params[4].AsText()].push_back(params[5].AsText());
  }
  out_->push_back({std::string(sql), std::vector<storage::SqlValue>(params.begin(), params.end())});
  return int64_t{1};
}

std::unique_ptr<RawWriter> OpenSqliteRawWriter(const std::string& path) {
  return std::make_unique<SqliteRawWriter>(path);
}
std::unique_ptr<RawWriter> OpenPostgresRawWriter(const std::string& url) {
  return std::make_unique<PostgresRawWriter>(url);
}

}  // namespace kasse::bench
