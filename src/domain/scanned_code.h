// ScannedCode: what a scanner or the cashier's keypad produced, classified.
//
// Up to 5 digits is a PLU; 8, 12, 13 or 14 digits is a GTIN, decoded further
// into an InStoreCode when its prefix (20–29) has a configured layout. Anything
// else is rejected with a message the cashier can act on.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>
#include <variant>

#include "base/result.h"
#include "domain/gtin.h"
#include "domain/in_store_ean.h"
#include "domain/plu.h"

namespace kasse {

using ScannedCode = std::variant<Plu, Gtin, InStoreCode>;

Result<ScannedCode> ParseScannedCode(std::string_view input, const InStoreEanRules& rules);

}  // namespace kasse
