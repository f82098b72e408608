#include "catalog/scanned_item.h"

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/catalog.h"
#include "catalog/detail/test_records.h"
#include "domain/scanned_code.h"

namespace kasse::catalog {
namespace {

using namespace test_records;  // NOLINT(google-build-using-namespace)

class ResolveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Catalog> catalog = Catalog::Open(dir_.File("catalog.db"), VatTable::Germany());
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(catalog).value();
    ASSERT_TRUE(catalog_->Apply(StoreDelta()).ok());
  }

  Result<ScannedItem> Scan(const std::string& input) {
    Result<ScannedCode> code = ParseScannedCode(input, rules_);
    EXPECT_TRUE(code.ok()) << input << ": " << code.status().ToString();
    if (!code.ok()) return code.status();
    return catalog_->Resolve(*code, kT0);
  }

  TempDir dir_;
  InStoreEanRules rules_ = InStoreEanRules::GermanyGs1();
  std::optional<Catalog> catalog_;
};

TEST_F(ResolveTest, GtinOfAPieceArticleIsOnePiece) {
  Result<ScannedItem> item = Scan(kMilkGtin);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->article.number.value(), "1001");
  EXPECT_EQ(item->quantity, Quantity::Pieces(1));
  EXPECT_EQ(item->unit_price, Money::FromCents(119));
  EXPECT_EQ(item->line_amount, Money::FromCents(119));
}

TEST_F(ResolveTest, PluOfAWeighedArticleLeavesTheWeightToTheScale) {
  Result<ScannedItem> item = Scan("4011");
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->article.text, "Äpfel Elstar");
  EXPECT_FALSE(item->quantity.has_value());
  EXPECT_EQ(item->unit_price, Money::FromCents(199));  // per kg
  EXPECT_FALSE(item->line_amount.has_value());
}

TEST_F(ResolveTest, WeightLabelIsPricedPerKgFromTheCatalog) {
  Result<ScannedItem> item = Scan("2812347007554");  // Gouda, 0.755 kg
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->article.number.value(), "281234");
  EXPECT_EQ(item->quantity, Quantity::Milli(Unit::kKilogram, 755));
  EXPECT_EQ(item->unit_price, Money::FromCents(1290));
  EXPECT_EQ(item->line_amount, Money::FromCents(974));  // 12.90 × 0.755 = 9.7395
}

TEST_F(ResolveTest, PriceLabelCarriesItsPriceAndNeedsNoCatalogPrice) {
  Result<ScannedItem> item = Scan(InStoreEan("221111", "00239"));  // Käseplatte, 2.39, unpriced in the catalog
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->article.text, "Käseplatte");
  EXPECT_EQ(item->quantity, Quantity::Pieces(1));
  EXPECT_EQ(item->unit_price, Money::FromCents(239));
  EXPECT_EQ(item->line_amount, Money::FromCents(239));
}

TEST_F(ResolveTest, CountLabelMultipliesTheCatalogPrice) {
  Result<ScannedItem> item = Scan(InStoreEan("251111", "00012"));  // 12 Brötchen at 0.35
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(item->quantity, Quantity::Pieces(12));
  EXPECT_EQ(item->unit_price, Money::FromCents(35));
  EXPECT_EQ(item->line_amount, Money::FromCents(420));
}

TEST_F(ResolveTest, WeightLabelOfAPieceArticleIsRefused) {
  ASSERT_TRUE(
      catalog_->Apply(CatalogDelta{1, 2, {}, {MakeArticle("281111", "Brot", {})}, {}, {MakePrice("281111", 250)}, {}})
          .ok());
  Result<ScannedItem> item = Scan(InStoreEan("281111", "00500"));
  EXPECT_TRUE(item.status().IsInvalidArgument()) << item.status().ToString();
  EXPECT_EQ(item.status().message(), "article 281111 'Brot' is sold per Stück, but the code carries a weight");
}

TEST_F(ResolveTest, LabelOfAnUnknownArticleIsNotFound) {
  Result<ScannedItem> item = Scan(InStoreEan("289999", "00500"));
  EXPECT_EQ(item.status().ToString(), "NOT_FOUND article_number: no article '289999'");
  EXPECT_EQ(Scan(InStoreEan("229999", "00500")).status().ToString(),
            "NOT_FOUND article_number: no article '229999' for this price label");
}

TEST_F(ResolveTest, WeightLabelOfAnUnpricedArticleIsNotFound) {
  ASSERT_TRUE(catalog_->Apply(CatalogDelta{1, 2, {}, {}, {}, {}, {PriceKey{ArticleNumber("281234"), kT0}}}).ok());
  EXPECT_EQ(Scan("2812347007554").status().field(), "price");
}

TEST_F(ResolveTest, UnknownPluAndGtinAreNotFound) {
  EXPECT_EQ(Scan("4999").status().field(), "plu");
  EXPECT_EQ(Scan(WithCheckDigit("400638100009")).status().field(), "gtin");
}

}  // namespace
}  // namespace kasse::catalog
