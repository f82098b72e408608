#include "catalog/catalog.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/detail/test_records.h"

namespace kasse::catalog {
namespace {

using namespace test_records;  // NOLINT(google-build-using-namespace)

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = Open();
    ASSERT_TRUE(catalog_->Apply(StoreDelta()).ok());
  }

  std::optional<Catalog> Open() {
    Result<Catalog> catalog = Catalog::Open(dir_.File("catalog.db"), VatTable::Germany());
    EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
    if (!catalog.ok()) return std::nullopt;
    return std::move(catalog).value();
  }

  // Applies the next delta, which `fill` fills.
  void ApplyNext(const std::function<void(CatalogDelta&)>& fill) {
    CatalogDelta delta;
    delta.from_version = catalog_->version();
    delta.to_version = delta.from_version + 1;
    fill(delta);
    Status status = catalog_->Apply(delta);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  Money MilkPriceAt(int64_t now_ms) {
    Result<ArticleView> milk = catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), now_ms);
    EXPECT_TRUE(milk.ok()) << milk.status().ToString();
    return milk.ok() ? milk->price.unit_price : Money::FromCents(-1);
  }

  static std::vector<std::string> Numbers(const std::vector<ArticleView>& views) {
    std::vector<std::string> numbers;
    numbers.reserve(views.size());
    for (const ArticleView& view : views) numbers.push_back(view.article.number.value());
    return numbers;
  }

  TempDir dir_;
  std::optional<Catalog> catalog_;
};

TEST_F(CatalogTest, UnknownCodesAreNotFound) {
  Result<ArticleView> gtin = catalog_->FindByGtin(*Gtin::Parse("4006381000093"), kT0);
  EXPECT_TRUE(gtin.status().IsNotFound());
  EXPECT_EQ(gtin.status().ToString(), "NOT_FOUND gtin: no article with GTIN 4006381000093");
  EXPECT_EQ(catalog_->FindByPlu(*Plu::Parse("4999"), kT0).status().ToString(),
            "NOT_FOUND plu: no article with PLU 4999");
  EXPECT_EQ(catalog_->FindByNumber(ArticleNumber("7"), kT0).status().ToString(),
            "NOT_FOUND article_number: no article '7'");
  EXPECT_TRUE(catalog_->FindGroup(ProductGroupId("TIER")).status().IsNotFound());
}

TEST_F(CatalogTest, ArticleWithoutAValidPriceIsNotFoundWithFieldPrice) {
  Result<ArticleView> platter = catalog_->FindByNumber(ArticleNumber("221111"), kT0);
  EXPECT_EQ(platter.status().ToString(), "NOT_FOUND price: article 221111 'Käseplatte' has no valid price");
  EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0 - 1).status().field(), "price");  // before its price
}

TEST_F(CatalogTest, FindsByGtinPluAndNumber) {
  Result<ArticleView> milk = catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0);
  ASSERT_TRUE(milk.ok()) << milk.status().ToString();
  EXPECT_EQ(milk->article, StoreDelta().upsert_articles[0]);
  EXPECT_EQ(milk->price, MakePrice("1001", 119));
  Result<ArticleView> apples = catalog_->FindByPlu(*Plu::Parse("4011"), kT0);
  ASSERT_TRUE(apples.ok());
  EXPECT_EQ(apples->article.text, "Äpfel Elstar");
  EXPECT_EQ(apples->article.unit, Unit::kKilogram);
  EXPECT_EQ(catalog_->FindByNumber(ArticleNumber("1003"), kT0)->article.text, "Spülmittel Zitrone");
  EXPECT_EQ(catalog_->FindGroup(ProductGroupId("OBST"))->name, "Obst & Gemüse");
}

TEST_F(CatalogTest, GtinSpellingsOfOneNumberFindTheSameArticle) {
  // The dish soap was sent as a UPC (GTIN-12); scanners may report it as EAN-13 or GTIN-14.
  for (const std::string& spelling :
       {std::string(kDishSoapUpc), "0" + std::string(kDishSoapUpc), "00" + std::string(kDishSoapUpc)}) {
    Result<ArticleView> found = catalog_->FindByGtin(*Gtin::Parse(spelling), kT0);
    ASSERT_TRUE(found.ok()) << spelling;
    EXPECT_EQ(found->article.number.value(), "1003");
  }
}

