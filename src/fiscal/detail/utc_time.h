// UtcTime: a point in time as UTC calendar fields, the one conversion between
// unix milliseconds and dates behind TSE log times (tse_time.h) and their DER
// encodings (tse_signed_data.h). Years 1970 to 9999 only: TSE times are never
// earlier, and four digits are what every TSE time form has room for.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>

namespace kasse::fiscal::detail {

struct UtcTime {
  int year;         // 1970..9999
  int month;        // 1..12
  int day;          // 1..31
  int hour;         // 0..23
  int minute;       // 0..59
  int second;       // 0..59; no leap seconds, as in unix time
  int millisecond;  // 0..999
};

// 9999-12-31T23:59:59.999Z.
inline constexpr int64_t kMaxUnixMs = 253'402'300'799'999;

// nullopt unless 0 <= unix_ms <= kMaxUnixMs.
std::optional<UtcTime> SplitUnixMs(int64_t unix_ms);

// nullopt unless every field is in its range and the day exists in that month.
std::optional<int64_t> JoinUnixMs(const UtcTime& time);

}  // namespace kasse::fiscal::detail
