// ScannedItem: what a scanned or typed code sells, as Catalog::Resolve finds it
// for a code from ParseScannedCode (domain/scanned_code.h).
//
//   code                         quantity            unit_price             line_amount
//   GTIN or PLU, piece article   1 piece             catalog price          = unit_price
//   GTIN or PLU, weighed article nullopt (weigh it)  catalog price per kg…  nullopt
//   in-store EAN with a price    1 piece             the printed price      the printed price
//   in-store EAN with a count    the count (pieces)  catalog price          LineAmount(price, count)
//   in-store EAN with a weight   the weight (kg)     catalog price per kg   LineAmount(price, weight)
//
// For a weighed article typed as a PLU the register reads the scale and computes
// LineAmount (domain/quantity.h) itself. A price EAN needs no catalog price: the
// scale priced the pack, so the article may have none.
//
// Thread-safety: a value type.
#pragma once

#include <optional>

#include "catalog/article.h"
#include "domain/money.h"
#include "domain/quantity.h"

namespace kasse::catalog {

struct ScannedItem {
  Article article;
  std::optional<Quantity> quantity;
  Money unit_price;
  std::optional<Money> line_amount;
};

}  // namespace kasse::catalog
