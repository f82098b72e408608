#include "printing/printout.h"

#include <gtest/gtest.h>

#include "printing/detail/utf8_text.h"

namespace kasse::printing {
namespace {

void ExpectAllFit(const Printout& out) {
  for (const PrintLine& line : out.lines()) {
    if (line.style == LineStyle::kQrCode) continue;
    EXPECT_LE(detail::DisplayWidth(line.text), Printout::kColumns) << line.text;
    EXPECT_TRUE(line.text.empty() || line.text.back() != ' ') << "'" << line.text << "'";
  }
}

TEST(PrintoutTest, NoLineIsWiderThanTheRoll) {
  Printout out;
  std::string long_word(100, 'x');
  std::string umlauts;
  for (int i = 0; i < 60; ++i) umlauts += "Ä";
  out.Add(long_word);
  out.Add(umlauts);
  out.AddCentered("Großer Text " + umlauts);
  out.AddLeftRight(long_word, umlauts);
  out.AddLeftRight("SUMME EUR", long_word);
  out.AddLabelledBlock("Signatur:", long_word + umlauts);
  ExpectAllFit(out);
}

TEST(PrintoutTest, LeftAndRightShareALineWhenTheyFit) {
  Printout out;
  out.AddLeftRight("Rückgeld", "8,95");
  ASSERT_EQ(out.lines().size(), 1u);
  EXPECT_EQ(out.lines()[0].text, "Rückgeld                              8,95");
  EXPECT_EQ(detail::DisplayWidth(out.lines()[0].text), 42u);
}

TEST(PrintoutTest, LeftAndRightThatDoNotFitTakeTwoLines) {
  Printout out;
  out.AddLeftRight(std::string(30, 'a'), std::string(15, 'b'));
  ASSERT_EQ(out.lines().size(), 2u);
  EXPECT_EQ(out.lines()[0].text, std::string(30, 'a'));
  EXPECT_EQ(out.lines()[1].text, std::string(27, ' ') + std::string(15, 'b'));
}

TEST(PrintoutTest, HostileTextIsSanitised) {
  Printout out;
  out.Add("Milch\x1b@\x1dV\x42\x00", LineStyle::kBold);
  EXPECT_EQ(out.lines()[0].text, "Milch?@?VB");
}

TEST(PrintoutTest, QrCodesAreLeftOutOfTheText) {
  Printout out;
  out.Add("oben");
  out.AddQrCode("V0;K1");
  out.Add("unten");
  EXPECT_EQ(out.ToText(), "oben\nunten\n");
  EXPECT_EQ(out.lines()[1].style, LineStyle::kQrCode);
}

TEST(PrintoutTest, LabelledBlockBreaksTokensAtFullWidth) {
  Printout out;
  out.AddLabelledBlock("Seriennummer TSE:", std::string(64, 'f'));
  ASSERT_EQ(out.lines().size(), 3u);
  EXPECT_EQ(out.lines()[1].text.size(), 42u);
  EXPECT_EQ(out.lines()[2].text.size(), 22u);
}

}  // namespace
}  // namespace kasse::printing
