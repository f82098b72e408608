#include "masterdata/detail/store_rows.h"

#include "domain/text.h"
#include "masterdata/detail/master_data_sql.h"

namespace kasse::masterdata::detail {

Status UnknownStore(const StoreId& id) {
  return Status::NotFound("store_id", "unknown store " + QuoteForMessage(id.value()));
}

Status ExpectRow(storage::SqlConnection& connection, std::string_view sql, const storage::SqlValue& key,
                 const Status& missing) {
  Result<std::optional<storage::SqlValue>> row = connection.QueryValue(sql, {key});
  if (!row.ok()) return row.status();
  return row->has_value() ? Status::Ok() : missing;
}

Status ExpectStore(storage::SqlConnection& connection, const StoreId& id) {
  return ExpectRow(connection, sql::kStoreExists, id.value(), UnknownStore(id));
}

}  // namespace kasse::masterdata::detail
