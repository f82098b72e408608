#include "domain/time_zone.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace kasse {
namespace {

// Instants as UTC ms (checked against Python's zoneinfo on the same tzdata).
constexpr int64_t kBerlinSpringForward2026 = 1'774'746'000'000;   // 2026-03-29 01:00 UTC
constexpr int64_t kBerlinFallBack2026 = 1'792'890'000'000;        // 2026-10-25 01:00 UTC
constexpr int64_t kBerlinSpringForward2090 = 3'794'173'200'000;   // 2090-03-26 01:00 UTC
constexpr int64_t kBerlinFallBack2090 = 3'812'922'000'000;        // 2090-10-29 01:00 UTC
constexpr int64_t kNewYorkSpringForward2026 = 1'772'953'200'000;  // 2026-03-08 07:00 UTC
constexpr int64_t kHour = 3'600'000;

TimeZone MustLoad(std::string_view name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  if (!zone.ok()) ADD_FAILURE() << zone.status().ToString();
  return zone.ok() ? *zone : TimeZone::Utc();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string BigEndian32(uint32_t value) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xFF));
  return out;
}

// A version 2 TZif file with no transitions, one local time type and a footer, as a
// "slim" file for a zone whose rules never changed would be.
std::string FooterOnlyTzif(int32_t offset_seconds, const std::string& footer) {
  std::string header = "TZif2" + std::string(15, '\0');
  for (uint32_t count : {0u, 0u, 0u, 0u, 1u, 4u}) header += BigEndian32(count);  // one type, 4 bytes of names
  // utoff, isdst 0, name index 0; then the name "XXX".
  std::string data = BigEndian32(static_cast<uint32_t>(offset_seconds)) + std::string(2, '\0') + "XXX" + '\0';
  return header + data + header + data + "\n" + footer + "\n";
}

// Loads a zone whose file is `bytes`, from a throwaway zoneinfo root.
Result<TimeZone> LoadBytes(const std::string& bytes) {
  TempDir root;
  WriteFile(root.path() / "Test" / "Zone", bytes);
  return TimeZone::Load("Test/Zone", root.path());
}

TimeZone FooterZone(const std::string& footer) {
  Result<TimeZone> zone = LoadBytes(FooterOnlyTzif(0, footer));
  if (!zone.ok()) ADD_FAILURE() << footer << ": " << zone.status().ToString();
  return zone.ok() ? *zone : TimeZone::Utc();
}

TEST(TimeZoneTest, UnknownNameIsNotFound) {
  EXPECT_TRUE(TimeZone::Load("Europe/Leipzig").status().IsNotFound());  // Leipzig keeps Berlin's time
  EXPECT_TRUE(TimeZone::Load("Mars/Olympus_Mons").status().IsNotFound());
  EXPECT_TRUE(TimeZone::Load("Europe").status().IsNotFound());  // a directory
}

TEST(TimeZoneTest, HostileNamesAreInvalidArgument) {
  for (std::string name :
       {"../../../etc/passwd", "/etc/passwd", "Europe/../../etc/passwd", "Europe/..", "./UTC", "", "Europe//Berlin",
        "Europe/Berlin/", "Europe\\Berlin", "Europe/Berlin;rm", "Europe/Ber lin"}) {
    Status status = TimeZone::Load(name).status();
    EXPECT_TRUE(status.IsInvalidArgument()) << name << ": " << status.ToString();
    EXPECT_EQ(status.field(), "time_zone");
  }
  EXPECT_TRUE(TimeZone::Load(std::string("UTC\0/../x", 9)).status().IsInvalidArgument());
  EXPECT_TRUE(TimeZone::Load(std::string(300, 'a')).status().IsInvalidArgument());
}

