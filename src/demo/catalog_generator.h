// DemoCatalog: the demo chain's article catalog, generated from word lists
// (detail/catalog_words.h) the same way every time: about 2,000 articles of a
// German supermarket in 15 product groups — packaged goods with GTIN-13s
// (prefix 40–43, valid check digits) at 7 % (food) or 19 % (drinks, drugstore,
// household), loose produce with PLUs (weighed per kg or by the piece), the
// cheese and meat counter (weighed; the scale prints an in-store EAN with prefix
// 28) and the in-store bakery (GTINs with prefix 20).
//
// Prices belong to stores (docs/master-data.md): StorePriceCents gives an
// article's price in one of the chain's stores, the same as the base price for
// most articles and a little different for some (Leipzig a bit cheaper, München
// a bit dearer). CatalogCsv writes the catalog as the server's CSV import takes
// it; StoreSnapshot as the delta a register applies (for tests without a
// server).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/article.h"
#include "catalog/catalog_delta.h"

namespace kasse::demo {

// How a cashier rings an article up.
enum class RingUp {
  kScanGtin,    // scan the package
  kWeighPlu,    // put it on the scale, type the PLU
  kCountPlu,    // type the PLU (sold by the piece)
  kScaleLabel,  // scan the label the counter's scale printed (weight inside)
};

struct DemoArticle {
  catalog::Article article;
  int64_t base_price_cents = 0;  // per piece or per kg
  RingUp ring_up = RingUp::kScanGtin;
};

struct DemoGroup {
  catalog::ProductGroup group;
  int popularity = 1;            // relative share of a basket's items
  std::vector<size_t> articles;  // indexes into DemoCatalog::articles
};

struct DemoCatalog {
  std::vector<DemoGroup> groups;
  std::vector<DemoArticle> articles;
};

DemoCatalog GenerateCatalog();

// The article's price in the store with this index (0 = Berlin, 1 = Leipzig,
// 2 = München); other indexes get the base price.
int64_t StorePriceCents(const DemoArticle& article, size_t store_index);

// The CSV import (POST /api/v1/articles/import): one row per article and store.
std::string CatalogCsv(const DemoCatalog& catalog, const std::vector<std::string>& store_ids);

// The catalog of one store as a snapshot delta (from version 0 to `version`).
catalog::CatalogDelta StoreSnapshot(const DemoCatalog& catalog, size_t store_index, int64_t version);

// The in-store EAN the counter's scale prints for `grams` of a kScaleLabel article
// (GS1 Germany layout 28 IIII P VVVVV C).
std::string ScaleLabel(const DemoArticle& article, int64_t grams);

}  // namespace kasse::demo
