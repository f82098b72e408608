// MasterDataStore: the chain's master data in the server database, on either SQL
// backend (storage/sql.h; schema in src/schema/*/V004__master_data.sql).
//
// Every Put is an upsert of the whole record with its key and validates it first
// (validation.h); references are checked against the database in the same
// transaction and backed by foreign keys, uniqueness (one article per GTIN and per
// PLU) by unique keys, so two server processes cannot break them either.
//   InvalidArgument  a malformed record (field named)
//   NotFound         an unknown ID, or a reference to one (field "store_id",
//                    "product_group", "vat_key", "article")
//   Conflict         a GTIN or PLU of another article, or a concurrent change
//                    the database refused
//   Unavailable      the database cannot be reached (retry)
//
// Catalog changes (product groups, articles, prices, deletions, imports) run in a
// transaction that first increments the one catalog_version row; every record
// written carries that version, every deletion leaves a tombstone with it. That
// row's write lock serialises catalog writers on both backends, so versions
// commit in order and a reader never sees version N+1 before N (catalog_feed.h
// turns the rows into deltas). Those writes return the committed version and
// call the listener given to the constructor with it after the commit.
//
// Product groups cannot be deleted (the catalog delta has no group deletions;
// registers keep the groups they have). Stores, registers and payment types are
// not deleted either: closings and exports refer to them.
//
// Thread-safety: every method may be called from any thread (the pool lends
// each call its own connection).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/result.h"
#include "masterdata/records.h"
#include "storage/sql_pool.h"

namespace kasse::masterdata {

// What a bulk import is checked against, read inside its transaction.
struct ImportContext {
  std::unordered_set<std::string> groups;
  std::unordered_set<int> vat_keys;
  std::vector<StoreId> stores;                              // in ID order
  std::unordered_map<std::string, std::string> gtin_owner;  // GTIN-14 → article number
  std::unordered_map<int, std::string> plu_owner;           // PLU → article number
};

// What a bulk import writes: whole articles (with their GTINs) and store prices.
// Each article and each price key at most once.
struct ImportPlan {
  std::vector<catalog::Article> articles;
  std::vector<StorePrice> prices;
};

class MasterDataStore {
 public:
  using CatalogListener = std::function<void(int64_t version)>;
  // Rows per multi-row INSERT of the bulk paths: one statement, not one round
  // trip, per this many rows (7 columns × 500 stays far below both backends'
  // parameter limits).
  static constexpr size_t kBatchRows = 500;

  explicit MasterDataStore(storage::SqlPool& pool, CatalogListener on_catalog_commit = nullptr)
      : pool_(pool), on_catalog_commit_(std::move(on_catalog_commit)) {}

  Status PutOrganisation(const Organisation& organisation);
  Result<Organisation> GetOrganisation();  // NotFound until one is put

  Status PutStore(const Store& store);
  Result<Store> GetStore(const StoreId& id);
  Result<Page<Store>> ListStores(const PageRequest& page);

  Status PutRegister(const Register& register_record);
  Result<Register> GetRegister(const RegisterId& id);
  // All registers, or those of `store` (NotFound if the store does not exist).
  Result<Page<Register>> ListRegisters(const PageRequest& page, const std::optional<StoreId>& store);

  Status PutPaymentType(const PaymentType& type);
  Result<PaymentType> GetPaymentType(const PaymentTypeCode& code);
  Result<Page<PaymentType>> ListPaymentTypes(const PageRequest& page);

  Result<std::vector<VatKeyRecord>> ListVatKeys();

  // Catalog writes: the committed catalog version.
  Result<int64_t> PutProductGroup(const catalog::ProductGroup& group);
  Result<int64_t> PutArticle(const catalog::Article& article);
  Result<int64_t> DeleteArticle(const ArticleNumber& number);  // with its prices; NotFound if absent
  Result<int64_t> PutPrice(const StorePrice& price);
  Result<int64_t> DeletePrice(const StoreId& store, const ArticleNumber& article, int64_t valid_from_ms);

  Result<catalog::ProductGroup> GetProductGroup(const ProductGroupId& id);
  Result<Page<catalog::ProductGroup>> ListProductGroups(const PageRequest& page);
  Result<catalog::Article> GetArticle(const ArticleNumber& number);
  Result<Page<catalog::Article>> ListArticles(const PageRequest& page);
  Result<StorePrice> GetPrice(const StoreId& store, const ArticleNumber& article, int64_t valid_from_ms);
  // A store's prices by (article, valid_from_ms); `after` is an article number.
  // With `article`, only that article's prices (all of them, no paging).
  Result<Page<StorePrice>> ListPrices(const StoreId& store, const PageRequest& page,
                                      const std::optional<ArticleNumber>& article);

  // A bulk import in one transaction: `plan` builds the ImportPlan from what the
  // database holds (or refuses, and nothing is written); the plan is written with
  // multi-row statements. dry_run: plan, then roll back. The committed version
  // (the current one on a dry run).
  using Planner = std::function<Result<ImportPlan>(const ImportContext&)>;
  Result<int64_t> Import(const Planner& plan, bool dry_run);

 private:
  Result<Page<StorePrice>> ListAllPrices(const StoreId& store, const PageRequest& page);
  using Work = std::function<Status(storage::SqlConnection&, int64_t version)>;
  // Runs `work` in a transaction after incrementing the catalog version.
  Result<int64_t> CatalogWrite(const Work& work);
  Status Write(const std::function<Status(storage::SqlConnection&)>& work);

  storage::SqlPool& pool_;
  CatalogListener on_catalog_commit_;
};

}  // namespace kasse::masterdata
