#include "masterdata/records_json.h"

#include <functional>

#include <gtest/gtest.h>

#include "masterdata/testing/master_data_fixture.h"

namespace kasse::masterdata {
namespace {

struct BadJson {
  std::string name;
  std::function<Status()> decode;
  std::string field;
};

template <typename T>
std::function<Status()> Decoded(Result<T> (*decode)(std::string_view), std::string json) {
  return [decode, json] { return decode(json).status(); };
}

std::function<Status()> ArticleJson(const std::string& json) {
  return [json] { return DecodeArticle(json, ArticleNumber("1001")).status(); };
}
std::function<Status()> StoreJson(const std::string& json) {
  return [json] { return DecodeStore(json, StoreId("B1")).status(); };
}
std::function<Status()> PriceJson(const std::string& json) {
  return [json] { return DecodeStorePrice(json, testing::MakePrice("B1", "1001", 0)).status(); };
}

class BadJsonTest : public ::testing::TestWithParam<BadJson> {};

TEST_P(BadJsonTest, IsRefusedWithItsField) {
  Status status = GetParam().decode();
  EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
  EXPECT_EQ(status.field(), GetParam().field) << status.ToString();
}

constexpr const char* kAddress =
    R"("address":{"street":"Hauptstraße 1","postcode":"10115","city":"Berlin","country":"DE"})";

std::vector<BadJson> BadJsonCases() {
  std::string address = kAddress;
  return {
      {"NotJson", Decoded(&DecodeOrganisation, "{\"name\":"), "body"},
      {"NotAnObject", Decoded(&DecodeOrganisation, "[1]"), "body"},
      {"NestsTooDeep",
       Decoded(&DecodeOrganisation, "{\"name\":" + std::string(40, '[') + std::string(40, ']') + "," + address + "}"),
       "body"},
      {"NameMissing", Decoded(&DecodeOrganisation, "{" + address + "}"), "name"},
      {"NameNotAString", Decoded(&DecodeOrganisation, "{\"name\":1," + address + "}"), "name"},
      {"UnknownMember", Decoded(&DecodeOrganisation, "{\"name\":\"A\",\"nmae\":\"B\"," + address + "}"), "nmae"},
      {"AddressMemberMissing",
       Decoded(&DecodeOrganisation, R"({"name":"A","address":{"street":"S","postcode":"1","city":"C"}})"),
       "address.country"},
      {"AddressNotAnObject", Decoded(&DecodeOrganisation, R"({"name":"A","address":"Berlin"})"), "address"},
      {"StoreIdDiffersFromUrl",
       StoreJson(R"({"store_id":"L1","name":"A","time_zone":"Europe/Berlin",)" + address + "}"), "store_id"},
      {"TimeZoneMissing", StoreJson(R"({"name":"A",)" + address + "}"), "time_zone"},
      {"GtinsNotAList",
       ArticleJson(R"({"text":"M","gtins":"4006381333931","vat_key":1,"product_group":"G","unit":"piece"})"), "gtins"},
      {"GtinNotAString",
       ArticleJson(R"({"text":"M","gtins":[4006381333931],"vat_key":1,"product_group":"G","unit":"piece"})"),
       "gtins[0]"},
      {"PluOutOfRange",
       ArticleJson(R"({"text":"M","gtins":[],"plu":100000,"vat_key":1,"product_group":"G","unit":"piece"})"), "plu"},
      {"PluZero", ArticleJson(R"({"text":"M","gtins":[],"plu":0,"vat_key":1,"product_group":"G","unit":"piece"})"),
       "plu"},
      {"VatKeyAFraction", ArticleJson(R"({"text":"M","gtins":[],"vat_key":1.5,"product_group":"G","unit":"piece"})"),
       "vat_key"},
      {"VatKeyHuge", ArticleJson(R"({"text":"M","gtins":[],"vat_key":99999999999,"product_group":"G","unit":"piece"})"),
       "vat_key"},
      {"UnitUnknown", ArticleJson(R"({"text":"M","gtins":[],"vat_key":1,"product_group":"G","unit":"Stück"})"), "unit"},
      {"NumberDiffersFromUrl",
       ArticleJson(R"({"number":"1002","text":"M","gtins":[],"vat_key":1,"product_group":"G","unit":"piece"})"),
       "number"},
      {"PriceAsText", PriceJson(R"({"unit_price_cents":"1,19"})"), "unit_price_cents"},
      {"PriceMissing", PriceJson(R"({"valid_to_ms":1})"), "unit_price_cents"},
      {"PriceStartDiffersFromUrl", PriceJson(R"({"unit_price_cents":119,"valid_from_ms":5})"), "valid_from_ms"},
      {"PriceIntegerTooLarge", PriceJson(R"({"unit_price_cents":18446744073709551615})"), "unit_price_cents"},
  };
}

INSTANTIATE_TEST_SUITE_P(Json, BadJsonTest, ::testing::ValuesIn(BadJsonCases()),
                         [](const ::testing::TestParamInfo<BadJson>& param_info) { return param_info.param.name; });

TEST(RecordsJsonTest, ArticleRoundTripsInTheCatalogShape) {
  catalog::Article article = testing::MakeArticle("1001", {"4006381333931"});
  article.plu = *Plu::Parse("4011");
  article.unit = Unit::kKilogram;
  std::string json = Encode(article);
  EXPECT_EQ(json,
            R"({"gtins":["4006381333931"],"number":"1001","plu":4011,"product_group":"MOPRO","text":"Artikel 1001",)"
            R"("unit":"kg","vat_key":1})");
  Result<catalog::Article> decoded = DecodeArticle(json, ArticleNumber("1001"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, article);
}

TEST(RecordsJsonTest, StoreRoundTripsAndLeavesEmptyTaxNumbersOut) {
  Store store = testing::MakeStore("B1");
  std::string json = Encode(store);
  EXPECT_EQ(json.find("tax_number"), std::string::npos);
  Result<Store> decoded = DecodeStore(json, StoreId("B1"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, store);
}

TEST(RecordsJsonTest, PriceTakesItsKeyFromTheUrl) {
  Result<StorePrice> price =
      DecodeStorePrice(R"({"unit_price_cents":119,"valid_to_ms":1800000000000})", testing::MakePrice("B1", "1001", 0));
  ASSERT_TRUE(price.ok()) << price.status().ToString();
  EXPECT_EQ(price->price.unit_price.cents(), 119);
  EXPECT_EQ(price->price.valid_from_ms, testing::kT0);
  EXPECT_EQ(price->price.valid_to_ms, 1'800'000'000'000);
}

}  // namespace
}  // namespace kasse::masterdata
