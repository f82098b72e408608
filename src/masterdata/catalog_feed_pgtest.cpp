// CatalogFeed on both backends: the deltas it sends take a register's real
// catalog (catalog::Catalog) to the server's state, per store.
#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "catalog/catalog.h"
#include "masterdata/catalog_feed.h"
#include "masterdata/testing/master_data_fixture.h"

namespace kasse::masterdata {
namespace {

using testing::kT0;
using testing::MakeArticle;
using testing::MakePrice;
using testing::WithCheckDigit;
using Answer = Result<std::optional<catalog::CatalogDelta>>;

const std::string gtin_a = WithCheckDigit("400638133393");
const std::string gtin_b = WithCheckDigit("400000000001");
constexpr int64_t kNow = kT0 + 1000;

class CatalogFeedTest : public testing::MasterDataTest {
 protected:
  MasterDataStore& store() { return service_->store(); }
  CatalogFeed& feed() { return service_->feed(); }

  catalog::Catalog OpenCatalog(const std::string& name) {
    Result<catalog::Catalog> opened = catalog::Catalog::Open(dir_.File(name), VatTable::Germany());
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return std::move(*opened);
  }

  // The register's catalog after deltas must equal one built from a fresh snapshot.
  void ExpectSameAsSnapshot(const catalog::Catalog& synced, const std::vector<std::string>& numbers) {
    catalog::Catalog fresh = OpenCatalog("fresh" + std::to_string(++fresh_count_) + ".db");
    Status replaced = fresh.Replace(feed().DeltaSince(StoreId("B1"), 0).value());
    ASSERT_TRUE(replaced.ok()) << replaced.ToString();
    EXPECT_EQ(synced.size(), fresh.size());
    for (const std::string& number : numbers) {
      Result<catalog::ArticleView> a = synced.FindByNumber(ArticleNumber(number), kNow);
      Result<catalog::ArticleView> b = fresh.FindByNumber(ArticleNumber(number), kNow);
      EXPECT_EQ(a.status(), b.status()) << number;
      if (a.ok() && b.ok()) {
        EXPECT_EQ(a->article, b->article) << number;
        EXPECT_EQ(a->price, b->price) << number;
      }
    }
  }

  TempDir dir_;
  int fresh_count_ = 0;
};

TEST_P(CatalogFeedTest, UnknownStoreAndNegativeSinceAreRefused) {
  EXPECT_TRUE(feed().DeltaSince(StoreId("X9"), 0).status().IsNotFound());
  EXPECT_EQ(feed().DeltaSince(StoreId("X9"), 0).status().field(), "store_id");
  AddBasics();
  EXPECT_EQ(feed().DeltaSince(StoreId("B1"), -1).status().field(), "since");
}

TEST_P(CatalogFeedTest, DeltasTakeARegisterCatalogToTheServerState) {
  AddBasics();
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {gtin_a})).ok());
  ASSERT_TRUE(store().PutPrice(MakePrice("B1", "1001", 119)).ok());
  ASSERT_TRUE(store().PutPrice(MakePrice("L1", "1001", 129)).ok());
  catalog::Catalog register_catalog = OpenCatalog("register.db");
  catalog::CatalogDelta snapshot = feed().DeltaSince(StoreId("B1"), 0).value();
  EXPECT_EQ(snapshot.from_version, 0);
  EXPECT_EQ(snapshot.to_version, 4);
  ASSERT_EQ(snapshot.upsert_prices.size(), 1u);  // only B1's own price
  EXPECT_EQ(snapshot.upsert_prices[0].unit_price.cents(), 119);
  ASSERT_TRUE(register_catalog.Replace(snapshot).ok());

  // A GTIN moves, an article goes, a price is withdrawn, another article comes.
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {gtin_b})).ok());
  ASSERT_TRUE(store().PutArticle(MakeArticle("1002", {gtin_a})).ok());
  ASSERT_TRUE(store().PutPrice(MakePrice("B1", "1002", 249)).ok());
  ASSERT_TRUE(store().PutPrice(MakePrice("B1", "1002", 199, kT0 - 1000)).ok());
  ASSERT_TRUE(store().DeletePrice(StoreId("B1"), ArticleNumber("1002"), kT0 - 1000).ok());
  ASSERT_TRUE(store().DeleteArticle(ArticleNumber("1001")).ok());
  catalog::CatalogDelta delta = feed().DeltaSince(StoreId("B1"), 4).value();
  EXPECT_EQ(delta.from_version, 4);
  EXPECT_EQ(delta.delete_articles, std::vector<ArticleNumber>{ArticleNumber("1001")});
  Status applied = register_catalog.Apply(delta);
  ASSERT_TRUE(applied.ok()) << applied.ToString();
  EXPECT_EQ(register_catalog.FindByGtin(*Gtin::Parse(gtin_a), kNow).value().price.unit_price.cents(), 249);
  ExpectSameAsSnapshot(register_catalog, {"1001", "1002"});

  // Deleted and created again: an upsert, and the old prices stay gone.
  int64_t before = feed().CurrentVersion().value();
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {gtin_b})).ok());
  delta = feed().DeltaSince(StoreId("B1"), before).value();
  EXPECT_TRUE(delta.delete_articles.empty());
  applied = register_catalog.Apply(delta);
  ASSERT_TRUE(applied.ok()) << applied.ToString();
  ExpectSameAsSnapshot(register_catalog, {"1001", "1002"});
  EXPECT_TRUE(register_catalog.FindByNumber(ArticleNumber("1001"), kNow).status().IsNotFound());  // no price
}

