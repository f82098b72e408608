#include "base/status.h"

#include <gtest/gtest.h>

namespace kasse {
namespace {

TEST(StatusTest, ErrorCarriesCodeFieldAndMessage) {
  Status status = Status::InvalidArgument("unit_price", "must not be negative");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.field(), "unit_price");
  EXPECT_EQ(status.message(), "must not be negative");
  EXPECT_EQ(status.ToString(), "INVALID_ARGUMENT unit_price: must not be negative");
}

TEST(StatusTest, PrefixBuildsFieldPaths) {
  EXPECT_EQ(Status::InvalidArgument("quantity", "x").WithFieldPrefix("lines[2]").field(), "lines[2].quantity");
  EXPECT_EQ(Status::InvalidArgument("", "x").WithFieldPrefix("amount").field(), "amount");
  EXPECT_EQ(Status::InvalidArgument("[0]", "x").WithFieldPrefix("lines").field(), "lines[0]");
  EXPECT_TRUE(Status::Ok().WithFieldPrefix("lines").ok());
}

TEST(StatusTest, EachFactoryHasItsOwnCode) {
  EXPECT_TRUE(Status::NotFound("id", "m").IsNotFound());
  EXPECT_TRUE(Status::Conflict("id", "m").IsConflict());
  EXPECT_TRUE(Status::OutOfRange("id", "m").IsOutOfRange());
  EXPECT_TRUE(Status::Unavailable("m").IsUnavailable());
  EXPECT_EQ(CodeName(Status::Internal("m").code()), "INTERNAL");
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  EXPECT_EQ(Status::Unavailable("TSE timeout").ToString(), "UNAVAILABLE TSE timeout");
}

}  // namespace
}  // namespace kasse
