#include "catalog/catalog_delta.h"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/catalog.h"
#include "catalog/detail/test_records.h"
#include "storage/fault_injection_vfs.h"

namespace kasse::catalog {
namespace {

using namespace test_records;  // NOLINT(google-build-using-namespace)

// Version 1 → 2, valid: a new group and article, a new price for the milk, a
// deleted dish soap. Each bad case breaks one thing in it.
CatalogDelta GoodDelta() {
  CatalogDelta delta;
  delta.from_version = 1;
  delta.to_version = 2;
  delta.upsert_groups = {{ProductGroupId("DROG"), "Drogerie"}};
  delta.upsert_articles = {
      MakeArticle("2001", "Zahnpasta", {WithCheckDigit("400638100001")}, 102, Unit::kPiece, 1, "DROG")};
  delta.delete_articles = {ArticleNumber("1003")};
  delta.upsert_prices = {MakePrice("1001", 129, kT0 + kDay), MakePrice("2001", 199)};
  return delta;
}

struct BadDeltaCase {
  const char* name;
  std::function<void(CatalogDelta&)> spoil;
  Status::Code code;
  const char* field;
  const char* message_part;
};

void PrintTo(const BadDeltaCase& c, std::ostream* os) { *os << c.name; }

Article& NewArticle(CatalogDelta& d) { return d.upsert_articles[0]; }
void AddArticle(CatalogDelta& d, Article article) { d.upsert_articles.push_back(std::move(article)); }

std::vector<BadDeltaCase> BadDeltas() {
  return {
      {"GtinTwiceInTheDelta",
       [](CatalogDelta& d) { AddArticle(d, MakeArticle("2002", "Zahnbürste", NewArticle(d).gtins, std::nullopt)); },
       Status::Code::kInvalidArgument, "upsert_articles[1].gtins[0]", "also given to article 2001"},
      {"GtinOfAKeptArticle", [](CatalogDelta& d) { NewArticle(d).gtins.push_back(kMilkGtin); }, Status::Code::kConflict,
       "upsert_articles[0].gtins[1]", "belongs to article 1001"},
      {"GtinOfAKeptArticleSpelledAsGtin14",
       [](CatalogDelta& d) { NewArticle(d).gtins = {std::string("0") + kMilkGtin}; }, Status::Code::kConflict,
       "upsert_articles[0].gtins[0]", "belongs to article 1001"},
      {"BadCheckDigit", [](CatalogDelta& d) { NewArticle(d).gtins = {"4006381333932"}; },
       Status::Code::kInvalidArgument, "upsert_articles[0].gtins[0]", "should be 1"},
      {"GtinWithLetters", [](CatalogDelta& d) { NewArticle(d).gtins = {"40063813339x1"}; },
       Status::Code::kInvalidArgument, "upsert_articles[0].gtins[0]", "digits only"},
      {"PluOfAKeptArticle", [](CatalogDelta& d) { NewArticle(d).plu = *Plu::Parse("4011"); }, Status::Code::kConflict,
       "upsert_articles[0].plu", "belongs to article 1002"},
      {"PluTwiceInTheDelta", [](CatalogDelta& d) { AddArticle(d, MakeArticle("2002", "Zahnbürste", {}, 102)); },
       Status::Code::kInvalidArgument, "upsert_articles[1].plu", "also given to article 2001"},
      {"UnknownVatKey", [](CatalogDelta& d) { NewArticle(d).vat_key = VatKey(9); }, Status::Code::kNotFound,
       "upsert_articles[0].vat_key", "unknown VAT key 9"},
      {"UnknownProductGroup", [](CatalogDelta& d) { NewArticle(d).product_group = ProductGroupId("TIER"); },
       Status::Code::kNotFound, "upsert_articles[0].product_group", "unknown product group 'TIER'"},
      {"NegativePrice", [](CatalogDelta& d) { d.upsert_prices[1].unit_price = Money::FromCents(-1); },
       Status::Code::kInvalidArgument, "upsert_prices[1].unit_price", "must not be negative"},
      {"PriceAboveTheLimit", [](CatalogDelta& d) { d.upsert_prices[1].unit_price = Money::FromCents(100'000'001); },
       Status::Code::kInvalidArgument, "upsert_prices[1].unit_price", "must not exceed 1000000.00"},
      {"PriceEndsBeforeItStarts", [](CatalogDelta& d) { d.upsert_prices[1].valid_to_ms = kT0; },
       Status::Code::kInvalidArgument, "upsert_prices[1].valid_to_ms", "after valid_from_ms"},
      {"TwoPricesFromOneInstant", [](CatalogDelta& d) { d.upsert_prices.push_back(MakePrice("2001", 299)); },
       Status::Code::kInvalidArgument, "upsert_prices[2].valid_from_ms", "two prices"},
      {"PriceOfAnUnknownArticle", [](CatalogDelta& d) { d.upsert_prices[1].article = ArticleNumber("9999"); },
       Status::Code::kNotFound, "upsert_prices[1].article", "no article '9999'"},
      {"PriceOfAnArticleDeletedInTheDelta", [](CatalogDelta& d) { d.upsert_prices.push_back(MakePrice("1003", 259)); },
       Status::Code::kNotFound, "upsert_prices[2].article", "no article '1003'"},
      {"OverLongText", [](CatalogDelta& d) { NewArticle(d).text = std::string(256, 'x'); },
       Status::Code::kInvalidArgument, "upsert_articles[0].text", "longer than 255 bytes"},
      {"ControlCharacterInText", [](CatalogDelta& d) { NewArticle(d).text = "Zahn\npasta"; },
       Status::Code::kInvalidArgument, "upsert_articles[0].text", "control character"},
      {"BrokenUtf8InText", [](CatalogDelta& d) { NewArticle(d).text = "Zahnb\xFCrste"; },
       Status::Code::kInvalidArgument, "upsert_articles[0].text", "invalid UTF-8"},
      {"EmptyText", [](CatalogDelta& d) { NewArticle(d).text = ""; }, Status::Code::kInvalidArgument,
       "upsert_articles[0].text", "must not be empty"},
      {"OverLongArticleNumber", [](CatalogDelta& d) { NewArticle(d).number = ArticleNumber(std::string(51, '7')); },
       Status::Code::kInvalidArgument, "upsert_articles[0].number", "longer than 50 bytes"},
      {"OverLongGroupName", [](CatalogDelta& d) { d.upsert_groups[0].name = std::string(41, 'D'); },
       Status::Code::kInvalidArgument, "upsert_groups[0].name", "longer than 40 bytes"},
      {"ControlCharacterInGroupId", [](CatalogDelta& d) { d.upsert_groups[0].id = ProductGroupId("DR\tOG"); },
       Status::Code::kInvalidArgument, "upsert_groups[0].id", "control character"},
      {"ArticleTwiceInTheDelta", [](CatalogDelta& d) { AddArticle(d, NewArticle(d)); }, Status::Code::kInvalidArgument,
       "upsert_articles[1].number", "appears twice"},
      {"ArticleUpsertedAndDeleted", [](CatalogDelta& d) { d.delete_articles.push_back(ArticleNumber("2001")); },
       Status::Code::kInvalidArgument, "upsert_articles[0].number", "both upserted and deleted"},
      {"StartsAfterTheCatalogsVersion",
       [](CatalogDelta& d) {
         d.from_version = 2;
         d.to_version = 3;
       },
       Status::Code::kConflict, "from_version", "the catalog is at version 1, the delta starts at 2"},
      {"EndsBeforeItStarts", [](CatalogDelta& d) { d.to_version = 1; }, Status::Code::kInvalidArgument, "to_version",
       "greater than from_version"},
  };
}

// Everything a refused GoodDelta() could have touched, as it is in version 1.
void ExpectVersionOne(const Catalog& catalog) {
  EXPECT_EQ(catalog.version(), 1);
  EXPECT_EQ(catalog.size(), 6u);
  EXPECT_EQ(catalog.FindByGtin(*Gtin::Parse(kMilkGtin), kT0 + kDay)->price.unit_price, Money::FromCents(119));
  EXPECT_TRUE(catalog.FindByGtin(*Gtin::Parse(kDishSoapUpc), kT0).ok());
  EXPECT_TRUE(catalog.FindByNumber(ArticleNumber("2001"), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog.FindByPlu(*Plu::Parse("102"), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog.FindGroup(ProductGroupId("DROG")).status().IsNotFound());
  EXPECT_TRUE(catalog.Search("zahn", kT0, 10).empty());
}

class CatalogDeltaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = Open();
    ASSERT_TRUE(catalog_->Apply(StoreDelta()).ok());
  }

  std::optional<Catalog> Open() {
    Result<Catalog> catalog = Catalog::Open(dir_.File("catalog.db"), VatTable::Germany(), options_);
    EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
    if (!catalog.ok()) return std::nullopt;
    return std::move(catalog).value();
  }

  TempDir dir_;
  storage::SqliteDatabase::Options options_;
  std::optional<Catalog> catalog_;
};

TEST_F(CatalogDeltaTest, GoodDeltaApplies) {
  ASSERT_TRUE(catalog_->Apply(GoodDelta()).ok());
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_EQ(catalog_->FindByPlu(*Plu::Parse("102"), kT0)->article.text, "Zahnpasta");
  EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0 + kDay)->price.unit_price, Money::FromCents(129));
  EXPECT_TRUE(catalog_->FindByGtin(*Gtin::Parse(kDishSoapUpc), kT0).status().IsNotFound());
}

