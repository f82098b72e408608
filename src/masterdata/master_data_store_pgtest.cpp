// MasterDataStore on both backends: references, uniqueness, paging, seeds.
#include <gtest/gtest.h>

#include "domain/payment.h"
#include "masterdata/master_data_store.h"
#include "masterdata/testing/master_data_fixture.h"

namespace kasse::masterdata {
namespace {

using testing::MakeArticle;
using testing::MakePrice;
using testing::MakeRegister;
using testing::MakeStore;
using testing::WithCheckDigit;

class MasterDataStoreTest : public testing::MasterDataTest {
 protected:
  MasterDataStore& store() { return service_->store(); }
};

const std::string gtin_a = WithCheckDigit("400638133393");
const std::string gtin_b = WithCheckDigit("400000000001");

TEST_P(MasterDataStoreTest, ReferencesToUnknownRecordsAreNotFoundAndChangeNothing) {
  AddBasics();
  Status reg = store().PutRegister(MakeRegister("K-1", "X9"));
  EXPECT_TRUE(reg.IsNotFound()) << reg.ToString();
  EXPECT_EQ(reg.field(), "store_id");
  catalog::Article article = MakeArticle("1001", {gtin_a}, "NOPE");
  Result<int64_t> put = store().PutArticle(article);
  EXPECT_TRUE(put.status().IsNotFound());
  EXPECT_EQ(put.status().field(), "product_group");
  article = MakeArticle("1001", {gtin_a});
  article.vat_key = VatKey(9);
  put = store().PutArticle(article);
  EXPECT_EQ(put.status().field(), "vat_key") << put.status().ToString();
  Result<int64_t> price = store().PutPrice(MakePrice("B1", "1001", 119));
  EXPECT_TRUE(price.status().IsNotFound());
  EXPECT_EQ(price.status().field(), "article");
  EXPECT_TRUE(store().GetArticle(ArticleNumber("1001")).status().IsNotFound());
  EXPECT_TRUE(store().GetRegister(RegisterId("K-1")).status().IsNotFound());
  EXPECT_EQ(service_->feed().CurrentVersion().value(), 1);  // only AddBasics' group
}

TEST_P(MasterDataStoreTest, PricePagesMayEndBetweenPricesOfOneArticle) {
  AddBasics();
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {})).ok());
  ASSERT_TRUE(store().PutArticle(MakeArticle("1002", {})).ok());
  for (int64_t week = 0; week < 3; ++week) {
    ASSERT_TRUE(store().PutPrice(MakePrice("B1", "1001", 119 + week, testing::kT0 + week * 604'800'000)).ok());
  }
  ASSERT_TRUE(store().PutPrice(MakePrice("B1", "1002", 249)).ok());
  std::vector<std::string> seen;
  PageRequest page{"", 2};
  for (int round = 0; round < 5; ++round) {
    Result<Page<StorePrice>> prices = store().ListPrices(StoreId("B1"), page, std::nullopt);
    ASSERT_TRUE(prices.ok()) << prices.status().ToString();
    for (const StorePrice& p : prices->items) {
      seen.push_back(p.price.article.value() + "/" + std::to_string(p.price.unit_price.cents()));
    }
    if (!prices->next_after) break;
    page.after = *prices->next_after;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"1001/119", "1001/120", "1001/121", "1002/249"}));
  EXPECT_EQ(store().ListPrices(StoreId("B1"), PageRequest{"1001@x", 2}, std::nullopt).status().field(), "after");
}

TEST_P(MasterDataStoreTest, AGtinOrPluOfAnotherArticleIsAConflict) {
  AddBasics();
  catalog::Article first = MakeArticle("1001", {gtin_a});
  first.plu = *Plu::Parse("4011");
  ASSERT_TRUE(store().PutArticle(first).ok());
  Result<int64_t> same_gtin = store().PutArticle(MakeArticle("1002", {gtin_b, "0" + gtin_a}));
  EXPECT_TRUE(same_gtin.status().IsConflict()) << same_gtin.status().ToString();
  EXPECT_EQ(same_gtin.status().field(), "gtins[1]");
  catalog::Article same_plu = MakeArticle("1002", {gtin_b});
  same_plu.plu = first.plu;
  EXPECT_EQ(store().PutArticle(same_plu).status().field(), "plu");
  EXPECT_TRUE(store().GetArticle(ArticleNumber("1002")).status().IsNotFound());
  first.gtins = {gtin_b};  // the article itself may change its codes
  ASSERT_TRUE(store().PutArticle(first).ok());
  EXPECT_TRUE(store().PutArticle(MakeArticle("1002", {gtin_a})).ok());
}

