#include "masterdata/validation.h"

#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "masterdata/testing/master_data_fixture.h"

namespace kasse::masterdata {
namespace {

using testing::MakeArticle;
using testing::MakePrice;
using testing::MakeRegister;
using testing::MakeStore;
using testing::WithCheckDigit;

Organisation GoodOrganisation() {
  return Organisation{"Kasse Handels GmbH", Address{"Hauptstraße 1", "10115", "Berlin", "DE"}, "21/815/08150",
                      "DE123456789"};
}

struct BadCase {
  std::string name;
  std::function<Status()> check;
  std::string field;
};

class BadRecordTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadRecordTest, IsRefusedWithItsField) {
  Status status = GetParam().check();
  EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
  EXPECT_EQ(status.field(), GetParam().field) << status.ToString();
}

template <typename T, typename Edit>
std::function<Status()> Edited(T record, Status (*validate)(const T&), Edit edit) {
  edit(record);
  return [record, validate] { return validate(record); };
}

std::vector<BadCase> BadCases() {
  auto org = [](auto edit) { return Edited(GoodOrganisation(), &ValidateOrganisation, edit); };
  auto store = [](auto edit) { return Edited(MakeStore("B1"), &ValidateStore, edit); };
  auto reg = [](auto edit) { return Edited(MakeRegister("K-1", "B1"), &ValidateRegister, edit); };
  auto art = [](auto edit) {
    return Edited(MakeArticle("1001", {WithCheckDigit("400638133393")}), &ValidateArticle, edit);
  };
  auto price = [](auto edit) { return Edited(MakePrice("B1", "1001", 119), &ValidateStorePrice, edit); };
  auto pay = [](auto edit) {
    return Edited(PaymentType{PaymentTypeCode("cash"), "Bargeld", "Bar"}, &ValidatePaymentType, edit);
  };
  return {
      {"OrganisationWithoutName", org([](Organisation& o) { o.name = ""; }), "name"},
      {"OrganisationWithControlCharacter", org([](Organisation& o) { o.name = "A\x01"; }), "name"},
      {"OrganisationWithoutTaxNumbers", org([](Organisation& o) { o.tax_number = o.vat_id = ""; }), "tax_number"},
      {"TaxNumberWithLetters", org([](Organisation& o) { o.tax_number = "21/815/0815X"; }), "tax_number"},
      {"TaxNumberTooShort", org([](Organisation& o) { o.tax_number = "123"; }), "tax_number"},
      {"GermanVatIdTooShort", org([](Organisation& o) { o.vat_id = "DE12345678"; }), "vat_id"},
      {"VatIdLowerCase", org([](Organisation& o) { o.vat_id = "de123456789"; }), "vat_id"},
      {"GermanPostcodeOfFourDigits", org([](Organisation& o) { o.address.postcode = "1011"; }), "address.postcode"},
      {"CountryNotAlpha2", org([](Organisation& o) { o.address.country = "DEU"; }), "address.country"},
      {"StreetEmpty", org([](Organisation& o) { o.address.street = ""; }), "address.street"},
      {"StoreIdWithSlash", store([](Store& s) { s.id = StoreId("B/1"); }), "store_id"},
      {"StoreIdTooLong", store([](Store& s) { s.id = StoreId(std::string(65, 'x')); }), "store_id"},
      {"StoreIdEmpty", store([](Store& s) { s.id = StoreId(""); }), "store_id"},
      {"TimeZoneUnknown", store([](Store& s) { s.time_zone = "Europe/Bärlin"; }), "time_zone"},
      {"TimeZoneNotIana", store([](Store& s) { s.time_zone = "Mars/Olympus_Mons"; }), "time_zone"},
      {"TimeZoneEscapesTheDirectory", store([](Store& s) { s.time_zone = "../etc/passwd"; }), "time_zone"},
      {"TimeZoneEmpty", store([](Store& s) { s.time_zone = ""; }), "time_zone"},
      {"RegisterIdWithSpace", reg([](Register& r) { r.id = RegisterId("K 1"); }), "register_id"},
      {"RegisterWithoutStore", reg([](Register& r) { r.store = StoreId(""); }), "store_id"},
      {"RegisterLabelEmpty", reg([](Register& r) { r.label = ""; }), "label"},
      {"RegisterBrandTooLong", reg([](Register& r) { r.brand = std::string(51, 'b'); }), "brand"},
      {"PaymentKindUnknown", pay([](PaymentType& t) { t.kind = "Bitcoin"; }), "kind"},
      {"PaymentCodeWithSpace", pay([](PaymentType& t) { t.code = PaymentTypeCode("credit card"); }), "code"},
      {"ArticleNumberWithSpace", art([](catalog::Article& a) { a.number = ArticleNumber("10 01"); }), "number"},
      {"ArticleTextEmpty", art([](catalog::Article& a) { a.text = ""; }), "text"},
      {"ArticleTextBrokenUtf8", art([](catalog::Article& a) { a.text = "K\xC3"; }), "text"},
      {"GtinWithWrongCheckDigit", art([](catalog::Article& a) { a.gtins.push_back("4006381333932"); }), "gtins[1]"},
      {"GtinListedTwiceInGtin14Form", art([](catalog::Article& a) { a.gtins.push_back("0" + a.gtins[0]); }),
       "gtins[1]"},
      {"TooManyGtins", art([](catalog::Article& a) { a.gtins.assign(33, WithCheckDigit("400638133393")); }), "gtins"},
      {"ProductGroupEmpty", art([](catalog::Article& a) { a.product_group = ProductGroupId(""); }), "product_group"},
      {"PriceNegative", price([](StorePrice& p) { p.price.unit_price = Money::FromCents(-1); }), "unit_price_cents"},
      {"PriceTooLarge", price([](StorePrice& p) { p.price.unit_price = Money::FromCents(100'000'001); }),
       "unit_price_cents"},
      {"PriceEndsBeforeItStarts", price([](StorePrice& p) { p.price.valid_to_ms = p.price.valid_from_ms; }),
       "valid_to_ms"},
      {"PriceBeforeTheEpoch", price([](StorePrice& p) { p.price.valid_from_ms = -1; }), "valid_from_ms"},
      {"PriceOfStoreWithBadId", price([](StorePrice& p) { p.store = StoreId("B 1"); }), "store_id"},
  };
}

INSTANTIATE_TEST_SUITE_P(Records, BadRecordTest, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<BadCase>& param_info) { return param_info.param.name; });