class BadDeltaTest : public CatalogDeltaTest, public ::testing::WithParamInterface<BadDeltaCase> {};

TEST_P(BadDeltaTest, IsRefusedAndChangesNothing) {
  CatalogDelta delta = GoodDelta();
  GetParam().spoil(delta);
  Status status = catalog_->Apply(delta);
  EXPECT_EQ(status.code(), GetParam().code) << status.ToString();
  EXPECT_EQ(status.field(), GetParam().field) << status.ToString();
  EXPECT_NE(status.message().find(GetParam().message_part), std::string::npos) << status.ToString();
  ExpectVersionOne(*catalog_);
  catalog_.reset();
  std::optional<Catalog> reopened = Open();
  ASSERT_TRUE(reopened.has_value());
  ExpectVersionOne(*reopened);
}

INSTANTIATE_TEST_SUITE_P(Deltas, BadDeltaTest, ::testing::ValuesIn(BadDeltas()),
                         [](const auto& test) { return std::string(test.param.name); });

TEST_F(CatalogDeltaTest, AppliedDeltaIsAcknowledgedAgainWithoutChange) {
  ASSERT_TRUE(catalog_->Apply(GoodDelta()).ok());
  CatalogDelta resent = GoodDelta();
  resent.upsert_prices = {MakePrice("1001", 999, kT0 + kDay)};  // whatever it says now, it was applied before
  EXPECT_TRUE(catalog_->Apply(resent).ok());
  EXPECT_TRUE(catalog_->Apply(StoreDelta()).ok());
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0 + kDay)->price.unit_price, Money::FromCents(129));
  EXPECT_TRUE(catalog_->FindByNumber(ArticleNumber("1003"), kT0).status().IsNotFound());
}

