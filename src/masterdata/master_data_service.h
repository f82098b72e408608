// MasterDataService: the master data as the API uses it — the store, the catalog
// feed it notifies after each catalog commit, and the CSV import — wired together
// over one SqlPool.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <string_view>

#include "masterdata/article_import.h"
#include "masterdata/catalog_feed.h"
#include "masterdata/master_data_store.h"

namespace kasse::masterdata {

class MasterDataService {
 public:
  explicit MasterDataService(storage::SqlPool& pool)
      : feed_(pool), store_(pool, [this](int64_t version) { feed_.NotifyCommitted(version); }) {}

  MasterDataStore& store() { return store_; }
  CatalogFeed& feed() { return feed_; }

  Result<ImportOutcome> ImportArticles(std::string_view csv, bool dry_run) {
    return ImportArticlesCsv(store_, csv, dry_run);
  }

 private:
  CatalogFeed feed_;  // before store_, which notifies it
  MasterDataStore store_;
};

}  // namespace kasse::masterdata
