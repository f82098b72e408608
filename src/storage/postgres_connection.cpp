#include "storage/postgres_connection.h"

#include <memory>
#include <poll.h>

#include <libpq-fe.h>

namespace kasse::storage {
namespace {

// Type OIDs from PostgreSQL's catalog/pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr int kMaxPendingReads = 4;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

Status StatusOf(PGconn* conn, const PGresult* result, std::string_view what) {
  std::string message(PQerrorMessage(conn));
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  if (result != nullptr && PQresultErrorMessage(result)[0] != '\0') message = PQresultErrorMessage(result);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string text = std::string(what) + ": " + message;
  std::string_view code = state != nullptr ? state : "";
  if (code.starts_with("23")) return Status::Conflict("", text);
  if (code.starts_with("40") || code.starts_with("08") || code.starts_with("53") || code.starts_with("57P") ||
      code == "55P03" || PQstatus(conn) != CONNECTION_OK) {
    return Status::Unavailable(text);
  }
  return Status::Internal(text);
}

std::string HexBytea(const std::vector<uint8_t>& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (uint8_t b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

SqlValue ValueOf(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column) != 0) return {};
  const char* text = PQgetvalue(result, row, column);
  Oid type = PQftype(result, column);
  if (type == kBoolOid) return int64_t{text[0] == 't' ? 1 : 0};
  if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) return SqlValue(std::string(text)).AsInt();
  if (type == kByteaOid) {
    size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    SqlBlob blob{std::vector<uint8_t>(bytes, bytes + length)};
    PQfreemem(bytes);
    return blob;
  }
  return std::string(text, static_cast<size_t>(PQgetlength(result, row, column)));
}

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

struct PostgresConnection::Executed {
  ResultPtr result;
};

bool IsPostgresUrl(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return Status::Unavailable("cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status::Unavailable("cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  KASSE_RETURN_IF_ERROR(connection->Execute("SET TIME ZONE 'UTC'"));
  return connection;
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

bool PostgresConnection::Healthy() {
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  // An idle connection has nothing to read unless the server went away (restart,
  // failover): then it sent its FATAL message and closed the socket. Reading what
  // is pending notices that without a round trip.
  for (int i = 0; i < kMaxPendingReads && PQtransactionStatus(conn_) == PQTRANS_IDLE; ++i) {
    pollfd socket{PQsocket(conn_), POLLIN, 0};
    if (poll(&socket, 1, 0) <= 0) break;
    if (PQconsumeInput(conn_) == 0) break;
  }
  return PQstatus(conn_) == CONNECTION_OK;
}

Status PostgresConnection::Execute(std::string_view sql) {
  ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return StatusOf(conn_, result.get(), "statement failed");
  return Status::Ok();
}

Result<PostgresConnection::Executed> PostgresConnection::Exec(std::string_view sql, std::span<const SqlValue> params) {
  std::string key(sql);
  auto prepared = prepared_.find(key);
  if (prepared == prepared_.end()) {
    std::string name = "kasse_" + std::to_string(prepared_.size() + 1);
    ResultPtr result(PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(), 0, nullptr));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      return StatusOf(conn_, result.get(), "cannot prepare statement");
    }
    prepared = prepared_.emplace(std::move(key), std::move(name)).first;
  }
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].is_null()) continue;
    texts[i] = params[i].is_blob() ? HexBytea(params[i].AsBlob()) : params[i].AsText();
    values[i] = texts[i].c_str();
  }
  ResultPtr result(PQexecPrepared(conn_, prepared->second.c_str(), static_cast<int>(params.size()), values.data(),
                                  nullptr, nullptr, 0));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return StatusOf(conn_, result.get(), "statement failed");
  return Executed{std::move(result)};
}

Result<std::vector<SqlRow>> PostgresConnection::Query(std::string_view sql, std::span<const SqlValue> params) {
  Result<Executed> executed = Exec(sql, params);
  if (!executed.ok()) return executed.status();
  const PGresult* result = executed->result.get();
  int rows = PQntuples(result);
  int columns = PQnfields(result);
  std::vector<SqlRow> out(static_cast<size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    out[static_cast<size_t>(r)].reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) out[static_cast<size_t>(r)].push_back(ValueOf(result, r, c));
  }
  return out;
}

Result<int64_t> PostgresConnection::Run(std::string_view sql, std::span<const SqlValue> params) {
  Result<Executed> executed = Exec(sql, params);
  if (!executed.ok()) return executed.status();
  return SqlValue(std::string(PQcmdTuples(executed->result.get()))).AsInt();
}

Status PostgresConnection::Begin() { return Execute("BEGIN"); }

Status PostgresConnection::Commit() {
  ResultPtr result(PQexec(conn_, "COMMIT"));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return StatusOf(conn_, result.get(), "commit failed");
  }
  if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
    return Status::Unavailable("commit failed: PostgreSQL rolled the transaction back");
  }
  return Status::Ok();
}

void PostgresConnection::Rollback() {
  if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
    ResultPtr result(PQexec(conn_, "ROLLBACK"));
  }
}

}  // namespace kasse::storage
