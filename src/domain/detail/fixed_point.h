// Decimal text <-> integers with a fixed number of decimals: the one parser and
// formatter behind Money (2 decimals, cents) and Quantity (3, milli-units).
//
// Accepted text: an optional '-', at least one digit, and optionally one '.' or
// ',' followed by 1..decimals digits. No '+', spaces, exponent or digit grouping
// ("1.234,56" is rejected as ambiguous). Errors have an empty field; the caller
// names it.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kasse {

// "12,5" with decimals 2 → 1250. OutOfRange beyond ±max_magnitude.
Result<int64_t> ParseFixedPoint(std::string_view text, int decimals, int64_t max_magnitude);

// 1250 with decimals 2 → "12.50" (or "12,50"); every int64 formats, INT64_MIN too.
std::string FormatFixedPoint(int64_t value, int decimals, char decimal_separator);

}  // namespace kasse
