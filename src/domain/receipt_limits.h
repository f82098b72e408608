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

// Text lengths follow the DSFinV-K columns the values are exported to (index.xml
// MaxLength, in characters); counted here in bytes, which is never more lenient.
inline constexpr size_t kMaxArticleTextBytes = 255;   // ARTIKELTEXT
inline constexpr size_t kMaxArticleNumberBytes = 50;  // ART_NR
inline constexpr size_t kMaxProductGroupBytes = 40;   // WARENGR_ID
inline constexpr size_t kMaxRegisterIdBytes = 50;     // Z_KASSE_ID, REF_Z_KASSE_ID
inline constexpr size_t kMaxReceiptIdBytes = 40;      // BON_ID, REF_BON_ID

}  // namespace kasse::limits
