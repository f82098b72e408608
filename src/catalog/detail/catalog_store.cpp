#include "catalog/detail/catalog_store.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "catalog/detail/catalog_index.h"
#include "domain/text.h"

namespace kasse::catalog::detail {
namespace {

using storage::SqliteDatabase;
using storage::SqliteStatement;
using storage::SqliteTransaction;

constexpr std::string_view kSelectVersion = "SELECT version FROM catalog_version WHERE id = 1";
constexpr std::string_view kSetVersion = "UPDATE catalog_version SET version = ?1 WHERE id = 1";

constexpr std::string_view kSelectGroups = "SELECT id, name FROM product_group ORDER BY id";
constexpr std::string_view kUpsertGroup =
    "INSERT INTO product_group (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = excluded.name";

constexpr std::string_view kSelectArticles =
    "SELECT number, text, plu, vat_key, product_group, unit FROM article ORDER BY number";
constexpr std::string_view kUpsertArticle =
    "INSERT INTO article (number, text, plu, vat_key, product_group, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (number) DO UPDATE SET text = excluded.text, plu = excluded.plu, vat_key = excluded.vat_key, "
    "product_group = excluded.product_group, unit = excluded.unit";
constexpr std::string_view kDeleteArticle = "DELETE FROM article WHERE number = ?1";
constexpr std::string_view kReleasePlu = "UPDATE article SET plu = NULL WHERE number = ?1";

constexpr std::string_view kSelectGtins = "SELECT article, digits FROM article_gtin ORDER BY article, position";
constexpr std::string_view kInsertGtin =
    "INSERT INTO article_gtin (gtin14, digits, article, position) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kDeleteGtins = "DELETE FROM article_gtin WHERE article = ?1";

constexpr std::string_view kSelectPrices =
    "SELECT article, valid_from_ms, valid_to_ms, unit_price_cents FROM price ORDER BY article, valid_from_ms";
constexpr std::string_view kUpsertPrice =
    "INSERT INTO price (article, valid_from_ms, valid_to_ms, unit_price_cents) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (article, valid_from_ms) DO UPDATE SET valid_to_ms = excluded.valid_to_ms, "
    "unit_price_cents = excluded.unit_price_cents";
constexpr std::string_view kDeletePrice = "DELETE FROM price WHERE article = ?1 AND valid_from_ms = ?2";
constexpr std::string_view kDeletePrices = "DELETE FROM price WHERE article = ?1";

// Emptying the catalog for a snapshot, referencing tables first.
constexpr std::array<std::string_view, 4> kClearAll = {"DELETE FROM price", "DELETE FROM article_gtin",
                                                       "DELETE FROM article", "DELETE FROM product_group"};

// Prepares `sql`, binds `args` to ?1, ?2, … and runs it.
template <typename... Args>
Status Run(SqliteDatabase& db, std::string_view sql, const Args&... args) {
  Result<SqliteStatement*> statement = db.Prepare(sql);
  if (!statement.ok()) return statement.status();
  int index = 0;
  ((*statement)->Bind(++index, args), ...);
  return (*statement)->Run();
}

// Calls `row` for each row of `sql` until it fails.
template <typename Row>
Status ForEachRow(SqliteDatabase& db, std::string_view sql, Row row) {
  Result<SqliteStatement*> statement = db.Prepare(sql);
  if (!statement.ok()) return statement.status();
  Status status;
  while (status.ok()) {
    Result<bool> more = (*statement)->Step();
    if (!more.ok() || !*more) {
      status = more.status();
      break;
    }
    status = row(**statement);
  }
  (*statement)->Reset();  // ends the read transaction
  return status;
}

std::optional<int64_t> OptionalInt(const SqliteStatement& row, int column) {
  return row.IsNull(column) ? std::nullopt : std::optional<int64_t>(row.Int(column));
}

Status Damaged(const SqliteStatement& row) {
  return Status::Internal("the catalog database holds a damaged article " + QuoteForMessage(row.Text(0)));
}

// A row of kSelectArticles, without its GTINs.
Result<Article> ArticleFromRow(const SqliteStatement& row) {
  std::optional<Unit> unit = UnitFromCode(row.Text(5));
  if (!unit.has_value()) return Damaged(row);
  std::optional<Plu> plu;
  if (!row.IsNull(2)) {
    Result<Plu> parsed = Plu::Parse(row.Text(2));
    if (!parsed.ok()) return Damaged(row);
    plu = *parsed;
  }
  return Article{ArticleNumber(row.Text(0)),  row.Text(1), {}, plu, VatKey(static_cast<int>(row.Int(3))),
                 ProductGroupId(row.Text(4)), *unit};
}

}  // namespace

Result<CatalogStore> CatalogStore::Open(const std::string& path, const SqliteDatabase::Options& options) {
  Result<SqliteDatabase> db = SqliteDatabase::Open(path, options);
  if (!db.ok()) return db.status();
  KASSE_RETURN_IF_ERROR(storage::Migrate(*db, CatalogMigrations()));
  return CatalogStore(std::move(db).value());
}

Result<CatalogDelta> CatalogStore::Load() {
  CatalogDelta delta;
  KASSE_RETURN_IF_ERROR(ForEachRow(db_, kSelectVersion, [&](const SqliteStatement& row) {
    delta.to_version = row.Int(0);
    return Status::Ok();
  }));
  KASSE_RETURN_IF_ERROR(LoadGroups(delta));
  KASSE_RETURN_IF_ERROR(LoadArticles(delta));
  KASSE_RETURN_IF_ERROR(LoadPrices(delta));
  return delta;
}

Status CatalogStore::LoadGroups(CatalogDelta& delta) {
  return ForEachRow(db_, kSelectGroups, [&](const SqliteStatement& row) {
    delta.upsert_groups.push_back(ProductGroup{ProductGroupId(row.Text(0)), row.Text(1)});
    return Status::Ok();
  });
}

Status CatalogStore::LoadArticles(CatalogDelta& delta) {
  std::unordered_map<std::string, size_t> position;
  KASSE_RETURN_IF_ERROR(ForEachRow(db_, kSelectArticles, [&](const SqliteStatement& row) {
    Result<Article> article = ArticleFromRow(row);
    if (!article.ok()) return article.status();
    position.emplace(article->number.value(), delta.upsert_articles.size());
    delta.upsert_articles.push_back(std::move(article).value());
    return Status::Ok();
  }));
  return ForEachRow(db_, kSelectGtins, [&](const SqliteStatement& row) {
    auto owner = position.find(row.Text(0));
    if (owner == position.end()) return Status::Internal("catalog database holds a GTIN of no article");
    delta.upsert_articles[owner->second].gtins.push_back(row.Text(1));
    return Status::Ok();
  });
}

Status CatalogStore::LoadPrices(CatalogDelta& delta) {
  return ForEachRow(db_, kSelectPrices, [&](const SqliteStatement& row) {
    delta.upsert_prices.push_back(
        Price{ArticleNumber(row.Text(0)), Money::FromCents(row.Int(3)), row.Int(1), OptionalInt(row, 2)});
    return Status::Ok();
  });
}

Status CatalogStore::Write(const CatalogDelta& delta) { return WriteInTransaction(delta, /*clear_first=*/false); }

Status CatalogStore::Replace(const CatalogDelta& snapshot) {
  return WriteInTransaction(snapshot, /*clear_first=*/true);
}

Status CatalogStore::WriteInTransaction(const CatalogDelta& delta, bool clear_first) {
  Result<SqliteTransaction> transaction = SqliteTransaction::Begin(db_);
  if (!transaction.ok()) return transaction.status();
  if (clear_first) {
    for (std::string_view sql : kClearAll) KASSE_RETURN_IF_ERROR(Run(db_, sql));
  }
  for (const ProductGroup& group : delta.upsert_groups) {
    KASSE_RETURN_IF_ERROR(Run(db_, kUpsertGroup, group.id.value(), group.name));
  }
  KASSE_RETURN_IF_ERROR(WriteArticles(delta));
  KASSE_RETURN_IF_ERROR(WritePrices(delta));
  KASSE_RETURN_IF_ERROR(Run(db_, kSetVersion, delta.to_version));
  return transaction->Commit();
}

Status CatalogStore::WriteArticles(const CatalogDelta& delta) {
  for (const ArticleNumber& number : delta.delete_articles) {
    KASSE_RETURN_IF_ERROR(Run(db_, kDeleteGtins, number.value()));
    KASSE_RETURN_IF_ERROR(Run(db_, kDeletePrices, number.value()));
    KASSE_RETURN_IF_ERROR(Run(db_, kDeleteArticle, number.value()));
  }
  // Release every old code first, so a GTIN or PLU can move between two articles of the delta.
  for (const Article& article : delta.upsert_articles) {
    KASSE_RETURN_IF_ERROR(Run(db_, kDeleteGtins, article.number.value()));
    KASSE_RETURN_IF_ERROR(Run(db_, kReleasePlu, article.number.value()));
  }
  for (const Article& article : delta.upsert_articles) {
    std::optional<int64_t> plu;
    if (article.plu.has_value()) plu = article.plu->value();
    KASSE_RETURN_IF_ERROR(Run(db_, kUpsertArticle, article.number.value(), article.text, plu,
                              int64_t{article.vat_key.value()}, article.product_group.value(), UnitCode(article.unit)));
    for (size_t i = 0; i < article.gtins.size(); ++i) {
      KASSE_RETURN_IF_ERROR(Run(db_, kInsertGtin, static_cast<int64_t>(GtinKey(article.gtins[i])), article.gtins[i],
                                article.number.value(), static_cast<int64_t>(i)));
    }
  }
  return Status::Ok();
}

Status CatalogStore::WritePrices(const CatalogDelta& delta) {
  for (const PriceKey& key : delta.delete_prices) {
    KASSE_RETURN_IF_ERROR(Run(db_, kDeletePrice, key.article.value(), key.valid_from_ms));
  }
  for (const Price& price : delta.upsert_prices) {
    KASSE_RETURN_IF_ERROR(Run(db_, kUpsertPrice, price.article.value(), price.valid_from_ms, price.valid_to_ms,
                              price.unit_price.cents()));
  }
  return Status::Ok();
}

}  // namespace kasse::catalog::detail
