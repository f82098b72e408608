// CatalogDelta: one step of the catalog from version from_version to to_version,
// as the server sends it.
//
// Protocol (Catalog::Apply):
//  - Deltas apply in order. A delta with to_version <= the catalog's version was
//    applied before and is acknowledged again without change (OK), so a resent
//    delta is harmless. Otherwise from_version must equal the catalog's version,
//    or the delta is refused with Conflict (field "from_version"); the server
//    then sends the deltas in between, or a snapshot: one delta from 0 that
//    deletes nothing and lists everything, for Catalog::Replace (not Apply).
//    The exchange with the server is CatalogSyncClient's (catalog_sync.h).
//  - A delta applies whole or not at all: every record is checked first, then
//    the delta is written in one SQLite transaction. Any refusal leaves the
//    catalog exactly as it was.
//  - Records are keyed: articles by number, groups by id, prices by (article,
//    valid_from_ms). An upsert replaces the whole record with that key; an
//    article's prices survive an upsert of the article and go with its deletion.
//    Deleting what is not there is a no-op: only the state after the delta counts.
//
// Refusals (the field is a path such as "upsert_articles[3].gtins[1]"):
//  - InvalidArgument: a malformed record (bad GTIN check digit, text empty, too
//    long, with control characters or broken UTF-8; negative or too large price;
//    valid_to_ms not after valid_from_ms; to_version not after from_version), or
//    a delta contradicting itself (an article upserted twice or both upserted and
//    deleted, one GTIN or PLU on two of its articles).
//  - NotFound: a reference to nothing (a VAT key the register's VatTable does not
//    know, a product group or a price's article that will not exist afterwards).
//  - Conflict: out of order (see above), or a GTIN or PLU that an article kept
//    from before already carries.
//
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <vector>

#include "catalog/article.h"
#include "domain/ids.h"

namespace kasse::catalog {

// Names one price of an article to delete.
struct PriceKey {
  ArticleNumber article;
  int64_t valid_from_ms = 0;

  friend bool operator==(const PriceKey&, const PriceKey&) = default;
};

struct CatalogDelta {
  int64_t from_version = 0;
  int64_t to_version = 0;
  std::vector<ProductGroup> upsert_groups;
  std::vector<Article> upsert_articles;
  std::vector<ArticleNumber> delete_articles;  // with their prices
  std::vector<Price> upsert_prices;
  std::vector<PriceKey> delete_prices;

  friend bool operator==(const CatalogDelta&, const CatalogDelta&) = default;
};

}  // namespace kasse::catalog
