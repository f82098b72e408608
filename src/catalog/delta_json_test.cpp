#include "catalog/delta_json.h"

#include <fstream>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/temp_dir.h"
#include "catalog/detail/test_records.h"

namespace kasse::catalog {

void PrintTo(const CatalogDelta& delta, std::ostream* os) { *os << EncodeDelta(delta); }

namespace {

using namespace test_records;  // NOLINT(google-build-using-namespace)
using Json = nlohmann::json;

// Every kind of member once: optional ones present and absent, all units, a
// GTIN-12 whose leading zero must survive, deletions.
CatalogDelta FullDelta() {
  CatalogDelta delta = StoreDelta();
  delta.from_version = 7;
  delta.to_version = 9;
  delta.upsert_articles.push_back(
      MakeArticle("3001", "Saft 1 l", {"0" + std::string(kDishSoapUpc)}, 99'999, Unit::kLiter));
  delta.upsert_articles.push_back(MakeArticle("3002", "Kordel", {}, std::nullopt, Unit::kMeter));
  delta.upsert_prices.push_back(MakePrice("3001", 0, kT0 - kDay, kT0 + 7 * kDay));
  delta.delete_articles = {ArticleNumber("1003"), ArticleNumber("9999")};
  delta.delete_prices = {PriceKey{ArticleNumber("1001"), kT0 - kDay}};
  return delta;
}

// Version 1 → 2: a new article with one GTIN, the base of the bad cases below.
CatalogDelta SmallDelta() {
  CatalogDelta delta;
  delta.from_version = 1;
  delta.to_version = 2;
  delta.upsert_articles = {MakeArticle("2001", "Zahnpasta", {kMilkGtin, kDishSoapUpc}, 102, Unit::kPiece, 1, "MOPRO")};
  delta.upsert_prices = {MakePrice("2001", 199)};
  delta.delete_prices = {PriceKey{ArticleNumber("1001"), kT0}};
  delta.delete_articles = {ArticleNumber("1003")};
  return delta;
}

TEST(DeltaJsonTest, RoundTripKeepsEveryField) {
  CatalogDelta delta = FullDelta();
  Result<CatalogDelta> decoded = DecodeDelta(EncodeDelta(delta));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, delta);
}

TEST(DeltaJsonTest, DeepNestingIsRefusedBeforeTheParser) {
  std::string nested =
      R"({"from_version":0,"to_version":1,"articles":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
  Result<CatalogDelta> decoded = DecodeDelta(nested);
  ASSERT_FALSE(decoded.ok());
  EXPECT_TRUE(decoded.status().IsInvalidArgument());
  EXPECT_NE(decoded.status().message().find("nests deeper than"), std::string::npos) << decoded.status().ToString();
}

TEST(DeltaJsonTest, EmptyDeltaRoundTrips) {
  CatalogDelta delta;
  delta.to_version = 1;
  EXPECT_EQ(*DecodeDelta(EncodeDelta(delta)), delta);
}

TEST(DeltaJsonTest, CanonicalFormIsCompactSortedAndComplete) {
  CatalogDelta delta;
  delta.from_version = 1;
  delta.to_version = 2;
  delta.upsert_groups = {{ProductGroupId("DROG"), "Drogerie"}};
  delta.upsert_articles = {MakeArticle("2001", "Zahnpasta", {kDishSoapUpc}, 102, Unit::kKilogram, 1, "DROG")};
  delta.upsert_prices = {MakePrice("2001", 199, kT0, kT0 + kDay), MakePrice("2001", 149, kT0 + kDay)};
  EXPECT_EQ(
      EncodeDelta(delta),
      R"({"delete_articles":[],"delete_prices":[],"from_version":1,"to_version":2,)"
      R"("upsert_articles":[{"gtins":["036000291452"],"number":"2001","plu":102,"product_group":"DROG",)"
      R"("text":"Zahnpasta","unit":"kg","vat_key":1}],"upsert_groups":[{"id":"DROG","name":"Drogerie"}],)"
      R"("upsert_prices":[{"article":"2001","unit_price_cents":199,"valid_from_ms":1735689600000,)"
      R"("valid_to_ms":1735776000000},{"article":"2001","unit_price_cents":149,"valid_from_ms":1735776000000}]})");
}

TEST(DeltaJsonTest, DocumentedExampleDecodes) {  // docs/catalog.md, "Delta JSON"
  Result<CatalogDelta> decoded = DecodeDelta(R"(
{"delete_articles":["1003"],"delete_prices":[{"article":"1001","valid_from_ms":1735689600000}],
 "from_version":1,"to_version":2,
 "upsert_articles":[{"gtins":["4006381000017"],"number":"2001","plu":102,"product_group":"DROG",
                     "text":"Zahnpasta","unit":"piece","vat_key":1}],
 "upsert_groups":[{"id":"DROG","name":"Drogerie"}],
 "upsert_prices":[{"article":"2001","unit_price_cents":199,"valid_from_ms":1735689600000,
                   "valid_to_ms":1736294400000}]})");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->upsert_articles[0].gtins[0], "4006381000017");
  EXPECT_EQ(decoded->upsert_prices[0].valid_to_ms, kT0 + 7 * kDay);
}

TEST(DeltaJsonTest, NullOptionalMembersAreAbsent) {
  Json json = Json::parse(EncodeDelta(SmallDelta()));
  json["upsert_articles"][0]["plu"] = nullptr;
  json["upsert_prices"][0]["valid_to_ms"] = nullptr;
  Result<CatalogDelta> decoded = DecodeDelta(json.dump());
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_FALSE(decoded->upsert_articles[0].plu.has_value());
  EXPECT_FALSE(decoded->upsert_prices[0].valid_to_ms.has_value());
}

TEST(DeltaJsonTest, BrokenUtf8IsWrittenAsReplacementCharacter) {
  CatalogDelta delta = SmallDelta();
  delta.upsert_articles[0].text = "Zahnb\xFCrste";
  Result<CatalogDelta> decoded = DecodeDelta(EncodeDelta(delta));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->upsert_articles[0].text, "Zahnb\xEF\xBF\xBDrste");
}

struct BadJsonCase {
  const char* name;
  std::function<std::string(Json)> spoil;  // gets SmallDelta() as JSON, returns the text to decode
  Status::Code code;
  const char* field;
  const char* message_part;
};

void PrintTo(const BadJsonCase& c, std::ostream* os) { *os << c.name; }

std::function<std::string(Json)> Set(const Json::json_pointer& at, const Json& value) {
  return [at, value](Json json) {
    json[at] = value;
    return json.dump();
  };
}

std::function<std::string(Json)> Erase(const Json::json_pointer& parent, const std::string& member) {
  return [parent, member](Json json) {
    json[parent].erase(member);
    return json.dump();
  };
}

constexpr auto kInvalid = Status::Code::kInvalidArgument;

std::vector<BadJsonCase> BadJson() {
  using P = Json::json_pointer;
  return {
      {"NotJson", [](const Json&) { return std::string(R"({"from_version":1)"); }, kInvalid, "",
       "not valid JSON (at byte"},
      {"TrailingComma", [](const Json&) { return std::string(R"({"from_version":1,})"); }, kInvalid, "",
       "not valid JSON"},
      {"TrailingText", [](const Json& json) { return json.dump() + " {}"; }, kInvalid, "", "not valid JSON"},
      {"BrokenUtf8", [](const Json&) { return std::string("{\"from_version\":\"\xFC\"}"); }, kInvalid, "",
       "not valid JSON"},
      {"NotAnObject", [](const Json&) { return std::string("[]"); }, kInvalid, "", "must be a JSON object"},
      {"MissingToVersion", Erase(P(""), "to_version"), kInvalid, "to_version", "is required"},
      {"VersionAsString", Set(P("/from_version"), "1"), kInvalid, "from_version", "must be an integer"},
      {"VersionAsFloat", Set(P("/from_version"), 1.0), kInvalid, "from_version", "must be an integer"},
      {"VersionTooLarge", Set(P("/to_version"), UINT64_MAX), kInvalid, "to_version", "too large"},
      {"UnknownMember", Set(P("/deletes"), Json::array()), kInvalid, "deletes", "not a known field"},
      {"MissingList", Erase(P(""), "upsert_groups"), kInvalid, "upsert_groups", "is required"},
      {"NullList", Set(P("/upsert_prices"), nullptr), kInvalid, "upsert_prices", "is required"},
      {"ListAsObject", Set(P("/upsert_groups"), Json::object()), kInvalid, "upsert_groups", "must be a JSON array"},
      {"GroupAsString", Set(P("/upsert_groups"), Json::array({"DROG"})), kInvalid, "upsert_groups[0]",
       "must be a JSON object"},
      {"GroupWithoutName", Set(P("/upsert_groups"), Json::array({{{"id", "DROG"}}})), kInvalid, "upsert_groups[0].name",
       "is required"},
      {"GtinAsNumber", Set(P("/upsert_articles/0/gtins/1"), 36000291452), kInvalid, "upsert_articles[0].gtins[1]",
       "must be a string"},
      {"GtinsAsString", Set(P("/upsert_articles/0/gtins"), kMilkGtin), kInvalid, "upsert_articles[0].gtins",
       "must be a JSON array"},
      {"MissingText", Erase(P("/upsert_articles/0"), "text"), kInvalid, "upsert_articles[0].text", "is required"},
      {"UnknownArticleMember", Set(P("/upsert_articles/0/price"), 199), kInvalid, "upsert_articles[0].price",
       "not a known field"},
      {"UnknownUnit", Set(P("/upsert_articles/0/unit"), "Stück"), kInvalid, "upsert_articles[0].unit",
       R"(must be "piece", "kg", "l" or "m")"},
      {"PluAsString", Set(P("/upsert_articles/0/plu"), "4011"), kInvalid, "upsert_articles[0].plu",
       "must be an integer"},
      {"PluTooLarge", Set(P("/upsert_articles/0/plu"), 100'000), kInvalid, "upsert_articles[0].plu",
       "between 1 and 99999"},
      {"PluZero", Set(P("/upsert_articles/0/plu"), 0), kInvalid, "upsert_articles[0].plu", "between 1 and 99999"},
      {"VatKeyBeyondInt", Set(P("/upsert_articles/0/vat_key"), 4'294'967'297), kInvalid, "upsert_articles[0].vat_key",
       "between 1 and 2147483647"},
      {"PriceAsDecimal", Set(P("/upsert_prices/0/unit_price_cents"), 1.99), kInvalid,
       "upsert_prices[0].unit_price_cents", "must be an integer"},
      {"PriceInEuroMember", Set(P("/upsert_prices/0/unit_price"), 199), kInvalid, "upsert_prices[0].unit_price",
       "not a known field"},
      {"ValidToAsDate", Set(P("/upsert_prices/0/valid_to_ms"), "2025-01-02"), kInvalid, "upsert_prices[0].valid_to_ms",
       "must be an integer"},
      {"DeletedPriceWithoutStart", Erase(P("/delete_prices/0"), "valid_from_ms"), kInvalid,
       "delete_prices[0].valid_from_ms", "is required"},
      {"DeletedArticleAsNumber", Set(P("/delete_articles/0"), 1003), kInvalid, "delete_articles[0]",
       "must be a string"},
      {"RepeatedMember",
       [](const Json& json) {
         std::string text = json.dump();
         std::string member = R"("text":"Zahnpasta")";
         return text.replace(text.find(member), member.size(), member + R"(,"text":"Zahnbürste")");
       },
       kInvalid, "text", "appears twice"},
  };
}

class BadJsonTest : public ::testing::TestWithParam<BadJsonCase> {};

TEST_P(BadJsonTest, IsRefusedNamingTheField) {
  Result<CatalogDelta> decoded = DecodeDelta(GetParam().spoil(Json::parse(EncodeDelta(SmallDelta()))));
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), GetParam().code) << decoded.status().ToString();
  EXPECT_EQ(decoded.status().field(), GetParam().field) << decoded.status().ToString();
  EXPECT_NE(decoded.status().message().find(GetParam().message_part), std::string::npos) << decoded.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Deltas, BadJsonTest, ::testing::ValuesIn(BadJson()),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(DeltaJsonTest, TextOverTheLimitIsRefusedUnread) {
  std::string huge(kMaxDeltaBytes + 1, ' ');
  EXPECT_TRUE(DecodeDelta(huge).status().IsOutOfRange());
}

// Issue 10, item 4: a delta from a hostile server nested 100,000 levels deep.
TEST(DeltaJsonTest, DeepNestingIsRefusedBeforeParsing) {
  constexpr size_t kLevels = 100'000;
  std::string deep = R"({"from_version":0,"articles":)" + std::string(kLevels, '[') + std::string(kLevels, ']') + "}";
  Status refused = DecodeDelta(deep).status();
  EXPECT_TRUE(refused.IsInvalidArgument()) << refused.ToString();
  EXPECT_NE(refused.message().find("nests deeper"), std::string::npos) << refused.message();
}

TEST(DeltaFileTest, MissingFileIsNotFound) {
  TempDir dir;
  Status status = ReadDeltaFile(dir.File("no-such.json")).status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_EQ(status.field(), "path");
  EXPECT_TRUE(ReadDeltaFile(dir.path().string()).status().IsNotFound());  // a directory
}

TEST(DeltaFileTest, ReadsWhatWasWritten) {
  TempDir dir;
  std::ofstream(dir.File("delta.json")) << EncodeDelta(FullDelta());
  Result<CatalogDelta> read = ReadDeltaFile(dir.File("delta.json"));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, FullDelta());
}

TEST(DeltaFileTest, MalformedFileNamesTheField) {
  TempDir dir;
  std::ofstream(dir.File("delta.json")) << R"({"from_version":0,"to_version":"1"})";
  Status status = ReadDeltaFile(dir.File("delta.json")).status();
  EXPECT_EQ(status.field(), "to_version") << status.ToString();
}

}  // namespace
}  // namespace kasse::catalog
