// Small query helpers of MasterDataStore: one record by key, a keyset page, and
// the existence checks that turn a missing reference into NotFound with its field.
//
// Thread-safety: as the pool and connection passed in.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "masterdata/records.h"
#include "storage/sql_pool.h"

namespace kasse::masterdata::detail {

template <typename T>
using FromRow = std::function<T(const storage::SqlRow&)>;

// The one row `sql` selects, or `missing`.
template <typename T>
Result<T> QueryOne(storage::SqlPool& pool, std::string_view sql, std::vector<storage::SqlValue> params,
                   const FromRow<T>& from_row, const Status& missing) {
  Result<storage::SqlPool::Lease> connection = pool.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<storage::SqlRow>> rows = (*connection)->Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return missing;
  return from_row(rows->front());
}

// `sql` ends in "… > ? ORDER BY key LIMIT ?"; `params` are the ones before those two.
template <typename T>
Result<Page<T>> QueryPage(storage::SqlPool& pool, std::string_view sql, std::vector<storage::SqlValue> params,
                          const PageRequest& page, const FromRow<T>& from_row,
                          const std::function<std::string(const T&)>& key) {
  int limit = std::clamp(page.limit, 1, PageRequest::kMaxLimit);
  params.emplace_back(page.after);
  params.emplace_back(limit + 1);
  Result<storage::SqlPool::Lease> connection = pool.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<storage::SqlRow>> rows = (*connection)->Query(sql, params);
  if (!rows.ok()) return rows.status();
  Page<T> result;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    result.items.push_back(from_row((*rows)[i]));
  }
  if (rows->size() > static_cast<size_t>(limit)) result.next_after = key(result.items.back());
  return result;
}

Status UnknownStore(const StoreId& id);
// OK if `sql` (a SELECT 1 … WHERE key = ?) finds a row for `key`, else `missing`.
Status ExpectRow(storage::SqlConnection& connection, std::string_view sql, const storage::SqlValue& key,
                 const Status& missing);
Status ExpectStore(storage::SqlConnection& connection, const StoreId& id);

}  // namespace kasse::masterdata::detail
