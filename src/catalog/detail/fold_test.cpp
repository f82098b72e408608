#include "catalog/detail/fold.h"

#include <gtest/gtest.h>

namespace kasse::catalog::detail {
namespace {

struct FoldCase {
  const char* text;
  const char* folded;
};

class FoldTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTest, FoldsToLowerCase) { EXPECT_EQ(FoldForSearch(GetParam().text), GetParam().folded); }

INSTANTIATE_TEST_SUITE_P(
    Cases, FoldTest,
    ::testing::Values(FoldCase{"", ""}, FoldCase{"Vollmilch 3,5 % 1 L", "vollmilch 3,5 % 1 l"},
                      FoldCase{"ÄPFEL ÖL ÜBER", "äpfel öl über"}, FoldCase{"äöüß", "äöüß"},
                      FoldCase{"CRÈME FRAÎCHE", "crème fraîche"}, FoldCase{"2×3", "2×3"},  // × has no case
                      FoldCase{"ẞ", "ẞ"},  // capital sharp s is left alone (it would change the length)
                      FoldCase{"[@Z`]", "[@z`]"}));

TEST(FoldTest, KeepsBrokenUtf8ByteForByte) {
  EXPECT_EQ(FoldForSearch("A\xC3"), "a\xC3");
  EXPECT_EQ(FoldForSearch("\xC3"
                          "A"),
            "\xC3"
            "a");
  EXPECT_EQ(FoldForSearch("\x84"
                          "A"),
            "\x84"
            "a");  // a stray continuation byte of "Ä" stays
}

}  // namespace
}  // namespace kasse::catalog::detail