TEST_F(CatalogTest, AnnouncedPricesTakeEffectOnTimeAndOffersEnd) {
  const int64_t monday = kT0 + 7 * kDay;
  const int64_t offer_start = kT0 + 10 * kDay;
  const int64_t offer_end = kT0 + 14 * kDay;
  ApplyNext([&](CatalogDelta& d) {
    d.upsert_prices = {MakePrice("1001", 129, monday), MakePrice("1001", 99, offer_start, offer_end)};
  });
  EXPECT_EQ(MilkPriceAt(monday - 1), Money::FromCents(119));
  EXPECT_EQ(MilkPriceAt(monday), Money::FromCents(129));
  EXPECT_EQ(MilkPriceAt(offer_start - 1), Money::FromCents(129));
  EXPECT_EQ(MilkPriceAt(offer_start), Money::FromCents(99));
  EXPECT_EQ(MilkPriceAt(offer_end - 1), Money::FromCents(99));
  EXPECT_EQ(MilkPriceAt(offer_end), Money::FromCents(129));  // valid_to is exclusive
}

TEST_F(CatalogTest, PricesAreReplacedAndDeletedByKey) {
  const int64_t monday = kT0 + 7 * kDay;
  ApplyNext([&](CatalogDelta& d) { d.upsert_prices = {MakePrice("1001", 129, monday)}; });
  ApplyNext([&](CatalogDelta& d) { d.upsert_prices = {MakePrice("1001", 125, monday)}; });
  EXPECT_EQ(MilkPriceAt(monday), Money::FromCents(125));
  ApplyNext([&](CatalogDelta& d) { d.delete_prices = {PriceKey{ArticleNumber("1001"), monday}}; });
  EXPECT_EQ(MilkPriceAt(monday), Money::FromCents(119));  // the announced change was withdrawn
}

TEST_F(CatalogTest, UpsertReplacesTheArticleAndKeepsItsPrices) {
  const std::string new_gtin = WithCheckDigit("400638100001");
  ApplyNext([&](CatalogDelta& d) {
    d.upsert_articles = {MakeArticle("1001", "H-Milch 1,5 % 1 l", {new_gtin}, std::nullopt, Unit::kPiece, 2)};
  });
  EXPECT_TRUE(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0).status().IsNotFound());
  Result<ArticleView> milk = catalog_->FindByGtin(*Gtin::Parse(new_gtin), kT0);
  ASSERT_TRUE(milk.ok());
  EXPECT_EQ(milk->article.text, "H-Milch 1,5 % 1 l");
  EXPECT_EQ(milk->price.unit_price, Money::FromCents(119));
  EXPECT_EQ(Numbers(catalog_->Search("h-milch", kT0, 10)), std::vector<std::string>{"1001"});
  EXPECT_TRUE(catalog_->Search("vollmilch", kT0, 10).empty());
}

TEST_F(CatalogTest, DeleteRemovesEveryLookupAndThePrices) {
  ApplyNext([](CatalogDelta& d) { d.delete_articles = {ArticleNumber("1001"), ArticleNumber("1002")}; });
  EXPECT_TRUE(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog_->FindByPlu(*Plu::Parse("4011"), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog_->FindByNumber(ArticleNumber("1001"), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog_->Search("milch", kT0, 10).empty());
  EXPECT_EQ(catalog_->size(), 4u);
  // Listed again, the milk comes back without its old price.
  ApplyNext([](CatalogDelta& d) { d.upsert_articles = {StoreDelta().upsert_articles[0]}; });
  EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0).status().field(), "price");
}

