// MasterDataStore's catalog half: product groups, articles, prices and the bulk
// import, each a versioned catalog write (see master_data_store.h).
#include <algorithm>
#include <charconv>
#include <limits>
#include <string>

#include "domain/gtin.h"
#include "domain/text.h"
#include "masterdata/detail/article_rows.h"
#include "masterdata/detail/master_data_sql.h"
#include "masterdata/detail/store_rows.h"
#include "masterdata/master_data_store.h"
#include "masterdata/validation.h"

namespace kasse::masterdata {
namespace {

using storage::SqlConnection;
using storage::SqlRow;
using storage::SqlValue;
namespace sql = detail::sql;

std::string Concat(std::string_view a, std::string_view b) { return std::string(a) + std::string(b); }

catalog::ProductGroup GroupFromRow(const SqlRow& row) {
  return catalog::ProductGroup{ProductGroupId(row[0].AsText()), row[1].AsText()};
}

Status ExpectArticleReferences(SqlConnection& connection, const catalog::Article& article) {
  KASSE_RETURN_IF_ERROR(
      detail::ExpectRow(connection, sql::kVatKeyExists, article.vat_key.value(),
                        Status::NotFound("vat_key", "unknown VAT key " + std::to_string(article.vat_key.value()))));
  return detail::ExpectRow(
      connection, sql::kGroupExists, article.product_group.value(),
      Status::NotFound("product_group", "unknown product group " + QuoteForMessage(article.product_group.value())));
}

// A GTIN or PLU may not be another article's; the unique keys back this up.
Status ExpectCodesFree(SqlConnection& connection, const catalog::Article& article) {
  const std::string& number = article.number.value();
  for (size_t i = 0; i < article.gtins.size(); ++i) {
    Result<std::optional<SqlValue>> owner =
        connection.QueryValue(sql::kGtinOwner, {Gtin::Parse(article.gtins[i])->ToGtin14(), number});
    if (!owner.ok()) return owner.status();
    if (owner->has_value()) {
      return Status::Conflict("gtins[" + std::to_string(i) + "]",
                              "GTIN " + article.gtins[i] + " belongs to article " + (*owner)->AsText());
    }
  }
  if (!article.plu.has_value()) return Status::Ok();
  Result<std::optional<SqlValue>> owner = connection.QueryValue(sql::kPluOwner, {article.plu->value(), number});
  if (!owner.ok()) return owner.status();
  if (!owner->has_value()) return Status::Ok();
  return Status::Conflict("plu", "PLU " + article.plu->ToString() + " belongs to article " + (*owner)->AsText());
}

Result<ImportContext> LoadImportContext(SqlConnection& connection) {
  ImportContext context;
  Result<std::vector<SqlRow>> groups = connection.Query(sql::kGroupIds);
  if (!groups.ok()) return groups.status();
  for (const SqlRow& row : *groups) context.groups.insert(row[0].AsText());
  Result<std::vector<SqlRow>> keys = connection.Query(sql::kVatKeyIds);
  if (!keys.ok()) return keys.status();
  for (const SqlRow& row : *keys) context.vat_keys.insert(static_cast<int>(row[0].AsInt()));
  Result<std::vector<SqlRow>> stores = connection.Query(sql::kAllStoreIds);
  if (!stores.ok()) return stores.status();
  for (const SqlRow& row : *stores) context.stores.emplace_back(row[0].AsText());
  Result<std::vector<SqlRow>> gtins = connection.Query(sql::kGtinOwners);
  if (!gtins.ok()) return gtins.status();
  for (const SqlRow& row : *gtins) context.gtin_owner.emplace(row[0].AsText(), row[1].AsText());
  Result<std::vector<SqlRow>> plus = connection.Query(sql::kPluOwners);
  if (!plus.ok()) return plus.status();
  for (const SqlRow& row : *plus) context.plu_owner.emplace(static_cast<int>(row[0].AsInt()), row[1].AsText());
  return context;
}

}  // namespace

Result<int64_t> MasterDataStore::PutProductGroup(const catalog::ProductGroup& group) {
  KASSE_RETURN_IF_ERROR(ValidateProductGroup(group));
  return CatalogWrite([&](SqlConnection& connection, int64_t version) {
    return connection.Run(sql::kPutGroup, {group.id.value(), group.name, version}).status();
  });
}

Result<catalog::ProductGroup> MasterDataStore::GetProductGroup(const ProductGroupId& id) {
  return detail::QueryOne<catalog::ProductGroup>(
      pool_, Concat(sql::kGroupColumns, sql::kGetGroup), {id.value()}, GroupFromRow,
      Status::NotFound("id", "unknown product group " + QuoteForMessage(id.value())));
}

Result<Page<catalog::ProductGroup>> MasterDataStore::ListProductGroups(const PageRequest& page) {
  return detail::QueryPage<catalog::ProductGroup>(pool_, Concat(sql::kGroupColumns, sql::kListGroups), {}, page,
                                                  GroupFromRow,
                                                  [](const catalog::ProductGroup& g) { return g.id.value(); });
}

Result<int64_t> MasterDataStore::PutArticle(const catalog::Article& article) {
  KASSE_RETURN_IF_ERROR(ValidateArticle(article));
  return CatalogWrite([&](SqlConnection& connection, int64_t version) {
    KASSE_RETURN_IF_ERROR(ExpectArticleReferences(connection, article));
    KASSE_RETURN_IF_ERROR(ExpectCodesFree(connection, article));
    return detail::WriteArticles(connection, {article}, version);
  });
}

Result<int64_t> MasterDataStore::DeleteArticle(const ArticleNumber& number) {
  return CatalogWrite([&](SqlConnection& connection, int64_t version) {
    KASSE_RETURN_IF_ERROR(detail::ExpectRow(connection, sql::kArticleExists, number.value(),
                                            Status::NotFound("number", "unknown article " + number.value())));
    KASSE_RETURN_IF_ERROR(connection.Run(sql::kTombstonePricesOfArticle, {version, number.value()}).status());
    KASSE_RETURN_IF_ERROR(connection.Run(sql::kDeleteArticle, {number.value()}).status());
    return connection.Run(sql::kTombstoneArticle, {number.value(), version}).status();
  });
}

Result<catalog::Article> MasterDataStore::GetArticle(const ArticleNumber& number) {
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<catalog::Article>> articles = detail::ReadArticles(
      **connection, Concat(sql::kArticleColumns, sql::kGetArticle), {number.value()}, sql::kGtinsOf, {number.value()});
  if (!articles.ok()) return articles.status();
  if (articles->empty()) return Status::NotFound("number", "unknown article " + QuoteForMessage(number.value()));
  return std::move(articles->front());
}

Result<Page<catalog::Article>> MasterDataStore::ListArticles(const PageRequest& page) {
  int limit = std::clamp(page.limit, 1, PageRequest::kMaxLimit);
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<SqlRow>> last =
      (*connection)->Query(Concat(sql::kArticleColumns, sql::kListArticles), {page.after, limit + 1});
  if (!last.ok()) return last.status();
  Page<catalog::Article> result;
  if (last->empty()) return result;
  std::string first_key = last->front()[0].AsText();
  size_t shown = std::min(last->size(), static_cast<size_t>(limit));
  std::string last_key = (*last)[shown - 1][0].AsText();
  Result<std::vector<catalog::Article>> articles =
      detail::ReadArticles(**connection, Concat(sql::kArticleColumns, sql::kListArticles), {page.after, limit},
                           sql::kGtinsBetween, {first_key, last_key});
  if (!articles.ok()) return articles.status();
  result.items = std::move(*articles);
  if (last->size() > shown) result.next_after = last_key;
  return result;
}

Result<int64_t> MasterDataStore::PutPrice(const StorePrice& price) {
  KASSE_RETURN_IF_ERROR(ValidateStorePrice(price));
  return CatalogWrite([&](SqlConnection& connection, int64_t version) {
    KASSE_RETURN_IF_ERROR(detail::ExpectStore(connection, price.store));
    const std::string& article = price.price.article.value();
    KASSE_RETURN_IF_ERROR(detail::ExpectRow(connection, sql::kArticleExists, article,
                                            Status::NotFound("article", "unknown article " + article)));
    return detail::WritePrices(connection, {price}, version);
  });
}

Result<int64_t> MasterDataStore::DeletePrice(const StoreId& store, const ArticleNumber& article,
                                             int64_t valid_from_ms) {
  return CatalogWrite([&](SqlConnection& connection, int64_t version) {
    Result<int64_t> deleted = connection.Run(sql::kDeletePrice, {store.value(), article.value(), valid_from_ms});
    if (!deleted.ok()) return deleted.status();
    if (*deleted == 0) {
      return Status::NotFound("valid_from_ms", "store " + store.value() + " has no price of article " +
                                                   article.value() + " from " + std::to_string(valid_from_ms));
    }
    return connection.Run(sql::kTombstonePrice, {store.value(), article.value(), valid_from_ms, version}).status();
  });
}

Result<StorePrice> MasterDataStore::GetPrice(const StoreId& store, const ArticleNumber& article,
                                             int64_t valid_from_ms) {
  return detail::QueryOne<StorePrice>(
      pool_, Concat(sql::kPriceColumns, sql::kGetPrice), {store.value(), article.value(), valid_from_ms},
      detail::PriceFromRow,
      Status::NotFound("valid_from_ms", "store " + store.value() + " has no price of article " + article.value() +
                                            " from " + std::to_string(valid_from_ms)));
}

// All of a store's prices, paged by (article, valid_from_ms) so a page may end
// between two prices of one article ("<article>@<valid_from_ms>"; article numbers
// never contain '@').
Result<Page<StorePrice>> MasterDataStore::ListAllPrices(const StoreId& store, const PageRequest& page) {
  std::string after_article = page.after;
  int64_t after_from = std::numeric_limits<int64_t>::min();
  if (size_t at = page.after.rfind('@'); at != std::string::npos) {
    after_article = page.after.substr(0, at);
    std::string from = page.after.substr(at + 1);
    auto [end, error] = std::from_chars(from.data(), from.data() + from.size(), after_from);
    if (error != std::errc() || end != from.data() + from.size()) {
      return Status::InvalidArgument("after", "must be a page key from a previous answer");
    }
  } else if (!page.after.empty()) {
    after_from = std::numeric_limits<int64_t>::max();  // an article number alone: after all its prices
  }
  int limit = std::clamp(page.limit, 1, PageRequest::kMaxLimit);
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<SqlRow>> rows = (*connection)
                                         ->Query(Concat(sql::kPriceColumns, sql::kListPrices),
                                                 {store.value(), after_article, after_article, after_from, limit + 1});
  if (!rows.ok()) return rows.status();
  Page<StorePrice> result;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    result.items.push_back(detail::PriceFromRow((*rows)[i]));
  }
  if (rows->size() > static_cast<size_t>(limit)) {
    const catalog::Price& last = result.items.back().price;
    result.next_after = last.article.value() + "@" + std::to_string(last.valid_from_ms);
  }
  return result;
}

