// The one rounding rule of Kasse: divide and round half away from zero.
//
// Used for price × quantity and VAT out of gross. (A receipt discount is spread
// by largest remainder instead, see receipt_totals.h, so its shares add up.) Half away
// from zero is commercial rounding ("kaufmännisch runden") for positive values,
// and makes a return's negative amounts mirror the sale's positive ones exactly.
// No statute prescribes an algorithm (docs/fiscal.md §5).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace kasse {

__extension__ typedef __int128 Int128;  // 64×64-bit products without overflow

// numerator / denominator rounded half away from zero; denominator must be > 0
// and the result must fit int64 (callers bound their inputs).
constexpr int64_t RoundedQuotient(Int128 numerator, Int128 denominator) {
  Int128 magnitude = numerator < 0 ? -numerator : numerator;
  Int128 rounded = (2 * magnitude + denominator) / (2 * denominator);
  return static_cast<int64_t>(numerator < 0 ? -rounded : rounded);
}

}  // namespace kasse
