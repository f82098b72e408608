#include "masterdata/detail/article_rows.h"

#include <span>
#include <string>
#include <unordered_map>

#include "domain/gtin.h"
#include "masterdata/detail/master_data_sql.h"
#include "masterdata/master_data_store.h"

namespace kasse::masterdata::detail {
namespace {

using storage::SqlValue;

std::string BatchSql(std::string_view head, std::string_view row, std::string_view tail, size_t rows) {
  std::string text(head);
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) text += ", ";
    text += row;
  }
  text += tail;
  return text;
}

catalog::Article ArticleFromRow(const storage::SqlRow& row) {
  catalog::Article article;
  article.number = ArticleNumber(row[0].AsText());
  article.text = row[1].AsText();
  if (!row[2].is_null()) {
    Result<Plu> plu = Plu::Parse(row[2].AsText());
    if (plu.ok()) article.plu = *plu;
  }
  article.vat_key = VatKey(static_cast<int>(row[3].AsInt()));
  article.product_group = ProductGroupId(row[4].AsText());
  article.unit = UnitFromCode(row[5].AsText()).value_or(Unit::kPiece);
  return article;
}

std::string Gtin14(const std::string& digits) {
  Result<Gtin> gtin = Gtin::Parse(digits);
  return gtin.ok() ? gtin->ToGtin14() : digits;  // validated before; kept as sent otherwise
}

}  // namespace

Status RunBatched(storage::SqlConnection& connection, std::string_view head, std::string_view row,
                  std::string_view tail, size_t columns, const std::vector<SqlValue>& values, size_t batch_rows) {
  size_t total_rows = values.size() / columns;
  std::string full_sql;
  for (size_t first = 0; first < total_rows; first += batch_rows) {
    size_t rows = std::min(batch_rows, total_rows - first);
    if (rows == batch_rows && full_sql.empty()) full_sql = BatchSql(head, row, tail, rows);
    std::string sql = rows == batch_rows ? full_sql : BatchSql(head, row, tail, rows);
    std::span<const SqlValue> params(values.data() + first * columns, rows * columns);
    Result<int64_t> done = connection.Run(sql, params);
    if (!done.ok()) return done.status();
  }
  return Status::Ok();
}

Result<std::vector<catalog::Article>> ReadArticles(storage::SqlConnection& connection, std::string_view article_sql,
                                                   const std::vector<SqlValue>& article_params,
                                                   std::string_view gtin_sql,
                                                   const std::vector<SqlValue>& gtin_params) {
  Result<std::vector<storage::SqlRow>> rows = connection.Query(article_sql, article_params);
  if (!rows.ok()) return rows.status();
  std::vector<catalog::Article> articles;
  articles.reserve(rows->size());
  std::unordered_map<std::string, size_t> index;
  for (const storage::SqlRow& row : *rows) {
    articles.push_back(ArticleFromRow(row));
    index.emplace(articles.back().number.value(), articles.size() - 1);
  }
  if (articles.empty()) return articles;
  Result<std::vector<storage::SqlRow>> gtins = connection.Query(gtin_sql, gtin_params);
  if (!gtins.ok()) return gtins.status();
  for (const storage::SqlRow& row : *gtins) {
    auto it = index.find(row[0].AsText());
    if (it != index.end()) articles[it->second].gtins.push_back(row[1].AsText());
  }
  return articles;
}

Status WriteArticles(storage::SqlConnection& connection, const std::vector<catalog::Article>& articles,
                     int64_t version) {
  constexpr size_t kKeyBatch = 500;
  std::vector<SqlValue> numbers;
  std::vector<SqlValue> article_rows;
  std::vector<SqlValue> gtin_rows;
  numbers.reserve(articles.size());
  article_rows.reserve(articles.size() * 7);
  for (const catalog::Article& a : articles) {
    numbers.emplace_back(a.number.value());
    std::optional<int64_t> plu;
    if (a.plu.has_value()) plu = a.plu->value();
    article_rows.insert(article_rows.end(),
                        {SqlValue(a.number.value()), SqlValue(a.text), SqlValue(plu), SqlValue(a.vat_key.value()),
                         SqlValue(a.product_group.value()), SqlValue(UnitCode(a.unit)), SqlValue(version)});
    for (size_t i = 0; i < a.gtins.size(); ++i) {
      gtin_rows.insert(gtin_rows.end(), {SqlValue(Gtin14(a.gtins[i])), SqlValue(a.gtins[i]), SqlValue(a.number.value()),
                                         SqlValue(static_cast<int64_t>(i))});
    }
  }
  KASSE_RETURN_IF_ERROR(
      RunBatched(connection, std::string(sql::kClearPlusHead) + "(", sql::kInRow, ")", 1, numbers, kKeyBatch));
  KASSE_RETURN_IF_ERROR(
      RunBatched(connection, std::string(sql::kDeleteGtinsHead) + "(", sql::kInRow, ")", 1, numbers, kKeyBatch));
  KASSE_RETURN_IF_ERROR(RunBatched(connection, sql::kUpsertArticlesHead, sql::kUpsertArticlesRow,
                                   sql::kUpsertArticlesTail, 7, article_rows, MasterDataStore::kBatchRows));
  return RunBatched(connection, sql::kInsertGtinsHead, sql::kInsertGtinsRow, "", 4, gtin_rows,
                    MasterDataStore::kBatchRows);
}

Status WritePrices(storage::SqlConnection& connection, const std::vector<StorePrice>& prices, int64_t version) {
  std::vector<SqlValue> rows;
  rows.reserve(prices.size() * 6);
  for (const StorePrice& p : prices) {
    rows.insert(rows.end(),
                {SqlValue(p.store.value()), SqlValue(p.price.article.value()), SqlValue(p.price.valid_from_ms),
                 SqlValue(p.price.valid_to_ms), SqlValue(p.price.unit_price.cents()), SqlValue(version)});
  }
  return RunBatched(connection, sql::kUpsertPricesHead, sql::kUpsertPricesRow, sql::kUpsertPricesTail, 6, rows,
                    MasterDataStore::kBatchRows);
}

StorePrice PriceFromRow(const storage::SqlRow& row) {
  StorePrice price;
  price.store = StoreId(row[0].AsText());
  price.price.article = ArticleNumber(row[1].AsText());
  price.price.valid_from_ms = row[2].AsInt();
  if (!row[3].is_null()) price.price.valid_to_ms = row[3].AsInt();
  price.price.unit_price = Money::FromCents(row[4].AsInt());
  return price;
}

}  // namespace kasse::masterdata::detail
