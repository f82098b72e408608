// The records of the register's local article catalog: Article, Price and
// ProductGroup as the server sends them, and ArticleView, an article together
// with the price valid at the moment of a lookup.
//
// These are plain value types; Catalog::Apply checks every field before a record
// is stored (see catalog_delta.h for the rules), so records read back from a
// Catalog are always valid.
//
// Prices belong to the register's own store. A price is valid from valid_from_ms
// (inclusive) until valid_to_ms (exclusive, open-ended if absent). Both are UTC
// milliseconds since the Unix epoch, the unit of base/clock.h: the server turns
// "from Monday in the store's time zone" into an instant, so the register needs
// no time-zone data and an announced price change takes effect on time offline.
// When several prices of an article are valid at once, the one with the latest
// valid_from_ms wins: a week's offer over an open-ended regular price needs no
// edit of the regular price.
//
// Thread-safety: value types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/ids.h"
#include "domain/money.h"
#include "domain/plu.h"
#include "domain/quantity.h"
#include "domain/vat.h"

namespace kasse::catalog {

// Bound of ProductGroup::name. Our sources give no length for DSFinV-K's
// WARENGR, so the group name takes the bound of WARENGR_ID; check before relaxing.
inline constexpr size_t kMaxProductGroupNameBytes = 40;

struct ProductGroup {
  ProductGroupId id;  // DSFinV-K WARENGR_ID, at most limits::kMaxProductGroupBytes
  std::string name;   // DSFinV-K WARENGR

  friend bool operator==(const ProductGroup&, const ProductGroup&) = default;
};

struct Article {
  ArticleNumber number;  // DSFinV-K ART_NR; also the key of in-store EANs (InStoreCode::article_number)
  std::string text;      // as printed, DSFinV-K ARTIKELTEXT
  // GTIN-8, -12, -13 or -14 digits as sent. Lookups compare the GTIN-14 form, so
  // "04006381333931" and "4006381333931" name the same article.
  std::vector<std::string> gtins;
  std::optional<Plu> plu;
  VatKey vat_key{1};
  ProductGroupId product_group;
  Unit unit = Unit::kPiece;  // kPiece: sold by count; otherwise weighed (IsWeighed)

  friend bool operator==(const Article&, const Article&) = default;
};

struct Price {
  ArticleNumber article;
  Money unit_price;  // gross, per piece or per kg/l/m of the article's unit
  int64_t valid_from_ms = 0;
  std::optional<int64_t> valid_to_ms;

  friend bool operator==(const Price&, const Price&) = default;
};

// An article and the price valid at the time the lookup was made for.
struct ArticleView {
  Article article;
  Price price;
};

// True if `price` applies at `now_ms`: valid_from_ms <= now_ms < valid_to_ms.
inline bool IsValidAt(const Price& price, int64_t now_ms) {
  return price.valid_from_ms <= now_ms && (!price.valid_to_ms.has_value() || now_ms < *price.valid_to_ms);
}

}  // namespace kasse::catalog
