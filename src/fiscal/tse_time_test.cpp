#include "fiscal/tse_time.h"

#include <ostream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace kasse::fiscal {
namespace {

struct InvalidTime {
  const char* text;
  const char* message_part;
};

void PrintTo(const InvalidTime& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class InvalidTseIsoTimeTest : public ::testing::TestWithParam<InvalidTime> {};

TEST_P(InvalidTseIsoTimeTest, IsRejectedWithTheReason) {
  Result<int64_t> time = ParseTseIsoTime(GetParam().text);
  ASSERT_FALSE(time.ok()) << *time;
  EXPECT_TRUE(time.status().IsInvalidArgument());
  EXPECT_NE(time.status().message().find(GetParam().message_part), std::string::npos) << time.status().message();
}

constexpr const char* kForm = "is not of the form YYYY-MM-DDThh:mm:ss.fffZ";
constexpr const char* kInvalid = "is not a valid UTC time from 1970 on";

INSTANTIATE_TEST_SUITE_P(
    Cases, InvalidTseIsoTimeTest,
    ::testing::Values(
        InvalidTime{"", kForm}, InvalidTime{"2021-08-23T14:36:33Z", kForm},
        InvalidTime{"2021-08-23T14:36:33.000", kForm}, InvalidTime{"2021-08-23T14:36:33.0000Z", kForm},
        InvalidTime{"2021-08-23 14:36:33.000Z", kForm}, InvalidTime{"2021-08-23t14:36:33.000Z", kForm},
        InvalidTime{"2021-08-23T14:36:33.000z", kForm}, InvalidTime{"2021-08-23T14:36:33,000Z", kForm},
        InvalidTime{"2021-08-23T14:36:33+00:00", kForm}, InvalidTime{"2021-8-23T14:36:33.000ZZ", kForm},
        InvalidTime{"+021-08-23T14:36:33.000Z", kForm}, InvalidTime{"2021-08-2 T14:36:33.000Z", kForm},
        InvalidTime{" 2021-08-23T14:36:33.00Z", kForm}, InvalidTime{"2021-08-23T14:36:-3.000Z", kForm},
        InvalidTime{"2021-02-29T00:00:00.000Z", kInvalid}, InvalidTime{"2021-04-31T00:00:00.000Z", kInvalid},
        InvalidTime{"2021-13-01T00:00:00.000Z", kInvalid}, InvalidTime{"2021-00-10T00:00:00.000Z", kInvalid},
        InvalidTime{"2021-08-00T00:00:00.000Z", kInvalid}, InvalidTime{"2021-08-23T24:00:00.000Z", kInvalid},
        InvalidTime{"2021-08-23T14:60:00.000Z", kInvalid}, InvalidTime{"2016-12-31T23:59:60.000Z", kInvalid},
        InvalidTime{"1969-12-31T23:59:59.999Z", kInvalid}));

TEST(TseTimeTest, OutOfRangeTimeIsABug) {
  EXPECT_THROW((void)TseTimeToIso(-1), std::out_of_range);
  EXPECT_THROW((void)TseTimeToIso(kMaxTseUnixMs + 1), std::out_of_range);
}

TEST(TseTimeTest, UnknownFormatNameListsTheValidOnes) {
  for (const char* name : {"", "UnixTime", "unixtime", "utcTimeWithMilliseconds", "unixTime "}) {
    Result<TseTimeFormat> format = ParseTseTimeFormat(name);
    ASSERT_FALSE(format.ok()) << name;
    EXPECT_NE(
        format.status().message().find(
            "; expected unixTime, utcTime, utcTimeWithSeconds, generalizedTime or generalizedTimeWithMilliseconds"),
        std::string::npos)
        << format.status().message();
  }
}

struct IsoCase {
  int64_t unix_ms;
  const char* iso;
};

class TseIsoTimeTest : public ::testing::TestWithParam<IsoCase> {};

TEST_P(TseIsoTimeTest, FormatsAndParsesBack) {
  EXPECT_EQ(TseTimeToIso(GetParam().unix_ms), GetParam().iso);
  Result<int64_t> parsed = ParseTseIsoTime(GetParam().iso);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, GetParam().unix_ms);
}

INSTANTIATE_TEST_SUITE_P(Cases, TseIsoTimeTest,
                         ::testing::Values(IsoCase{0, "1970-01-01T00:00:00.000Z"},
                                           IsoCase{1'674'239'505'000, "2023-01-20T18:31:45.000Z"},  // TV-13
                                           IsoCase{1'629'729'393'000, "2021-08-23T14:36:33.000Z"},  // TV-4
                                           IsoCase{1'709'208'000'123, "2024-02-29T12:00:00.123Z"},
                                           IsoCase{951'782'400'000, "2000-02-29T00:00:00.000Z"},
                                           IsoCase{kMaxTseUnixMs, "9999-12-31T23:59:59.999Z"}));

TEST(TseTimeTest, FormatNamesRoundTrip) {
  for (TseTimeFormat format : kAllTseTimeFormats) {
    Result<TseTimeFormat> parsed = ParseTseTimeFormat(TseTimeFormatName(format));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, format);
  }
  EXPECT_EQ(TseTimeFormatName(TseTimeFormat::kGeneralizedTimeWithMilliseconds), "generalizedTimeWithMilliseconds");
}

}  // namespace
}  // namespace kasse::fiscal