TEST_F(CatalogTest, ReopeningRebuildsEverythingFromTheFile) {
  ApplyNext([](CatalogDelta& d) {
    d.upsert_prices = {MakePrice("1001", 129, kT0 + kDay, kT0 + 2 * kDay)};
    d.delete_articles = {ArticleNumber("1003")};
  });
  catalog_.reset();
  catalog_ = Open();
  ASSERT_TRUE(catalog_.has_value());
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_EQ(catalog_->size(), 5u);
  EXPECT_EQ(MilkPriceAt(kT0), Money::FromCents(119));
  EXPECT_EQ(MilkPriceAt(kT0 + kDay), Money::FromCents(129));
  EXPECT_EQ(MilkPriceAt(kT0 + 2 * kDay), Money::FromCents(119));
  EXPECT_EQ(catalog_->FindByPlu(*Plu::Parse("4011"), kT0)->article, StoreDelta().upsert_articles[1]);
  EXPECT_TRUE(catalog_->FindByGtin(*Gtin::Parse(kDishSoapUpc), kT0).status().IsNotFound());
  EXPECT_EQ(catalog_->FindGroup(ProductGroupId("KAESE"))->name, "Käsetheke");
  EXPECT_EQ(Numbers(catalog_->Search("äpfel", kT0, 10)), std::vector<std::string>{"1002"});
}

TEST_F(CatalogTest, SearchIgnoresCaseIncludingUmlauts) {
  EXPECT_EQ(Numbers(catalog_->Search("MILCH", kT0, 10)), std::vector<std::string>{"1001"});
  EXPECT_EQ(Numbers(catalog_->Search("äpfel", kT0, 10)), std::vector<std::string>{"1002"});
  EXPECT_EQ(Numbers(catalog_->Search("ÄPFEL", kT0, 10)), std::vector<std::string>{"1002"});
  EXPECT_EQ(Numbers(catalog_->Search("  spülMITTEL ", kT0, 10)), std::vector<std::string>{"1003"});
  EXPECT_EQ(Numbers(catalog_->Search("SPÜL", kT0, 10)), std::vector<std::string>{"1003"});
}

TEST_F(CatalogTest, SearchListsPricedArticlesInNumberOrderUpToTheLimit) {
  // "e" is in every text but the milk's; the cheese platter (221111) has no price, and
  // nothing has one before kT0.
  EXPECT_EQ(Numbers(catalog_->Search("e", kT0, 10)), (std::vector<std::string>{"1002", "1003", "251111", "281234"}));
  EXPECT_EQ(Numbers(catalog_->Search("E", kT0, 2)), (std::vector<std::string>{"1002", "1003"}));
  EXPECT_TRUE(catalog_->Search("e", kT0 - 1, 10).empty());
  EXPECT_TRUE(catalog_->Search("e", kT0, 0).empty());
}

TEST_F(CatalogTest, SearchFindsNothingForEmptyOrUnmatchedText) {
  EXPECT_TRUE(catalog_->Search("", kT0, 10).empty());
  EXPECT_TRUE(catalog_->Search("   ", kT0, 10).empty());
  EXPECT_TRUE(catalog_->Search("milch\nÄpfel", kT0, 10).empty());  // never across two texts
  EXPECT_TRUE(catalog_->Search("l\n", kT0, 10).empty());
  EXPECT_TRUE(catalog_->Search("ss", kT0, 10).empty());
  EXPECT_TRUE(catalog_->Search("Schokolade", kT0, 10).empty());
}

TEST_F(CatalogTest, LookupsSeeEachDeltaWholeWhileDeltasApply) {
  std::atomic<bool> done = false;
  std::atomic<int> bad_lookups = 0;
  std::thread reader([&] {
    while (!done) {
      // Never a half-swapped index: every lookup finds its article and a price.
      Result<ArticleView> milk = catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0);
      Result<ArticleView> apples = catalog_->FindByPlu(*Plu::Parse("4011"), kT0);
      if (!milk.ok() || !apples.ok() || catalog_->Search("milch", kT0, 1).size() != 1) ++bad_lookups;
    }
  });
  for (int cents = 200; cents < 220; ++cents) {
    ApplyNext([&](CatalogDelta& d) { d.upsert_prices = {MakePrice("1001", cents), MakePrice("1002", cents)}; });
  }
  done = true;
  reader.join();
  EXPECT_EQ(bad_lookups, 0);
  EXPECT_EQ(MilkPriceAt(kT0), Money::FromCents(219));
}

}  // namespace
}  // namespace kasse::catalog
