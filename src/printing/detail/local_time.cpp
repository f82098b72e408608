#include "printing/detail/local_time.h"

#include <chrono>
#include <cstdio>

#include "fiscal/tse_time.h"

namespace kasse::printing::detail {
namespace {

namespace chrono = std::chrono;

constexpr int64_t kMsPerHour = 3'600'000;

// The instant summer time starts or ends in `year`: the last Sunday of `month`, 01:00 UTC.
int64_t SwitchMs(chrono::year year, chrono::month month) {
  chrono::sys_days day{chrono::year_month_weekday_last{year, month, chrono::weekday_last{chrono::Sunday}}};
  return chrono::duration_cast<chrono::milliseconds>(day.time_since_epoch()).count() + kMsPerHour;
}

std::string TwoDigits(int64_t value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02lld", static_cast<long long>(value));
  return buffer;
}

}  // namespace

std::optional<LocalTime> GermanLocalTime(int64_t unix_ms) {
  if (unix_ms < 0 || unix_ms > fiscal::kMaxTseUnixMs) return std::nullopt;
  chrono::sys_days utc_day =
      chrono::floor<chrono::days>(chrono::sys_time<chrono::milliseconds>(chrono::milliseconds(unix_ms)));
  chrono::year year = chrono::year_month_day(utc_day).year();
  bool summer = unix_ms >= SwitchMs(year, chrono::March) && unix_ms < SwitchMs(year, chrono::October);
  int64_t local_ms = unix_ms + (summer ? 2 : 1) * kMsPerHour;
  chrono::sys_time<chrono::milliseconds> local{chrono::milliseconds(local_ms)};
  chrono::sys_days local_day = chrono::floor<chrono::days>(local);
  chrono::year_month_day date(local_day);
  int64_t seconds_of_day = chrono::duration_cast<chrono::seconds>(local - local_day).count();
  return LocalTime{static_cast<int>(date.year()),
                   static_cast<unsigned>(date.month()),
                   static_cast<unsigned>(date.day()),
                   seconds_of_day / 3600,
                   seconds_of_day / 60 % 60,
                   seconds_of_day % 60,
                   summer};
}

std::string FormatDate(const LocalTime& time) {
  return TwoDigits(time.day) + "." + TwoDigits(time.month) + "." + std::to_string(time.year);
}

std::string FormatClock(const LocalTime& time) {
  return TwoDigits(time.hour) + ":" + TwoDigits(time.minute) + ":" + TwoDigits(time.second);
}

std::string FormatClockWithZone(const LocalTime& time) {
  return FormatClock(time) + (time.summer_time ? " MESZ" : " MEZ");
}

std::string FormatDateTime(const LocalTime& time) { return FormatDate(time) + " " + FormatClockWithZone(time); }

std::string IsoUtcOrInvalid(int64_t unix_ms) {
  if (unix_ms < 0 || unix_ms > fiscal::kMaxTseUnixMs) return "ungültige Zeit (" + std::to_string(unix_ms) + ")";
  return fiscal::TseTimeToIso(unix_ms);
}

}  // namespace kasse::printing::detail
