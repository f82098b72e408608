#include "storage/sql.h"

#include <charconv>

namespace kasse::storage {

int64_t SqlValue::AsInt() const {
  if (const auto* number = std::get_if<int64_t>(&value_)) return *number;
  if (const auto* text = std::get_if<std::string>(&value_)) {
    int64_t number = 0;
    std::from_chars(text->data(), text->data() + text->size(), number);
    return number;
  }
  return 0;
}

std::string SqlValue::AsText() const {
  if (const auto* text = std::get_if<std::string>(&value_)) return *text;
  if (const auto* number = std::get_if<int64_t>(&value_)) return std::to_string(*number);
  if (const auto* blob = std::get_if<SqlBlob>(&value_)) return {blob->bytes.begin(), blob->bytes.end()};
  return "";
}

const std::vector<uint8_t>& SqlValue::AsBlob() const {
  static const std::vector<uint8_t> empty;
  if (const auto* blob = std::get_if<SqlBlob>(&value_)) return blob->bytes;
  return empty;
}

Result<std::optional<SqlValue>> SqlConnection::QueryValue(std::string_view sql, SqlParams params) {
  Result<std::vector<SqlRow>> rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().empty()) return std::optional<SqlValue>();
  return std::optional<SqlValue>(std::move(rows->front().front()));
}

Result<SqlTransaction> SqlTransaction::Begin(SqlConnection& connection) {
  KASSE_RETURN_IF_ERROR(connection.Begin());
  return SqlTransaction(connection);
}

SqlTransaction::~SqlTransaction() {
  if (connection_ != nullptr) connection_->Rollback();
}

Status SqlTransaction::Commit() {
  SqlConnection* connection = std::exchange(connection_, nullptr);
  Status status = connection->Commit();
  if (!status.ok()) connection->Rollback();
  return status;
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;  // inside '…' or "…"
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
      out.append(sql.substr(i, end - i));
      i = end - 1;
    } else if (c == '?') {
      out += '$' + std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace kasse::storage