TEST_P(MasterDataStoreTest, InvalidRecordsAreRefusedBeforeTheDatabase) {
  Store bad = MakeStore("B1");
  bad.time_zone = "Berlin";
  EXPECT_EQ(store().PutStore(bad).field(), "time_zone");
  EXPECT_TRUE(store().GetStore(StoreId("B1")).status().IsNotFound());
  EXPECT_EQ(store().PutOrganisation(Organisation{}).field(), "name");
  EXPECT_TRUE(store().GetOrganisation().status().IsNotFound());
}

TEST_P(MasterDataStoreTest, RecordsRoundTrip) {
  AddBasics();
  Organisation organisation{"Kasse GmbH", {"Hauptstraße 1", "10115", "Berlin", "DE"}, "21/815/08150", ""};
  ASSERT_TRUE(store().PutOrganisation(organisation).ok());
  EXPECT_EQ(store().GetOrganisation().value(), organisation);
  organisation.vat_id = "DE123456789";
  ASSERT_TRUE(store().PutOrganisation(organisation).ok());
  EXPECT_EQ(store().GetOrganisation().value(), organisation);
  ASSERT_TRUE(store().PutRegister(MakeRegister("K-1", "B1")).ok());
  EXPECT_EQ(store().GetRegister(RegisterId("K-1")).value(), MakeRegister("K-1", "B1"));
  catalog::Article article = MakeArticle("1001", {gtin_b, gtin_a});
  article.unit = Unit::kKilogram;
  ASSERT_TRUE(store().PutArticle(article).ok());
  EXPECT_EQ(store().GetArticle(ArticleNumber("1001")).value(), article);
  StorePrice price = MakePrice("B1", "1001", 1299);
  price.price.valid_to_ms = testing::kT0 + 1000;
  ASSERT_TRUE(store().PutPrice(price).ok());
  EXPECT_EQ(store().GetPrice(StoreId("B1"), ArticleNumber("1001"), testing::kT0).value(), price);
}

TEST_P(MasterDataStoreTest, ListsArePagedByKey) {
  AddBasics();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(
        store()
            .PutArticle(MakeArticle("A" + std::to_string(i), {WithCheckDigit("40000000010" + std::to_string(i))}))
            .ok());
  }
  Result<Page<catalog::Article>> first = store().ListArticles(PageRequest{"", 2});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[1].gtins.size(), 1u);
  ASSERT_EQ(first->next_after, "A1");
  Result<Page<catalog::Article>> last = store().ListArticles(PageRequest{"A2", 2});
  ASSERT_EQ(last->items.size(), 2u);
  EXPECT_EQ(last->items[0].number.value(), "A3");
  EXPECT_FALSE(last->next_after.has_value());
  EXPECT_EQ(store().ListStores(PageRequest{"", 1}).value().next_after, "B1");
}

TEST_P(MasterDataStoreTest, DeletingAnArticleTakesItsPricesAndGtins) {
  AddBasics();
  ASSERT_TRUE(store().PutArticle(MakeArticle("1001", {gtin_a})).ok());
  ASSERT_TRUE(store().PutPrice(MakePrice("B1", "1001", 119)).ok());
  ASSERT_TRUE(store().DeleteArticle(ArticleNumber("1001")).ok());
  EXPECT_TRUE(store().GetPrice(StoreId("B1"), ArticleNumber("1001"), testing::kT0).status().IsNotFound());
  EXPECT_TRUE(store().PutArticle(MakeArticle("1002", {gtin_a})).ok());  // its GTIN is free again
  EXPECT_TRUE(store().DeleteArticle(ArticleNumber("1001")).status().IsNotFound());
  EXPECT_TRUE(store().DeletePrice(StoreId("B1"), ArticleNumber("1002"), 5).status().IsNotFound());
}

TEST_P(MasterDataStoreTest, VatKeysAreSeededWithTheGermanTable) {
  Result<std::vector<VatKeyRecord>> keys = store().ListVatKeys();
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  VatTable table = VatTable::Germany();
  const std::vector<VatKeyInfo>& germany = table.keys();
  ASSERT_EQ(keys->size(), germany.size());
  for (size_t i = 0; i < germany.size(); ++i) {
    EXPECT_EQ((*keys)[i].key, germany[i].key);
    EXPECT_EQ((*keys)[i].rate, germany[i].rate);
    EXPECT_EQ((*keys)[i].description, germany[i].description);
  }
}

TEST_P(MasterDataStoreTest, PaymentTypesAreSeededWithTheRegistersCodes) {
  for (PaymentMethod method :
       {PaymentMethod::kCash, PaymentMethod::kGirocard, PaymentMethod::kCreditCard, PaymentMethod::kVoucher}) {
    Result<PaymentType> type = store().GetPaymentType(PaymentTypeCode(std::string(PaymentMethodName(method))));
    ASSERT_TRUE(type.ok()) << PaymentMethodName(method);
    EXPECT_EQ(type->kind == "Bar", IsCash(method));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, MasterDataStoreTest,
                         ::testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         testing::BackendTestName);

}  // namespace
}  // namespace kasse::masterdata
