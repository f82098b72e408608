#include "printing/detail/local_time.h"

#include <gtest/gtest.h>

namespace kasse::printing::detail {
namespace {

TEST(LocalTimeTest, RejectsTimesOutsideTheTseRange) {
  EXPECT_FALSE(GermanLocalTime(-1).has_value());
  EXPECT_FALSE(GermanLocalTime(INT64_MAX).has_value());
  EXPECT_EQ(IsoUtcOrInvalid(-5), "ungültige Zeit (-5)");
}

TEST(LocalTimeTest, FollowsTheEuSummerTimeRule) {
  struct Case {
    int64_t unix_ms;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {0, "01.01.1970 01:00:00 MEZ"},
      {1788423302123, "03.09.2026 10:15:02 MESZ"},         // TV-11: 08:15:02Z = 10:15:02+02:00
      {1774746000000 - 1, "29.03.2026 01:59:59 MEZ"},      // last Sunday of March, 00:59:59.999Z
      {1774746000000, "29.03.2026 03:00:00 MESZ"},         // 01:00Z: clocks jump forward
      {1792890000000 - 1000, "25.10.2026 02:59:59 MESZ"},  // last Sunday of October, 00:59:59Z
      {1792890000000, "25.10.2026 02:00:00 MEZ"},          // 01:00Z: clocks go back
      {1798761599000, "01.01.2027 00:59:59 MEZ"},          // New Year's Eve in UTC, next year locally
  };
  for (const Case& c : cases) {
    std::optional<LocalTime> time = GermanLocalTime(c.unix_ms);
    ASSERT_TRUE(time.has_value()) << c.unix_ms;
    EXPECT_EQ(FormatDateTime(*time), c.expected) << c.unix_ms;
  }
}

}  // namespace
}  // namespace kasse::printing::detail
