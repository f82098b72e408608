#include "domain/plu.h"

#include <gtest/gtest.h>

namespace kasse {
namespace {

TEST(PluTest, AcceptsOneToFiveDigits) {
  EXPECT_EQ(Plu::Parse("4011")->value(), 4011);
  EXPECT_EQ(Plu::Parse("94011")->value(), 94011);
  EXPECT_EQ(Plu::Parse("7")->value(), 7);
  EXPECT_EQ(Plu::Parse("00042")->value(), 42);
  EXPECT_EQ(Plu::Parse("00042")->ToString(), "42");
}

TEST(PluTest, RejectsEverythingElse) {
  for (const char* bad : {"", "0", "00000", "123456", "40a1", "-401", " 4011"}) {
    Result<Plu> plu = Plu::Parse(bad);
    EXPECT_FALSE(plu.ok()) << bad;
    EXPECT_TRUE(plu.status().IsInvalidArgument()) << bad;
  }
}

}  // namespace
}  // namespace kasse