TEST(TimeZoneTest, TruncatedFileIsAnError) {
  std::string berlin = ReadFile(std::filesystem::path(TimeZone::kSystemZoneinfoDir) / "Europe/Berlin");
  ASSERT_GT(berlin.size(), 100u);
  EXPECT_TRUE(LoadBytes(berlin).ok());
  Status status = LoadBytes(berlin.substr(0, berlin.size() / 2)).status();
  EXPECT_EQ(status.code(), Status::Code::kInternal) << status.ToString();
  // Every shorter prefix, without the file system.
  std::string_view bytes = berlin;
  for (size_t length = 0; length < bytes.size(); ++length) {
    status = TimeZone::FromTzif("Europe/Berlin", bytes.substr(0, length)).status();
    ASSERT_EQ(status.code(), Status::Code::kInternal) << "truncated to " << length << ": " << status.ToString();
  }
}

TEST(TimeZoneTest, CorruptedFilesAreErrors) {
  std::string good = FooterOnlyTzif(3600, "CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(LoadBytes(good).ok());
  std::string bad_magic = good;
  bad_magic[0] = 'X';
  std::string version_one = good;
  version_one[4] = '\0';
  std::string odd_offset = FooterOnlyTzif(100 * 3600, "CET-1");
  for (const std::string& bytes :
       {bad_magic, version_one, odd_offset, good + "trailing", FooterOnlyTzif(3600, "CET-1CEST,M13.5.0,M10.5.0/3"),
        FooterOnlyTzif(3600, "CET-1CEST"), FooterOnlyTzif(3600, "C-1"),
        FooterOnlyTzif(3600, "CET-1CEST,M3.5.0,M10.5.7")}) {
    Status status = LoadBytes(bytes).status();
    EXPECT_EQ(status.code(), Status::Code::kInternal) << status.ToString();
  }
}

TEST(TimeZoneTest, BerlinSpringsForwardOn2026March29) {
  TimeZone berlin = MustLoad("Europe/Berlin");
  EXPECT_EQ(berlin.name(), "Europe/Berlin");
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinSpringForward2026 - 1), 3600);
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinSpringForward2026), 7200);
  EXPECT_EQ(berlin.ToLocal(kBerlinSpringForward2026 - 1), (LocalDateTime{2026, 3, 29, 1, 59, 59, 999, 3600}));
  EXPECT_EQ(berlin.ToLocal(kBerlinSpringForward2026), (LocalDateTime{2026, 3, 29, 3, 0, 0, 0, 7200}));
  // The business day starts at local midnight, 23:00 UTC the evening before, and is 23 hours long.
  CivilDate day{2026, 3, 29};
  EXPECT_EQ(berlin.StartOfDayUtcMs(day), kBerlinSpringForward2026 - 2 * kHour);
  EXPECT_EQ(berlin.StartOfDayUtcMs(CivilDate{2026, 3, 30}) - berlin.StartOfDayUtcMs(day), 23 * kHour);
  EXPECT_EQ(berlin.BusinessDayString(berlin.StartOfDayUtcMs(day)), "2026-03-29");
  EXPECT_EQ(berlin.BusinessDayString(berlin.StartOfDayUtcMs(day) - 1), "2026-03-28");
}

TEST(TimeZoneTest, BerlinFallsBackOn2026October25) {
  TimeZone berlin = MustLoad("Europe/Berlin");
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinFallBack2026 - 1), 7200);
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinFallBack2026), 3600);
  EXPECT_EQ(berlin.ToLocal(kBerlinFallBack2026 - 1), (LocalDateTime{2026, 10, 25, 2, 59, 59, 999, 7200}));
  EXPECT_EQ(berlin.ToLocal(kBerlinFallBack2026), (LocalDateTime{2026, 10, 25, 2, 0, 0, 0, 3600}));
  CivilDate day{2026, 10, 25};
  EXPECT_EQ(berlin.StartOfDayUtcMs(day), kBerlinFallBack2026 - 3 * kHour);  // 22:00 UTC on the 24th
  EXPECT_EQ(berlin.StartOfDayUtcMs(CivilDate{2026, 10, 26}) - berlin.StartOfDayUtcMs(day), 25 * kHour);
  EXPECT_EQ(berlin.BusinessDay(kBerlinFallBack2026 + 20 * kHour), day);  // 22:00 local
  EXPECT_EQ(berlin.BusinessDay(kBerlinFallBack2026 + 23 * kHour), (CivilDate{2026, 10, 26}));
}