TEST_F(CatalogDeltaTest, DeltaOverlappingTheVersionIsAConflict) {
  CatalogDelta overlapping = GoodDelta();
  overlapping.from_version = 0;
  Status status = catalog_->Apply(overlapping);
  EXPECT_TRUE(status.IsConflict()) << status.ToString();
  ExpectVersionOne(*catalog_);
}

TEST_F(CatalogDeltaTest, CodesMoveBetweenArticlesInOneDelta) {
  CatalogDelta delta = GoodDelta();
  delta.delete_articles.clear();
  // 2001 takes the milk's GTIN and the apples' PLU 4011, the apples take 4012, and the dish soap
  // gets a second GTIN besides its UPC, now spelled as a GTIN-13.
  delta.upsert_articles = {
      MakeArticle("2001", "Vollmilch 3,8 % 1 l", {kMilkGtin}, 4011, Unit::kPiece, 2, "MOPRO"),
      MakeArticle("1001", "Vollmilch 3,5 % 1 l", {}, std::nullopt, Unit::kPiece, 2),
      MakeArticle("1002", "Äpfel Elstar", {}, 4012, Unit::kKilogram, 2, "OBST"),
      MakeArticle("1003", "Spülmittel Zitrone", {WithCheckDigit("400638100002"), std::string("0") + kDishSoapUpc}),
  };
  ASSERT_TRUE(catalog_->Apply(delta).ok());
  for (int reopen = 0; reopen < 2; ++reopen) {
    EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kMilkGtin), kT0)->article.number.value(), "2001");
    EXPECT_EQ(catalog_->FindByPlu(*Plu::Parse("4011"), kT0)->article.number.value(), "2001");
    EXPECT_EQ(catalog_->FindByPlu(*Plu::Parse("4012"), kT0)->article.number.value(), "1002");
    EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kDishSoapUpc), kT0)->article.number.value(), "1003");
    catalog_.reset();
    catalog_ = Open();
  }
}

