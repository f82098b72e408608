#include "domain/detail/fixed_point.h"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

namespace kasse {
namespace {

TEST(FixedPointTest, ScalesToTheRequestedDecimals) {
  EXPECT_EQ(*ParseFixedPoint("12", 0, 1000), 12);
  EXPECT_EQ(*ParseFixedPoint("12,5", 3, 100'000), 12'500);
  EXPECT_EQ(*ParseFixedPoint("-0.001", 3, 100'000), -1);
  EXPECT_TRUE(ParseFixedPoint("1,5", 0, 1000).status().IsInvalidArgument());
}

TEST(FixedPointTest, BoundIsInclusiveAndSymmetric) {
  EXPECT_EQ(*ParseFixedPoint("10,00", 2, 1000), 1000);
  EXPECT_EQ(*ParseFixedPoint("-10,00", 2, 1000), -1000);
  EXPECT_TRUE(ParseFixedPoint("10,01", 2, 1000).status().IsOutOfRange());
  EXPECT_TRUE(ParseFixedPoint("-10,01", 2, 1000).status().IsOutOfRange());
  EXPECT_TRUE(ParseFixedPoint("11", 2, 1000).status().IsOutOfRange());
}

TEST(FixedPointTest, ErrorsQuoteAtMostFortyCharactersOfInput) {
  Status status = ParseFixedPoint(std::string(10'000, 'x'), 2, 1000).status();
  ASSERT_TRUE(status.IsInvalidArgument());
  EXPECT_LT(status.message().size(), 120u);
  EXPECT_TRUE(status.field().empty());
}

TEST(FixedPointTest, FormatsEveryValue) {
  EXPECT_EQ(FormatFixedPoint(0, 3, ','), "0,000");
  EXPECT_EQ(FormatFixedPoint(-1, 3, '.'), "-0.001");
  EXPECT_EQ(FormatFixedPoint(42, 0, ','), "42");
  EXPECT_EQ(FormatFixedPoint(std::numeric_limits<int64_t>::min(), 3, '.'), "-9223372036854775.808");
  EXPECT_EQ(FormatFixedPoint(std::numeric_limits<int64_t>::max(), 2, ','), "92233720368547758,07");
}

}  // namespace
}  // namespace kasse
