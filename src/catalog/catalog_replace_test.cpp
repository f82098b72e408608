// Catalog::Replace: a snapshot from version 0 takes the place of everything.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/catalog.h"
#include "catalog/detail/test_records.h"
#include "storage/fault_injection_vfs.h"

namespace kasse::catalog {
namespace {

using namespace test_records;  // NOLINT(google-build-using-namespace)

// Version 1 → 2: the dish soap goes, a toothpaste with its own group comes.
CatalogDelta SecondDelta() {
  CatalogDelta delta;
  delta.from_version = 1;
  delta.to_version = 2;
  delta.upsert_groups = {{ProductGroupId("DROG"), "Drogerie"}};
  delta.upsert_articles = {
      MakeArticle("2001", "Zahnpasta", {WithCheckDigit("400638100001")}, 102, Unit::kPiece, 1, "DROG")};
  delta.delete_articles = {ArticleNumber("1003")};
  delta.upsert_prices = {MakePrice("2001", 199)};
  return delta;
}

// The server's state after it went back to a backup: version 1 again, but the
// milk's GTIN now belongs to a new article, and there is no cheese counter.
CatalogDelta RestoredSnapshot() {
  CatalogDelta snapshot;
  snapshot.from_version = 0;
  snapshot.to_version = 1;
  snapshot.upsert_groups = {{ProductGroupId("MOPRO"), "Molkereiprodukte"}};
  snapshot.upsert_articles = {MakeArticle("1101", "Bio-Vollmilch 1 l", {kMilkGtin}, 4011, Unit::kPiece, 2)};
  snapshot.upsert_prices = {MakePrice("1101", 149)};
  return snapshot;
}

void ExpectRestored(const Catalog& catalog) {
  EXPECT_EQ(catalog.version(), 1);
  EXPECT_EQ(catalog.size(), 1u);
  Result<ArticleView> milk = catalog.FindByGtin(*Gtin::Parse(kMilkGtin), kT0);
  ASSERT_TRUE(milk.ok()) << milk.status().ToString();
  EXPECT_EQ(milk->article.number.value(), "1101");
  EXPECT_EQ(milk->price.unit_price, Money::FromCents(149));
  EXPECT_EQ(catalog.FindByPlu(*Plu::Parse("4011"), kT0)->article.number.value(), "1101");
  EXPECT_TRUE(catalog.FindByNumber(ArticleNumber("2001"), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog.FindByNumber(ArticleNumber("1001"), kT0).status().IsNotFound());
  EXPECT_TRUE(catalog.FindGroup(ProductGroupId("KAESE")).status().IsNotFound());
  EXPECT_TRUE(catalog.Search("zahn", kT0, 10).empty());
  EXPECT_EQ(catalog.Search("milch", kT0, 10).size(), 1u);
}

void ExpectVersionTwo(const Catalog& catalog) {
  EXPECT_EQ(catalog.version(), 2);
  EXPECT_EQ(catalog.size(), 6u);
  EXPECT_EQ(catalog.FindByGtin(*Gtin::Parse(kMilkGtin), kT0)->article.number.value(), "1001");
  EXPECT_EQ(catalog.FindByPlu(*Plu::Parse("102"), kT0)->article.text, "Zahnpasta");
}

class CatalogReplaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    catalog_ = Open();
    ASSERT_TRUE(catalog_->Apply(StoreDelta()).ok());
    ASSERT_TRUE(catalog_->Apply(SecondDelta()).ok());
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

TEST_F(CatalogReplaceTest, SnapshotReplacesEverythingEvenAtALowerVersion) {
  Status status = catalog_->Replace(RestoredSnapshot());
  ASSERT_TRUE(status.ok()) << status.ToString();
  ExpectRestored(*catalog_);
  catalog_.reset();
  catalog_ = Open();
  ExpectRestored(*catalog_);
}

TEST_F(CatalogReplaceTest, DeltasContinueFromTheSnapshot) {
  ASSERT_TRUE(catalog_->Replace(RestoredSnapshot()).ok());
  CatalogDelta next = SecondDelta();
  next.delete_articles.clear();
  Status status = catalog_->Apply(next);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(catalog_->version(), 2);
  EXPECT_EQ(catalog_->size(), 2u);
}

TEST_F(CatalogReplaceTest, WhatIsNoSnapshotIsRefused) {
  struct Case {
    const char* field;
    void (*spoil)(CatalogDelta&);
  };
  const Case cases[] = {
      {"from_version", [](CatalogDelta& d) { d.from_version = 2; }},
      {"to_version", [](CatalogDelta& d) { d.to_version = 0; }},
      {"delete_articles", [](CatalogDelta& d) { d.delete_articles = {ArticleNumber("1001")}; }},
      {"delete_prices",
       [](CatalogDelta& d) {
         d.delete_prices = {PriceKey{ArticleNumber("1101"), kT0}};
       }},
  };
  for (const Case& c : cases) {
    CatalogDelta snapshot = RestoredSnapshot();
    c.spoil(snapshot);
    Status status = catalog_->Replace(snapshot);
    EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
    EXPECT_EQ(status.field(), c.field);
    ExpectVersionTwo(*catalog_);
  }
}

TEST_F(CatalogReplaceTest, SnapshotIsCheckedAsIfTheCatalogWereEmpty) {
  CatalogDelta snapshot = RestoredSnapshot();
  snapshot.upsert_groups.clear();  // MOPRO exists now, but not after the snapshot
  Status status = catalog_->Replace(snapshot);
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_EQ(status.field(), "upsert_articles[0].product_group");
  ExpectVersionTwo(*catalog_);
}

// Fail the commit at every byte budget until it fits: each failure leaves the
// catalog as it was, in memory and on disk.
TEST(CatalogReplaceDiskTest, FullDiskAtAnyPointLeavesTheCatalogUnchanged) {
  TempDir dir;
  storage::FaultInjectionVfs vfs("catalog-replace-full-disk");
  storage::SqliteDatabase::Options options;
  options.vfs = vfs.name();
  auto open = [&] { return std::move(Catalog::Open(dir.File("catalog.db"), VatTable::Germany(), options)).value(); };
  {
    Catalog catalog = open();
    ASSERT_TRUE(catalog.Apply(StoreDelta()).ok());
    ASSERT_TRUE(catalog.Apply(SecondDelta()).ok());
  }
  int failures = 0;
  for (int64_t budget = 0;; budget += 1024) {
    Catalog catalog = open();
    ExpectVersionTwo(catalog);
    vfs.set_write_budget(budget);
    Status status = catalog.Replace(RestoredSnapshot());
    vfs.set_write_budget(std::nullopt);
    if (status.ok()) break;
    ++failures;
    EXPECT_TRUE(status.IsUnavailable()) << status.ToString();
    ExpectVersionTwo(catalog);
    ASSERT_LT(budget, 1'000'000) << "the snapshot never fit";
  }
  EXPECT_GT(failures, 0);
  ExpectRestored(open());
}

}  // namespace
}  // namespace kasse::catalog
