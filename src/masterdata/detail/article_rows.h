// Reading and writing catalog records (articles with their GTINs, store prices)
// as rows, shared by MasterDataStore and CatalogFeed.
//
// Writes are multi-row statements of up to MasterDataStore::kBatchRows rows, so a
// bulk import costs a statement per few hundred rows, not one per row.
//
// Thread-safety: as the connection passed in (one thread at a time).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/article.h"
#include "masterdata/records.h"
#include "storage/sql.h"

namespace kasse::masterdata::detail {

// Runs `head` + `row`×n (comma-separated) + `tail` for `values` in batches of
// `batch_rows` rows of `columns` values each.
Status RunBatched(storage::SqlConnection& connection, std::string_view head, std::string_view row,
                  std::string_view tail, size_t columns, const std::vector<storage::SqlValue>& values,
                  size_t batch_rows);

// The articles `article_sql` selects (columns number, text, plu, vat_key,
// group_id, unit; ordered by number) with the GTINs `gtin_sql` selects
// (article, gtin; ordered by article, position).
Result<std::vector<catalog::Article>> ReadArticles(storage::SqlConnection& connection, std::string_view article_sql,
                                                   const std::vector<storage::SqlValue>& article_params,
                                                   std::string_view gtin_sql,
                                                   const std::vector<storage::SqlValue>& gtin_params);

// Upserts whole articles (GTINs replaced) at `version`. Their old GTINs and PLUs
// are released first, so codes may move between the articles written together.
Status WriteArticles(storage::SqlConnection& connection, const std::vector<catalog::Article>& articles,
                     int64_t version);
Status WritePrices(storage::SqlConnection& connection, const std::vector<StorePrice>& prices, int64_t version);

// A row of sql::kPriceColumns.
StorePrice PriceFromRow(const storage::SqlRow& row);

}  // namespace kasse::masterdata::detail