Result<Page<StorePrice>> MasterDataStore::ListPrices(const StoreId& store, const PageRequest& page,
                                                     const std::optional<ArticleNumber>& article) {
  KASSE_RETURN_IF_ERROR(GetStore(store).status());
  if (!article.has_value()) return ListAllPrices(store, page);
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<std::vector<SqlRow>> rows =
      (*connection)->Query(Concat(sql::kPriceColumns, sql::kListArticlePrices), {store.value(), article->value()});
  if (!rows.ok()) return rows.status();
  Page<StorePrice> result;
  for (const SqlRow& row : *rows) result.items.push_back(detail::PriceFromRow(row));
  return result;
}

Result<int64_t> MasterDataStore::Import(const Planner& plan, bool dry_run) {
  if (!dry_run) {
    return CatalogWrite([&](SqlConnection& connection, int64_t version) {
      Result<ImportContext> context = LoadImportContext(connection);
      if (!context.ok()) return context.status();
      Result<ImportPlan> planned = plan(*context);
      if (!planned.ok()) return planned.status();
      KASSE_RETURN_IF_ERROR(detail::WriteArticles(connection, planned->articles, version));
      return detail::WritePrices(connection, planned->prices, version);
    });
  }
  Result<storage::SqlPool::Lease> connection = pool_.Acquire();
  if (!connection.ok()) return connection.status();
  Result<storage::SqlTransaction> transaction = storage::SqlTransaction::Begin(**connection);  // rolled back
  if (!transaction.ok()) return transaction.status();
  Result<ImportContext> context = LoadImportContext(**connection);
  if (!context.ok()) return context.status();
  KASSE_RETURN_IF_ERROR(plan(*context).status());
  Result<std::optional<SqlValue>> current = (*connection)->QueryValue(sql::kCurrentVersion);
  if (!current.ok()) return current.status();
  return current->has_value() ? (*current)->AsInt() : 0;
}

}  // namespace kasse::masterdata
