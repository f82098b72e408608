// Catalog: the register's local article catalog, which works offline and is kept
// current by deltas from the server.
//
// It holds the articles, the prices of the register's store, and the product
// groups, in its own SQLite file (e.g. DATA_DIR/catalog.db), and all of it in
// memory: lookups never touch the disk. Opening reads the file and rebuilds the
// in-memory indexes. The delta protocol and what Apply refuses are described in
// catalog_delta.h, price validity in article.h.
//
// Lookups at now_ms (UTC milliseconds, see base/clock.h):
//  - FindByGtin / FindByPlu / FindByNumber: NotFound with field "gtin", "plu" or
//    "article_number" if no article carries the code, and NotFound with field
//    "price" if the article has no price valid at now_ms (it cannot be sold then).
//  - Search: articles whose text contains `text` (leading and trailing spaces
//    ignored) regardless of case, as detail/fold.h defines it: ASCII and Latin-1
//    letters incl. ÄÖÜ; "ß" is not "ss" and "ä" not "ae". At most `limit`
//    results, in byte-wise article-number order; articles without a price valid
//    at now_ms are left out. An empty text finds nothing.
//  - Resolve: a code from ParseScannedCode with its quantity and amount, see
//    scanned_item.h. An in-store EAN names its article by number
//    (InStoreCode::article_number, e.g. "281234" for prefix 28 and article 1234),
//    so articles sold with scale labels carry that as their number.
//
// Thread-safety: every method may be called from any thread. Lookups run
// concurrently with each other and with Apply's checks and disk writes; Apply
// calls are serialised, and lookups wait only while a committed delta is swapped
// into memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/article.h"
#include "catalog/catalog_delta.h"
#include "catalog/scanned_item.h"
#include "domain/gtin.h"
#include "domain/ids.h"
#include "domain/plu.h"
#include "domain/scanned_code.h"
#include "domain/vat.h"
#include "storage/sqlite_database.h"

namespace kasse::catalog {

class Catalog {
 public:
  // Opens or creates the catalog file at `path`. Apply refuses articles whose VAT
  // key `vat_table` does not know.
  static Result<Catalog> Open(const std::string& path, VatTable vat_table);
  static Result<Catalog> Open(const std::string& path, VatTable vat_table,
                              const storage::SqliteDatabase::Options& options);

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  // Applies one delta, whole or not at all (see catalog_delta.h). Besides the
  // refusals listed there: Unavailable if the disk is full or failing, with the
  // catalog left as it was.
  Status Apply(const CatalogDelta& delta);

  // Replaces the whole catalog with `snapshot`, a delta from version 0 that lists
  // everything and deletes nothing: the server's answer when it cannot send a
  // delta from the catalog's version (see catalog_delta.h). Whole or not at all,
  // like Apply. Unlike Apply it takes any to_version, even one at or below the
  // catalog's version (the server went back to a backup): the snapshot is the new
  // state. Refused with InvalidArgument if from_version is not 0 (field
  // "from_version") or a delete list is not empty ("delete_articles",
  // "delete_prices"); its records are checked as Apply checks a delta against an
  // empty catalog.
  Status Replace(const CatalogDelta& snapshot);

  // The version of the last delta applied; 0 for a new catalog.
  int64_t version() const;
  size_t size() const;  // number of articles

  Result<ArticleView> FindByGtin(const Gtin& gtin, int64_t now_ms) const;
  Result<ArticleView> FindByPlu(Plu plu, int64_t now_ms) const;
  Result<ArticleView> FindByNumber(const ArticleNumber& number, int64_t now_ms) const;
  Result<ProductGroup> FindGroup(const ProductGroupId& id) const;
  std::vector<ArticleView> Search(std::string_view text, int64_t now_ms, size_t limit) const;
  Result<ScannedItem> Resolve(const ScannedCode& code, int64_t now_ms) const;

 private:
  struct State;
  explicit Catalog(std::unique_ptr<State> state);

  std::unique_ptr<State> state_;
};

}  // namespace kasse::catalog
