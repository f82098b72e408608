// CatalogStore: the catalog's own SQLite file. All of the catalog's SQL is in
// catalog_store.cpp; the schema is schema/V*.sql, applied on Open.
//
// Thread-safety: as storage::SqliteDatabase, one thread at a time.
#pragma once

#include <span>
#include <string>

#include "base/result.h"
#include "catalog/catalog_delta.h"
#include "storage/migrator.h"
#include "storage/sqlite_database.h"

namespace kasse::catalog::detail {

// schema/V*.sql, embedded by kasse_embed_migrations.
std::span<const storage::Migration> CatalogMigrations();

class CatalogStore {
 public:
  // Opens or creates the file and brings its schema up to date.
  static Result<CatalogStore> Open(const std::string& path, const storage::SqliteDatabase::Options& options);

  // Everything stored, as one delta from version 0 to the stored version.
  Result<CatalogDelta> Load();

  // Writes a delta that ValidateDelta accepted, and its to_version, in one transaction.
  Status Write(const CatalogDelta& delta);
  // Deletes everything and writes a snapshot (a delta from version 0 that
  // ValidateDelta accepted against an empty index), in one transaction.
  Status Replace(const CatalogDelta& snapshot);

 private:
  explicit CatalogStore(storage::SqliteDatabase db) : db_(std::move(db)) {}

  Status LoadGroups(CatalogDelta& delta);
  Status LoadArticles(CatalogDelta& delta);
  Status LoadPrices(CatalogDelta& delta);
  Status WriteInTransaction(const CatalogDelta& delta, bool clear_first);
  Status WriteArticles(const CatalogDelta& delta);
  Status WritePrices(const CatalogDelta& delta);

  storage::SqliteDatabase db_;
};

}  // namespace kasse::catalog::detail
