#include "printing/detail/utf8_text.h"

#include <gtest/gtest.h>

namespace kasse::printing::detail {
namespace {

TEST(Utf8TextTest, SanitizeReplacesInvalidBytesAndControlCharacters) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"Spülmittel", "Spülmittel"},
      {"a\x1b@b", "a?@b"},                  // ESC would be a printer command
      {"a\x1d(k", "a?(k"},                  // GS
      {"tab\there", "tab?here"},            //
      {"bad \xff byte", "bad ? byte"},      // invalid lead byte
      {"cut \xc3", "cut ?"},                // truncated sequence
      {"over\xc0\xaflong", "over??long"},   // overlong '/'
      {"bidi \u202e evil", "bidi ? evil"},  // right-to-left override
      {"zero\u200bwidth", "zero?width"},    //
      {"c1 \u0085 next", "c1 ? next"},      // NEL
      {"€ 5 – ok …", "€ 5 – ok …"},         // printable non-Latin-1 stays
  };
  for (const Case& c : cases) EXPECT_EQ(SanitizeText(c.input), c.expected) << c.input;
}

TEST(Utf8TextTest, WidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("Milch"), 5u);
  EXPECT_EQ(DisplayWidth("Größe ÄÖÜß"), 10u);
  EXPECT_EQ(DisplayWidth("€"), 1u);
  EXPECT_EQ(TakeColumns("Äpfel", 2), "Äp");
  EXPECT_EQ(AlignRight("ä", 3), "  ä");
  EXPECT_EQ(AlignRight("long", 2), "long");
}

TEST(Utf8TextTest, WrapsAtSpacesAndBreaksLongWords) {
  struct Case {
    std::string input;
    size_t width;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"", 10, {}},
      {"   ", 10, {}},
      {"Bio Äpfel rot", 9, {"Bio Äpfel", "rot"}},
      {"Bio  Äpfel", 20, {"Bio Äpfel"}},
      {"Donaudampfschifffahrt", 8, {"Donaudam", "pfschiff", "fahrt"}},
      {"ab Donaudampfschiff x", 8, {"ab", "Donaudam", "pfschiff", "x"}},
  };
  for (const Case& c : cases) EXPECT_EQ(WrapText(c.input, c.width), c.expected) << c.input;
}

TEST(Utf8TextTest, WrapWithLineLimitEndsWithEllipsis) {
  EXPECT_EQ(WrapText("eins zwei drei vier fünf", 9, 2), (std::vector<std::string>{"eins zwei", "drei vie…"}));
  EXPECT_EQ(WrapText("eins zwei", 9, 1), (std::vector<std::string>{"eins zwei"}));
  EXPECT_EQ(WrapText("eins zwei", 9, 0), std::vector<std::string>{});
}

}  // namespace
}  // namespace kasse::printing::detail
