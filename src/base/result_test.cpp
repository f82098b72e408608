#include "base/result.h"

#include <string>

#include <gtest/gtest.h>

namespace kasse {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return Status::InvalidArgument("value", "is odd");
  return value / 2;
}

Status HalveTwice(int value, int& out) {
  Result<int> once = Half(value);
  KASSE_RETURN_IF_ERROR(once.status());
  Result<int> twice = Half(*once);
  KASSE_RETURN_IF_ERROR(twice.status());
  out = *twice;
  return Status::Ok();
}

TEST(ResultTest, ErrorHasNoValue) {
  Result<int> result = Half(3);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().field(), "value");
  EXPECT_THROW(static_cast<void>(result.value()), std::logic_error);
}

TEST(ResultTest, OkStatusCannotBeAnError) { EXPECT_THROW(Result<int>{Status::Ok()}, std::logic_error); }

TEST(ResultTest, ValueIsReachable) {
  Result<std::string> result = std::string("12,34");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.status().ok());
  EXPECT_EQ(result->size(), 5u);
  EXPECT_EQ(*result, "12,34");
}

TEST(ResultTest, ReturnIfErrorStopsAtTheFirstFailure) {
  int out = -1;
  EXPECT_TRUE(HalveTwice(6, out).IsInvalidArgument());
  EXPECT_EQ(out, -1);
  EXPECT_TRUE(HalveTwice(8, out).ok());
  EXPECT_EQ(out, 2);
}

}  // namespace
}  // namespace kasse
