#include "domain/text.h"

#include <string>

#include <gtest/gtest.h>

namespace kasse {
namespace {

TEST(TextTest, AcceptsOrdinaryUtf8) {
  for (const char* good :
       {"Milch 1L", "Spülmittel", "Käse „Alter Gouda“", "Crème brûlée", "日本茶", "😀 Emoji", "'; DROP TABLE--"}) {
    EXPECT_TRUE(ValidateText(good, 255).ok()) << good;
  }
}

TEST(TextTest, RejectsHostileText) {
  const std::string cases[] = {
      "",                        // empty
      std::string(256, 'a'),     // too long
      "line\nbreak",             // control character
      std::string("nul\0x", 5),  // NUL
      "tab\there",               // tab
      "\x7f",                    // DEL
      "\xc2\x85",                // C1 control (NEL)
      "\xff",                    // invalid byte
      "\xc3",                    // truncated sequence
      "\xc0\xaf",                // overlong '/'
      "\xed\xa0\x80",            // UTF-16 surrogate
      "\xf4\x90\x80\x80",        // beyond U+10FFFF
      "ok\xe2\x82",              // truncated at the end
  };
  for (const std::string& bad : cases) {
    Status status = ValidateText(bad, 255);
    EXPECT_TRUE(status.IsInvalidArgument()) << "accepted: " << bad;
  }
}

TEST(TextTest, QuotesOnlyWhatIsSafeToShow) {
  EXPECT_EQ(QuoteForMessage("12,345"), "'12,345'");
  EXPECT_EQ(QuoteForMessage(""), "''");
  EXPECT_EQ(QuoteForMessage("12\x1b[2J"), "'12…'");  // terminal escape dropped
  EXPECT_EQ(QuoteForMessage("\xff\xfe"), "'…'");     // nothing printable
  EXPECT_EQ(QuoteForMessage(std::string(100, 'x')), "'" + std::string(40, 'x') + "…'");
  std::string euros;
  for (int i = 0; i < 20; ++i) euros += "€";  // 3 bytes each: 40 bytes cut one in half
  EXPECT_EQ(QuoteForMessage(euros), "'" + euros.substr(0, 39) + "…'");
  EXPECT_TRUE(ValidateText(QuoteForMessage(euros), 255).ok());
}

TEST(TextTest, LimitIsInBytes) {
  EXPECT_TRUE(ValidateText(std::string(255, 'a'), 255).ok());
  EXPECT_TRUE(ValidateText("ü", 2).ok());
  EXPECT_FALSE(ValidateText("üü", 3).ok());
}

}  // namespace
}  // namespace kasse
