#include "ops/log_throttle.h"

#include <gtest/gtest.h>

namespace kasse::ops {
namespace {

TEST(LogThrottleTest, OneLinePerKeyAndIntervalWithTheCountHeldBack) {
  FakeClock clock(1'000'000);
  LogThrottle throttle(clock, std::chrono::seconds(10));
  EXPECT_EQ(throttle.Admit("K-1 UNAVAILABLE"), 0);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(throttle.Admit("K-1 UNAVAILABLE"), std::nullopt);
  EXPECT_EQ(throttle.Admit("K-2 UNAVAILABLE"), 0);  // another key has its own interval
  EXPECT_EQ(throttle.Admit("K-1 INTERNAL"), 0);
  clock.Advance(9999);
  EXPECT_EQ(throttle.Admit("K-1 UNAVAILABLE"), std::nullopt);
  clock.Advance(1);
  EXPECT_EQ(throttle.Admit("K-1 UNAVAILABLE"), 21);
  EXPECT_EQ(throttle.Admit("K-1 UNAVAILABLE"), std::nullopt);
}

TEST(LogThrottleTest, KeysFromOutsideCannotGrowItWithoutBound) {
  FakeClock clock(1'000'000);
  LogThrottle throttle(clock, std::chrono::seconds(10));
  for (size_t i = 0; i < LogThrottle::kMaxKeys; ++i) EXPECT_EQ(throttle.Admit("K-" + std::to_string(i)), 0);
  EXPECT_EQ(throttle.Admit("one more"), 0);                // the overflow key's first line
  EXPECT_EQ(throttle.Admit("and another"), std::nullopt);  // shares it
  clock.Advance(10'000);
  EXPECT_EQ(throttle.Admit("a new key"), 0);  // the old windows are over: room again
}

}  // namespace
}  // namespace kasse::ops
