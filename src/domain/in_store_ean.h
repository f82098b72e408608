// In-store EANs: EAN-13 numbers with prefix 20–29 that carry a price, a count
// or a weight, as printed by a scale or a price labeller.
//
// What a prefix means is configured per store chain (InStoreEanLayout). The
// digits between the 2-digit prefix and the final EAN check digit hold an
// article number, optionally one "price check digit", and the value:
//
//   2X IIII P VVVVV C    GS1 Germany (prefixes 22/23 price, 25/26 count, 28/29 weight)
//   2X IIIII VVVVV C     no price check digit
//   2X IIII _ VVVVV C    position 7 present but ignored
//   2X IIIII P VVVV C    4-digit value with its price check digit (UK style)
//
// The price check digit is GS1's (General Specifications §7.9): weighting
// factors 2-, 2-, 3, 5- over a 4-digit value (result = sum × 3 mod 10) and
// 5+, 2-, 5-, 5+, 2- over a 5-digit value (result = the digit whose 5- product
// equals 10 − sum mod 10). Prices are in cents, weights in grams (milli-kg).
//
// Thread-safety: InStoreEanRules is immutable after configuration.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/gtin.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/quantity.h"

namespace kasse {

enum class EmbeddedValue { kPrice, kCount, kWeight };
enum class ValueCheck { kNone, kPriceCheckDigit, kIgnored };

struct InStoreEanLayout {
  int prefix;           // 20..29
  EmbeddedValue value;  // what the value digits mean
  int article_digits;   // digits after the prefix that name the article
  ValueCheck check;     // whether one digit between article and value is a price check digit
  int value_digits;     // 4 or 5 with a price check digit
};

// A decoded in-store EAN: the article it names and the value it carries.
struct InStoreCode {
  ArticleNumber article_number;  // prefix + article digits, e.g. "281111"
  EmbeddedValue kind;
  std::optional<Money> price;        // kPrice
  std::optional<Quantity> quantity;  // kCount (pieces) or kWeight (kg, milli-units)
};

// The GS1 price check digit over a 4- or 5-digit value field.
int PriceCheckDigit(std::string_view value_digits);

class InStoreEanRules {
 public:
  // GS1 Germany: 22, 23 price; 25, 26 count; 28, 29 weight; all 2X IIII P VVVVV C.
  static InStoreEanRules GermanyGs1();

  // Adds or replaces the layout of one prefix. InvalidArgument if the parts do
  // not add up to 13 digits or the prefix is outside 20–29.
  Status Set(const InStoreEanLayout& layout);

  // The layout configured for a restricted-circulation GTIN's prefix, if any.
  const InStoreEanLayout* Find(const Gtin& gtin) const;

  // Decodes a GTIN whose prefix has a layout. NotFound if none is configured;
  // InvalidArgument if its price check digit is wrong.
  Result<InStoreCode> Decode(const Gtin& gtin) const;

 private:
  std::vector<InStoreEanLayout> layouts_;
};

}  // namespace kasse