TEST_F(CatalogDeltaTest, DeletedArticlesCodesAreFreeInTheSameDelta) {
  CatalogDelta delta = GoodDelta();
  delta.upsert_articles[0].gtins.push_back(kDishSoapUpc);  // 1003 is deleted by this delta
  ASSERT_TRUE(catalog_->Apply(delta).ok());
  EXPECT_EQ(catalog_->FindByGtin(*Gtin::Parse(kDishSoapUpc), kT0)->article.number.value(), "2001");
}

TEST_F(CatalogDeltaTest, DeletingWhatIsNotThereIsANoOp) {
  CatalogDelta delta = GoodDelta();
  delta.delete_articles.push_back(ArticleNumber("no-such-article"));
  delta.delete_prices.push_back(PriceKey{ArticleNumber("1001"), kT0 - kDay});
  EXPECT_TRUE(catalog_->Apply(delta).ok());
  EXPECT_EQ(catalog_->version(), 2);
}

// Fail the commit at every byte budget until it fits: each failure leaves the
// catalog as it was, in memory and on disk.
TEST(CatalogDiskTest, FullDiskAtAnyPointLeavesTheCatalogUnchanged) {
  TempDir dir;
  storage::FaultInjectionVfs vfs("catalog-full-disk");
  storage::SqliteDatabase::Options options;
  options.vfs = vfs.name();
  auto open = [&] { return std::move(Catalog::Open(dir.File("catalog.db"), VatTable::Germany(), options)).value(); };
  {
    Catalog catalog = open();
    ASSERT_TRUE(catalog.Apply(StoreDelta()).ok());
  }
  int failures = 0;
  for (int64_t budget = 0;; budget += 1024) {
    Catalog catalog = open();
    ASSERT_EQ(catalog.version(), 1) << "a refused delta was stored";
    vfs.set_write_budget(budget);
    Status status = catalog.Apply(GoodDelta());
    vfs.set_write_budget(std::nullopt);
    if (status.ok()) break;
    ++failures;
    EXPECT_TRUE(status.IsUnavailable()) << status.ToString();
    ExpectVersionOne(catalog);
    ASSERT_LT(budget, 1'000'000) << "the delta never fit";
  }
  EXPECT_GT(failures, 0);
  Catalog reopened = open();
  EXPECT_EQ(reopened.version(), 2);
  EXPECT_EQ(reopened.FindByPlu(*Plu::Parse("102"), kT0)->article.text, "Zahnpasta");
}

}  // namespace
}  // namespace kasse::catalog
