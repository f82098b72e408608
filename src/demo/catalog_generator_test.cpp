#include "demo/catalog_generator.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/catalog.h"
#include "domain/gtin.h"
#include "domain/scanned_code.h"

namespace kasse::demo {
namespace {

TEST(CatalogGeneratorTest, ScaleLabelCarriesTheArticleAndTheWeight) {
  DemoArticle article;
  article.article.number = ArticleNumber("281001");
  std::string label = ScaleLabel(article, 755);
  EXPECT_EQ(label.size(), 13u);
  EXPECT_TRUE(Gtin::Parse(label).ok()) << label;
  Result<ScannedCode> code = ParseScannedCode(label, InStoreEanRules::GermanyGs1());
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  const auto& in_store = std::get<InStoreCode>(*code);
  EXPECT_EQ(in_store.article_number.value(), "281001");
  EXPECT_EQ(in_store.quantity->milli(), 755);
}

TEST(CatalogGeneratorTest, HasTwoThousandArticlesInGroupsWithBothVatRatesAndWeighedGoods) {
  DemoCatalog catalog = GenerateCatalog();
  EXPECT_GE(catalog.articles.size(), 2000u);
  EXPECT_GE(catalog.groups.size(), 10u);
  std::map<int, int> by_vat_key;
  std::map<RingUp, int> by_ring_up;
  size_t in_groups = 0;
  for (const DemoGroup& group : catalog.groups) in_groups += group.articles.size();
  for (const DemoArticle& article : catalog.articles) {
    ++by_vat_key[article.article.vat_key.value()];
    ++by_ring_up[article.ring_up];
    EXPECT_GT(article.base_price_cents, 0) << article.article.text;
  }
  EXPECT_EQ(in_groups, catalog.articles.size());
  EXPECT_GT(by_vat_key[1], 300);  // 19 %
  EXPECT_GT(by_vat_key[2], 300);  // 7 %
  EXPECT_GT(by_ring_up[RingUp::kWeighPlu], 20);
  EXPECT_GT(by_ring_up[RingUp::kScaleLabel], 20);
  EXPECT_GT(by_ring_up[RingUp::kCountPlu], 5);
}

TEST(CatalogGeneratorTest, NumbersTextsGtinsAndPlusAreUniqueAndValid) {
  DemoCatalog catalog = GenerateCatalog();
  std::set<std::string> numbers, texts, gtins;
  std::set<int> plus;
  for (const DemoArticle& article : catalog.articles) {
    EXPECT_TRUE(numbers.insert(article.article.number.value()).second) << article.article.number.value();
    EXPECT_TRUE(texts.insert(article.article.text).second) << article.article.text;
    for (const std::string& gtin : article.article.gtins) {
      EXPECT_TRUE(Gtin::Parse(gtin).ok()) << gtin;
      EXPECT_TRUE(gtins.insert(gtin).second) << gtin;
    }
    if (article.article.plu) {
      EXPECT_TRUE(plus.insert(article.article.plu->value()).second);
    }
  }
}

TEST(CatalogGeneratorTest, SomeStorePricesDifferByRegion) {
  DemoCatalog catalog = GenerateCatalog();
  int cheaper_in_leipzig = 0, dearer_in_munich = 0;
  for (const DemoArticle& article : catalog.articles) {
    EXPECT_EQ(StorePriceCents(article, 0), article.base_price_cents);
    if (StorePriceCents(article, 1) < article.base_price_cents) ++cheaper_in_leipzig;
    if (StorePriceCents(article, 2) > article.base_price_cents) ++dearer_in_munich;
  }
  EXPECT_GT(cheaper_in_leipzig, 200);
  EXPECT_GT(dearer_in_munich, 200);
}

TEST(CatalogGeneratorTest, CsvHasAHeaderAndOneRowPerArticleAndStore) {
  DemoCatalog catalog = GenerateCatalog();
  std::string csv = CatalogCsv(catalog, {"BER-01", "LEI-01"});
  EXPECT_TRUE(csv.starts_with("number;text;gtins;plu;vat_key;product_group;unit;price_cents;store\n"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), static_cast<std::ptrdiff_t>(1 + 2 * catalog.articles.size()));
  EXPECT_NE(csv.find(";\"Bananen\";;4011;2;OBST;kg;199;BER-01\n"), std::string::npos);
}

// Everything a cashier rings up is found by a register with the store's catalog.
TEST(CatalogGeneratorTest, EveryArticleRingsUpAtARegisterWithTheStoreSnapshot) {
  DemoCatalog demo = GenerateCatalog();
  TempDir dir;
  Result<catalog::Catalog> register_catalog = catalog::Catalog::Open(dir.File("catalog.db"), VatTable::Germany());
  ASSERT_TRUE(register_catalog.ok()) << register_catalog.status().ToString();
  ASSERT_TRUE(register_catalog->Apply(StoreSnapshot(demo, 2, 7)).ok());
  InStoreEanRules rules = InStoreEanRules::GermanyGs1();
  for (const DemoArticle& article : demo.articles) {
    std::string code = article.ring_up == RingUp::kScaleLabel ? ScaleLabel(article, 250)
                       : article.article.plu                  ? article.article.plu->ToString()
                                                              : article.article.gtins.front();
    Result<ScannedCode> scanned = ParseScannedCode(code, rules);
    ASSERT_TRUE(scanned.ok()) << code << ": " << scanned.status().ToString();
    Result<catalog::ScannedItem> item = register_catalog->Resolve(*scanned, 1'700'000'000'000);
    ASSERT_TRUE(item.ok()) << code << ": " << item.status().ToString();
    EXPECT_EQ(item->article.number, article.article.number);
    EXPECT_EQ(item->unit_price.cents(), StorePriceCents(article, 2));
  }
}

}  // namespace
}  // namespace kasse::demo
