#include "base/json_nesting.h"

#include <string>

#include <gtest/gtest.h>

namespace kasse {
namespace {

std::string Nested(int levels, char open, char close) {
  return std::string(static_cast<size_t>(levels), open) + std::string(static_cast<size_t>(levels), close);
}

TEST(JsonNestingTest, AcceptsDocumentsUpToTheLimit) {
  EXPECT_TRUE(CheckJsonNesting(R"({"entries":[{"payload":{"lines":[{"a":1}]}}]})").ok());
  EXPECT_TRUE(CheckJsonNesting(Nested(kMaxJsonNesting, '[', ']')).ok());
  EXPECT_TRUE(CheckJsonNesting("").ok());
  EXPECT_TRUE(CheckJsonNesting("not json").ok());  // the parser says what is wrong
}

TEST(JsonNestingTest, RefusesOneLevelMore) {
  Status status = CheckJsonNesting(Nested(kMaxJsonNesting + 1, '[', ']'));
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_NE(status.message().find("nests deeper than 32 levels"), std::string::npos) << status.ToString();
  EXPECT_FALSE(CheckJsonNesting(Nested(kMaxJsonNesting + 1, '{', '}')).ok());
}

TEST(JsonNestingTest, RefusesHostileDepthWithoutRecursing) {
  EXPECT_FALSE(CheckJsonNesting(std::string(8 * 1024 * 1024, '[')).ok());
  EXPECT_FALSE(CheckJsonNesting("{\"entries\":[" + std::string(100'000, '[')).ok());
}

TEST(JsonNestingTest, BracketsInsideStringsDoNotCount) {
  std::string inside = "\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"";
  EXPECT_TRUE(CheckJsonNesting("[" + inside + "]").ok());
  // An escaped backslash ends the escape: the quote after it closes the string.
  EXPECT_FALSE(CheckJsonNesting("[\"\\\\\"" + Nested(kMaxJsonNesting, '[', ']') + "]").ok());
}

TEST(JsonNestingTest, ClosingBracketsDoNotGoBelowZero) {
  EXPECT_FALSE(CheckJsonNesting("]]]]" + Nested(kMaxJsonNesting + 1, '[', ']')).ok());
}

}  // namespace
}  // namespace kasse
