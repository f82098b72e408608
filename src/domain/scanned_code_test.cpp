#include "domain/scanned_code.h"

#include <gtest/gtest.h>

namespace kasse {
namespace {

const InStoreEanRules kRules = InStoreEanRules::GermanyGs1();

TEST(ScannedCodeTest, ShortCodesArePlus) {
  Result<ScannedCode> code = ParseScannedCode("4011", kRules);
  ASSERT_TRUE(code.ok());
  ASSERT_TRUE(std::holds_alternative<Plu>(*code));
  EXPECT_EQ(std::get<Plu>(*code).value(), 4011);
}

TEST(ScannedCodeTest, LongCodesAreGtins) {
  Result<ScannedCode> code = ParseScannedCode("4006381333931", kRules);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(std::get<Gtin>(*code).digits(), "4006381333931");
}

TEST(ScannedCodeTest, ConfiguredPrefixesDecodeTheirValue) {
  Result<ScannedCode> code = ParseScannedCode("2812347007554", kRules);
  ASSERT_TRUE(code.ok());
  const auto& in_store = std::get<InStoreCode>(*code);
  EXPECT_EQ(in_store.article_number.value(), "281234");
  EXPECT_EQ(in_store.quantity, Quantity::Milli(Unit::kKilogram, 755));
}

TEST(ScannedCodeTest, UnconfiguredInStorePrefixStaysAGtin) {
  Result<ScannedCode> code = ParseScannedCode("2412345005004", kRules);
  ASSERT_TRUE(code.ok());
  EXPECT_TRUE(std::holds_alternative<Gtin>(*code));
}

TEST(ScannedCodeTest, GarbageIsRejected) {
  for (const char* bad : {"", "123456", "1234567", "4006381333932", "2511118000120", "abc", "4011\n"}) {
    Result<ScannedCode> code = ParseScannedCode(bad, kRules);
    EXPECT_FALSE(code.ok()) << bad;
    EXPECT_TRUE(code.status().IsInvalidArgument()) << bad << ": " << code.status().ToString();
  }
}

}  // namespace
}  // namespace kasse
