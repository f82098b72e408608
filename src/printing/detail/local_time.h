// German civil time for the register's timestamps on printouts.
//
// Journal times are UTC milliseconds. A receipt shows the Vorgang's start and
// end as the customer's clock did: Mitteleuropäische Zeit (MEZ, UTC+1), or
// Sommerzeit (MESZ, UTC+2) from the last Sunday of March 01:00 UTC to the last
// Sunday of October 01:00 UTC (the EU rule, in force in Germany since 1996).
// TSE times are printed in UTC instead (fiscal::TseTimeToIso), labelled so.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kasse::printing::detail {

struct LocalTime {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  bool summer_time = false;
};

// nullopt outside [0, fiscal::kMaxTseUnixMs] (a corrupt time; printouts say so).
std::optional<LocalTime> GermanLocalTime(int64_t unix_ms);

std::string FormatDate(const LocalTime& time);           // "03.09.2026"
std::string FormatClock(const LocalTime& time);          // "10:15:02"
std::string FormatClockWithZone(const LocalTime& time);  // "10:15:02 MESZ"
std::string FormatDateTime(const LocalTime& time);       // "03.09.2026 10:15:02 MESZ"

// "2026-09-03T08:15:02.123Z", or "ungültige Zeit (<ms>)" outside the range above.
std::string IsoUtcOrInvalid(int64_t unix_ms);

}  // namespace kasse::printing::detail