TEST(TimeZoneTest, BerlinIn2090FollowsTheFooterRule) {
  TimeZone berlin = MustLoad("Europe/Berlin");
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinSpringForward2090 - 1), 3600);
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinSpringForward2090), 7200);
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinFallBack2090 - 1), 7200);
  EXPECT_EQ(berlin.OffsetSeconds(kBerlinFallBack2090), 3600);
  EXPECT_EQ(berlin.ToLocal(kBerlinSpringForward2090), (LocalDateTime{2090, 3, 26, 3, 0, 0, 0, 7200}));
  EXPECT_EQ(berlin.StartOfDayUtcMs(CivilDate{2090, 3, 26}), kBerlinSpringForward2090 - 2 * kHour);
}

TEST(TimeZoneTest, BerlinBefore1970) {
  TimeZone berlin = MustLoad("Europe/Berlin");
  EXPECT_EQ(berlin.ToLocal(-315'619'200'001), (LocalDateTime{1960, 1, 1, 0, 59, 59, 999, 3600}));
}

TEST(TimeZoneTest, Utc) {
  for (const TimeZone& utc : {TimeZone::Utc(), MustLoad("UTC"), MustLoad("Etc/UTC")}) {
    EXPECT_EQ(utc.OffsetSeconds(kBerlinSpringForward2026), 0);
    EXPECT_EQ(utc.ToLocal(-1), (LocalDateTime{1969, 12, 31, 23, 59, 59, 999, 0}));
    EXPECT_EQ(utc.ToLocal(kBerlinSpringForward2026), (LocalDateTime{2026, 3, 29, 1, 0, 0, 0, 0}));
    EXPECT_EQ(utc.StartOfDayUtcMs(CivilDate{1970, 1, 2}), 24 * kHour);
  }
}

TEST(TimeZoneTest, KolkataIsFiveAndAHalfHoursAhead) {
  TimeZone kolkata = MustLoad("Asia/Kolkata");
  constexpr int64_t kJanuary15Utc = 1'768'435'200'000;
  EXPECT_EQ(kolkata.OffsetSeconds(kJanuary15Utc), 19'800);
  EXPECT_EQ(kolkata.ToLocal(kJanuary15Utc), (LocalDateTime{2026, 1, 15, 5, 30, 0, 0, 19'800}));
  EXPECT_EQ(kolkata.StartOfDayUtcMs(CivilDate{2026, 1, 15}), kJanuary15Utc - 5 * kHour - kHour / 2);
  EXPECT_EQ(kolkata.BusinessDayString(kJanuary15Utc - 5 * kHour - kHour / 2 - 1), "2026-01-14");
}

TEST(TimeZoneTest, NewYork) {
  TimeZone new_york = MustLoad("America/New_York");
  EXPECT_EQ(new_york.OffsetSeconds(kNewYorkSpringForward2026 - 1), -18'000);
  EXPECT_EQ(new_york.OffsetSeconds(kNewYorkSpringForward2026), -14'400);
  EXPECT_EQ(new_york.ToLocal(kNewYorkSpringForward2026), (LocalDateTime{2026, 3, 8, 3, 0, 0, 0, -14'400}));
  EXPECT_EQ(new_york.BusinessDayString(1'767'236'400'000), "2025-12-31");  // 2026-01-01 03:00 UTC
  EXPECT_EQ(new_york.StartOfDayUtcMs(CivilDate{2026, 3, 8}), 1'772'946'000'000);
  EXPECT_EQ(new_york.OffsetSeconds(3'802'593'600'000), -14'400);  // 2090-07-01
}

TEST(TimeZoneTest, DstGapAtMidnightStartsTheDayAtTheEndOfTheGap) {
  // Beirut's rule: at 00:00 on the last Sunday of March the clock jumps to 01:00.
  TimeZone zone = FooterZone("EET-2EEST,M3.5.0/0,M10.5.0/0");
  int64_t start = zone.StartOfDayUtcMs(CivilDate{2026, 3, 29});
  EXPECT_EQ(start, 1'774'735'200'000);  // 2026-03-28 22:00 UTC
  EXPECT_EQ(zone.ToLocal(start), (LocalDateTime{2026, 3, 29, 1, 0, 0, 0, 10'800}));
  EXPECT_EQ(zone.BusinessDayString(start - 1), "2026-03-28");
}

TEST(TimeZoneTest, FallBackAcrossMidnightStartsTheDayOnce) {
  // Santiago's rule (southern hemisphere): DST ends at 24:00 on the first Saturday of
  // April, back to 23:00, and starts at 24:00 on the first Saturday of September.
  TimeZone zone = FooterZone("<-04>4<-03>,M9.1.6/24,M4.1.6/24");
  EXPECT_EQ(zone.StartOfDayUtcMs(CivilDate{2026, 4, 5}), 1'775'361'600'000);  // 04:00 UTC, 00:00 at -04
  EXPECT_EQ(zone.StartOfDayUtcMs(CivilDate{2026, 9, 6}), 1'788'667'200'000);  // 04:00 UTC, 01:00 at -03
  EXPECT_EQ(zone.OffsetSeconds(1'767'225'600'000), -10'800);                  // 2026-01-01: summer
  EXPECT_EQ(zone.OffsetSeconds(1'782'864'000'000), -14'400);                  // 2026-07-01: winter
}

TEST(TimeZoneTest, JulianDayRules) {
  // Jn counts 1–365 and never Feb 29; n counts from 0 and does.
  TimeZone julian = FooterZone("AAA0BBB,J60/0,J300/0");
  TimeZone zero_based = FooterZone("AAA0BBB,59/0,300/0");
  int64_t march1_2028 = DaysFromCivil(CivilDate{2028, 3, 1}) * 24 * kHour;
  EXPECT_EQ(julian.OffsetSeconds(march1_2028 - 1), 0);
  EXPECT_EQ(julian.OffsetSeconds(march1_2028), 3600);
  EXPECT_EQ(zero_based.OffsetSeconds(march1_2028 - 24 * kHour - 1), 0);
  EXPECT_EQ(zero_based.OffsetSeconds(march1_2028 - 24 * kHour), 3600);  // Feb 29
}

TEST(TimeZoneTest, EverySystemZoneLoads) {
  int loaded = 0;
  std::filesystem::path root(TimeZone::kSystemZoneinfoDir);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || ReadFile(entry.path()).substr(0, 4) != "TZif") continue;
    std::string name = std::filesystem::relative(entry.path(), root).string();
    Result<TimeZone> zone = TimeZone::Load(name);
    EXPECT_TRUE(zone.ok()) << name << ": " << zone.status().ToString();
    ++loaded;
  }
  EXPECT_GT(loaded, 300);
}

TEST(CivilDateTest, DayCountsRoundTrip) {
  EXPECT_EQ(DaysFromCivil(CivilDate{1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil(CivilDate{2000, 3, 1}), 11'017);
  EXPECT_EQ(DaysFromCivil(CivilDate{1969, 12, 31}), -1);
  for (int64_t days = -1'000'000; days <= 1'000'000; days += 97) {
    CivilDate date = CivilFromDays(days);
    ASSERT_TRUE(date.IsValid()) << days;
    ASSERT_EQ(DaysFromCivil(date), days);
  }
}

TEST(CivilDateTest, ParsesAndFormatsIsoDates) {
  EXPECT_EQ(CivilDate({2026, 3, 9}).ToString(), "2026-03-09");
  Result<CivilDate> parsed = ParseCivilDate("2028-02-29");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, (CivilDate{2028, 2, 29}));
  for (std::string_view bad : {"2026-02-29", "2026-3-09", "2026-13-01", "2026-00-10", "20260309", "abcd-ef-gh", "",
                               "2026-03-09T00:00", "+026-03-09"}) {
    EXPECT_TRUE(ParseCivilDate(bad).status().IsInvalidArgument()) << bad;
  }
}

}  // namespace
}  // namespace kasse