TEST(ValidationTest, GoodRecordsPass) {
  EXPECT_TRUE(ValidateOrganisation(GoodOrganisation()).ok());
  EXPECT_TRUE(ValidateStore(MakeStore("B1")).ok());
  EXPECT_TRUE(ValidateRegister(MakeRegister("K-1", "B1")).ok());
  EXPECT_TRUE(ValidateArticle(MakeArticle("1001", {WithCheckDigit("400638133393"), "96385074"})).ok());
  EXPECT_TRUE(ValidateStorePrice(MakePrice("B1", "1001", 0)).ok());
  EXPECT_TRUE(ValidatePaymentType(PaymentType{PaymentTypeCode("giro"), "girocard", "ECKarte"}).ok());
}

TEST(ValidationTest, AForeignAddressNeedsNoGermanPostcodeAndOneTaxNumberSuffices) {
  Organisation o = GoodOrganisation();
  o.address = Address{"Rue de Rivoli 1", "75001", "Paris", "FR"};
  o.tax_number = "";
  o.vat_id = "FR12345678901";
  EXPECT_TRUE(ValidateOrganisation(o).ok());
}

TEST(ValidationTest, TimeZonesOfTheZoneDatabasePass) {
  EXPECT_TRUE(ValidateTimeZone("Europe/Berlin").ok());
  EXPECT_TRUE(ValidateTimeZone("UTC").ok());
  EXPECT_TRUE(ValidateTimeZone("America/Argentina/Buenos_Aires").ok());
}

}  // namespace
}  // namespace kasse::masterdata
