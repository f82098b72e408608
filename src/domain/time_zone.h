// TimeZone: an IANA time zone ("Europe/Berlin"), for turning the UTC milliseconds
// Kasse stores into a store's local time and business day (DSFinV-K exports and Z
// reports count per local calendar day).
//
// libstdc++ 12 has no tzdb, so Load() reads the system's compiled zoneinfo (TZif
// files, RFC 8536, Debian package tzdata) itself: the 64-bit data of version 2+
// files (transitions and local time types) and, for instants after the last
// transition, the footer's POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"), which
// Debian's "slim" files rely on for all current rules. Leap seconds are ignored
// (times are POSIX times, as everywhere in Kasse).
//
// Date math uses Howard Hinnant's days_from_civil / civil_from_days algorithms,
// valid for every date an int64 day count can hold (proleptic Gregorian calendar).
//
// Thread-safety: TimeZone is an immutable value; share it freely across threads.
#pragma once

#include <compare>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"

namespace kasse {

// A calendar date without a time zone (a business day, the date on a Z report).
struct CivilDate {
  int32_t year = 1970;
  int32_t month = 1;  // 1–12
  int32_t day = 1;    // 1–31

  bool IsValid() const;
  std::string ToString() const;  // "2026-03-29" (years outside 0–9999 with more digits or a sign)
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// "2026-03-29" → CivilDate; InvalidArgument (field "date") for anything else,
// including dates that do not exist (2026-02-29).
Result<CivilDate> ParseCivilDate(std::string_view text);

// Days since 1970-01-01 (negative before) and back.
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);

// A moment as a wall clock in some zone shows it.
struct LocalDateTime {
  int32_t year = 1970;
  int32_t month = 1;
  int32_t day = 1;
  int32_t hour = 0;
  int32_t minute = 0;
  int32_t second = 0;
  int32_t millisecond = 0;
  int32_t offset_seconds = 0;  // local time minus UTC at that moment

  CivilDate date() const { return CivilDate{year, month, day}; }
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

class TimeZone {
 public:
  static constexpr std::string_view kSystemZoneinfoDir = "/usr/share/zoneinfo";
  static constexpr size_t kMaxNameBytes = 255;
  static constexpr uintmax_t kMaxFileBytes = uintmax_t{1024} * 1024;  // real TZif files are a few KiB

  // Loads `name` from the system's zoneinfo, or from `zoneinfo_root` (tests).
  // InvalidArgument (field "time_zone") for a name that is not of the IANA form
  // (absolute, with "." or ".." components, odd characters), NotFound for one
  // with no file, Internal for a file that is not valid TZif version 2 or later.
  static Result<TimeZone> Load(std::string_view name);
  static Result<TimeZone> Load(std::string_view name, const std::filesystem::path& zoneinfo_root);
  // The zone `name` from the bytes of its TZif file; errors as Load() for the file.
  static Result<TimeZone> FromTzif(std::string_view name, std::string_view tzif_bytes);
  // UTC without reading a file.
  static TimeZone Utc();

  const std::string& name() const;

  // Local time minus UTC, in seconds, at the instant `utc_ms`.
  int32_t OffsetSeconds(int64_t utc_ms) const;
  LocalDateTime ToLocal(int64_t utc_ms) const;
  // The local calendar date at `utc_ms`: the business day a sale belongs to.
  CivilDate BusinessDay(int64_t utc_ms) const;
  std::string BusinessDayString(int64_t utc_ms) const { return BusinessDay(utc_ms).ToString(); }
  // The first instant (UTC ms) whose local date is `date`: local midnight, or the
  // end of the gap when a DST switch skips midnight; the earlier one when a
  // switch back repeats it. Days run [StartOfDayUtcMs(d), StartOfDayUtcMs(d + 1)).
  int64_t StartOfDayUtcMs(const CivilDate& date) const;

  struct Data;  // transitions, local time types and the footer rule (time_zone.cpp)

 private:
  explicit TimeZone(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

  std::shared_ptr<const Data> data_;  // never null; immutable, so copies share it
};

}  // namespace kasse