TEST_P(CatalogFeedTest, AnotherStoresChangeIsNothingNewAndSinceAheadGetsASnapshot) {
  AddBasics();
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {gtin_a})).ok());
  int64_t current = feed().CurrentVersion().value();
  EXPECT_FALSE(feed().ChangesSince(StoreId("B1"), current).value().has_value());
  ASSERT_TRUE(store().PutPrice(MakePrice("L1", "1001", 129)).ok());
  EXPECT_FALSE(feed().ChangesSince(StoreId("B1"), current).value().has_value());
  EXPECT_TRUE(feed().ChangesSince(StoreId("L1"), current).value().has_value());
  catalog::CatalogDelta ahead = feed().ChangesSince(StoreId("B1"), current + 100).value().value();
  EXPECT_EQ(ahead.from_version, 0);
  EXPECT_EQ(ahead.to_version, current + 1);
  EXPECT_EQ(ahead.upsert_articles.size(), 1u);
}

TEST_P(CatalogFeedTest, AWatchIsAnsweredWithTheDeltaAfterACommit) {
  AddBasics();
  int64_t since = feed().CurrentVersion().value();
  std::promise<Answer> answered;
  feed().Watch(StoreId("B1"), since, CatalogFeed::Clock::now() + std::chrono::seconds(30),
               [&](Answer answer) { answered.set_value(std::move(answer)); });
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {gtin_a})).ok());
  std::future<Answer> future = answered.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  Answer answer = future.get();
  ASSERT_TRUE(answer.ok() && answer->has_value());
  EXPECT_EQ((*answer)->from_version, since);
  EXPECT_EQ((*answer)->upsert_articles.size(), 1u);
}

TEST_P(CatalogFeedTest, AWatchSeesACommitOfAnotherProcessByRechecking) {
  AddBasics();
  MasterDataStore other_process(*pool_);  // no listener: nobody notifies this feed
  int64_t since = feed().CurrentVersion().value();
  std::promise<Answer> answered;
  feed().Watch(StoreId("B1"), since, CatalogFeed::Clock::now() + std::chrono::seconds(30),
               [&](Answer answer) { answered.set_value(std::move(answer)); });
  ASSERT_TRUE(other_process.PutProductGroup({ProductGroupId("OBST"), "Obst"}).ok());
  std::future<Answer> future = answered.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  Answer answer = future.get();
  ASSERT_TRUE(answer.ok() && answer->has_value());
  EXPECT_EQ((*answer)->upsert_groups.size(), 1u);
}

TEST_P(CatalogFeedTest, AWatchWithoutChangeIsAnsweredEmptyAtItsDeadlineAndOnStop) {
  AddBasics();
  int64_t since = feed().CurrentVersion().value();
  std::promise<Answer> timed_out;
  feed().Watch(StoreId("B1"), since, CatalogFeed::Clock::now() + std::chrono::milliseconds(100),
               [&](Answer answer) { timed_out.set_value(std::move(answer)); });
  std::future<Answer> future = timed_out.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  Answer answer = future.get();
  ASSERT_TRUE(answer.ok());
  EXPECT_FALSE(answer->has_value());

  std::promise<Answer> stopped;
  feed().Watch(StoreId("B1"), since, CatalogFeed::Clock::now() + std::chrono::hours(1),
               [&](Answer stop_answer) { stopped.set_value(std::move(stop_answer)); });
  feed().Stop();
  std::future<Answer> stop_future = stopped.get_future();
  ASSERT_EQ(stop_future.wait_for(std::chrono::seconds(1)), std::future_status::ready);
  EXPECT_FALSE(stop_future.get()->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogFeedTest,
                         ::testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         testing::BackendTestName);

}  // namespace
}  // namespace kasse::masterdata
