// The bounds a receipt must stay within. Every one is a named constant so the API
// documentation, the validator and the tests agree. They also keep all sums far
// from int64 overflow: kMaxLines × the largest line amount is below Money::kMaxCents.
//
// Thread-safety: compile-time constants.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kasse::limits {

inline constexpr size_t kMaxLines = 1000;
inline constexpr size_t kMaxPayments = 20;
inline constexpr int64_t kMaxUnitPriceCents = 100'000'000;   // 1,000,000.00 € per piece or kg
inline constexpr int64_t kMaxQuantityMilli = 1'000'000'000;  // a million pieces or kg
inline constexpr size_t kMaxTextBytes = 255;                 // article text as printed
inline constexpr size_t kMaxIdBytes = 64;                    // article numbers, IDs

}  // namespace kasse::limits
