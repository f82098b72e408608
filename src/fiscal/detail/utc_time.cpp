#include "fiscal/detail/utc_time.h"

#include <chrono>

namespace kasse::fiscal::detail {
namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 9999;
constexpr int64_t kMillisPerDay = 86'400'000;

}  // namespace

std::optional<UtcTime> SplitUnixMs(int64_t unix_ms) {
  if (unix_ms < 0 || unix_ms > kMaxUnixMs) return std::nullopt;
  const std::chrono::sys_days days{std::chrono::days(unix_ms / kMillisPerDay)};
  const std::chrono::year_month_day date(days);
  const int64_t of_day = unix_ms % kMillisPerDay;
  return UtcTime{static_cast<int>(date.year()),
                 static_cast<int>(static_cast<unsigned>(date.month())),
                 static_cast<int>(static_cast<unsigned>(date.day())),
                 static_cast<int>(of_day / 3'600'000),
                 static_cast<int>(of_day / 60'000 % 60),
                 static_cast<int>(of_day / 1000 % 60),
                 static_cast<int>(of_day % 1000)};
}

std::optional<int64_t> JoinUnixMs(const UtcTime& time) {
  if (time.year < kFirstYear || time.year > kLastYear || time.month < 1 || time.month > 12 || time.day < 1 ||
      time.day > 31 || time.hour < 0 || time.hour > 23 || time.minute < 0 || time.minute > 59 || time.second < 0 ||
      time.second > 59 || time.millisecond < 0 || time.millisecond > 999) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(time.year),
                                         std::chrono::month(static_cast<unsigned>(time.month)),
                                         std::chrono::day(static_cast<unsigned>(time.day))};
  if (!date.ok()) return std::nullopt;  // 30 February, 29 February outside leap years
  const int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  return days * kMillisPerDay + int64_t{time.hour} * 3'600'000 + int64_t{time.minute} * 60'000 +
         int64_t{time.second} * 1000 + time.millisecond;
}

}  // namespace kasse::fiscal::detail
