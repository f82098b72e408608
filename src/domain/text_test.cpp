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

TEST(TextTest, LimitIsInBytes) {
  EXPECT_TRUE(ValidateText(std::string(255, 'a'), 255).ok());
  EXPECT_TRUE(ValidateText("ü", 2).ok());
  EXPECT_FALSE(ValidateText("üü", 3).ok());
}

}  // namespace
}  // namespace kasse
