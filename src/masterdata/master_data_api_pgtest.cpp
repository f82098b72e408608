// The master-data and catalog routes on both backends, through the router (no
// sockets): status codes, the error field, and that refusals change nothing.
#include <future>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/delta_json.h"
#include "masterdata/master_data_api.h"
#include "masterdata/testing/master_data_fixture.h"

namespace kasse::masterdata {
namespace {

using testing::WithCheckDigit;

constexpr const char* kAdmin = "Bearer admin-token";
constexpr const char* kStoreJson =
    R"({"name":"Filiale Mitte","time_zone":"Europe/Berlin",)"
    R"("address":{"street":"Hauptstraße 1","postcode":"10115","city":"Berlin","country":"DE"}})";

class MasterDataApiTest : public testing::MasterDataTest {
 protected:
  void SetUp() override {
    testing::MasterDataTest::SetUp();
    AddMasterDataRoutes(router_, *service_, [](std::string_view authorization) {
      return authorization == kAdmin ? Status::Ok() : Status::Unauthenticated("admin token required");
    });
    AddCatalogRoute(router_, *service_, [](std::string_view authorization) -> Result<RegisterId> {
      if (authorization.substr(0, 7) != "Device ") return Status::Unauthenticated("device credential required");
      return RegisterId(std::string(authorization.substr(7)));
    });
  }

  http::HttpResponse Call(const std::string& method, const std::string& path, const std::string& body = "",
                          const std::string& authorization = kAdmin, std::map<std::string, std::string> query = {}) {
    http::HttpRequest request;
    request.method = method;
    request.path = path;
    request.target = path;
    request.query = std::move(query);
    request.body = body;
    if (!authorization.empty()) request.headers["authorization"] = authorization;
    request.headers["content-type"] = method == "POST" && body != "{}" ? "text/csv; charset=utf-8" : "application/json";
    return router_.Handle(request);
  }

  static std::string FieldOf(const http::HttpResponse& response) {
    return nlohmann::json::parse(response.body)["error"]["field"].get<std::string>();
  }

  void AddStoreAndGroup() {
    ASSERT_EQ(Call("PUT", "/api/v1/stores/B1", kStoreJson).status, 200);
    ASSERT_EQ(Call("PUT", "/api/v1/product-groups/MOPRO", R"({"name":"Molkerei"})").status, 200);
  }

  http::Router router_;
};

struct BadRequest {
  std::string name;
  std::string method;
  std::string path;
  std::string body;
  int status;
  std::string field;
};

std::vector<BadRequest> BadRequests() {
  std::string gtin = WithCheckDigit("400638133393");
  return {
      {"MalformedJson", "PUT", "/api/v1/stores/B2", "{\"name\":", 400, "body"},
      {"WrongType", "PUT", "/api/v1/product-groups/OBST", R"({"name":5})", 400, "name"},
      {"BadValue", "PUT", "/api/v1/stores/B2", std::string(kStoreJson).replace(9, 13, "\\u0001"), 400, "name"},
      {"BadStoreIdInPath", "PUT", "/api/v1/stores/B%2", kStoreJson, 400, "store_id"},
      {"UnknownStoreOfRegister", "PUT", "/api/v1/registers/K-1", R"({"store_id":"X9","label":"Kasse 1"})", 404,
       "store_id"},
      {"UnknownArticle", "GET", "/api/v1/articles/nope", "", 404, "number"},
      {"UnknownGroupOfArticle", "PUT", "/api/v1/articles/1001",
       R"({"text":"Milch","gtins":[],"vat_key":1,"product_group":"NOPE","unit":"piece"})", 404, "product_group"},
      {"GtinOfAnotherArticle", "PUT", "/api/v1/articles/1002",
       R"({"text":"Milch","gtins":[")" + gtin + R"("],"vat_key":1,"product_group":"MOPRO","unit":"piece"})", 409,
       "gtins[0]"},
      {"PriceStartNotANumber", "PUT", "/api/v1/stores/B1/prices/1001/gestern", R"({"unit_price_cents":1})", 400,
       "valid_from_ms"},
      {"PriceOfUnknownArticle", "PUT", "/api/v1/stores/B1/prices/4711/0", R"({"unit_price_cents":1})", 404, "article"},
      {"NegativePrice", "PUT", "/api/v1/stores/B1/prices/1001/0", R"({"unit_price_cents":-1})", 400,
       "unit_price_cents"},
      {"UnknownPaymentKind", "PUT", "/api/v1/payment-types/paypal", R"({"name":"PayPal","kind":"Online"})", 400,
       "kind"},
      {"DeleteUnknownPrice", "DELETE", "/api/v1/stores/B1/prices/1001/5", "", 404, "valid_from_ms"},
      {"ImportNotCsv", "POST", "/api/v1/articles/import", "{}", 400, "content-type"},
      {"ImportWithBadRow", "POST", "/api/v1/articles/import", "number;text;vat_key;product_group\n1;;1;MOPRO\n", 400,
       "body"},
  };
}

TEST_P(MasterDataApiTest, EveryRouteNeedsTheAdminToken) {
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/organisation"},
                                                        {"PUT", "/api/v1/stores/B1"},
                                                        {"GET", "/api/v1/registers"},
                                                        {"GET", "/api/v1/vat-keys"},
                                                        {"GET", "/api/v1/payment-types"},
                                                        {"DELETE", "/api/v1/articles/1"},
                                                        {"POST", "/api/v1/articles/import"},
                                                        {"GET", "/api/v1/stores/B1/prices"}}) {
    EXPECT_EQ(Call(method, path, kStoreJson, "").status, 401) << method << " " << path;
    EXPECT_EQ(Call(method, path, kStoreJson, "Bearer wrong").status, 401) << method << " " << path;
  }
  EXPECT_TRUE(service_->store().GetStore(StoreId("B1")).status().IsNotFound());
}

TEST_P(MasterDataApiTest, BadRequestsAreRefusedWithTheirFieldAndChangeNothing) {
  AddStoreAndGroup();
  ASSERT_EQ(Call("PUT", "/api/v1/articles/1001",
                 R"({"text":"Milch","gtins":[")" + WithCheckDigit("400638133393") +
                     R"("],"vat_key":2,"product_group":"MOPRO","unit":"piece"})")
                .status,
            200);
  int64_t version = service_->feed().CurrentVersion().value();
  for (const BadRequest& bad : BadRequests()) {
    http::HttpResponse response = Call(bad.method, bad.path, bad.body);
    EXPECT_EQ(response.status, bad.status) << bad.name << ": " << response.body;
    EXPECT_EQ(FieldOf(response), bad.field) << bad.name << ": " << response.body;
  }
  EXPECT_EQ(service_->feed().CurrentVersion().value(), version);
  EXPECT_TRUE(service_->store().GetStore(StoreId("B2")).status().IsNotFound());
  EXPECT_EQ(Call("GET", "/api/v1/stores", "", kAdmin, {{"limit", "0"}}).status, 400);
}

TEST_P(MasterDataApiTest, PutAnswersWithTheStoredRecord) {
  AddStoreAndGroup();
  http::HttpResponse put = Call("PUT", "/api/v1/stores/B1", kStoreJson);
  nlohmann::json store = nlohmann::json::parse(put.body);
  EXPECT_EQ(store["store_id"], "B1");
  EXPECT_EQ(Call("GET", "/api/v1/stores/B1").body, put.body);
  EXPECT_EQ(Call("PUT", "/api/v1/stores/B1", put.body).status, 200);  // a GET answer can be PUT back
  http::HttpResponse price = Call("PUT", "/api/v1/articles/1001",
                                  R"({"text":"Milch","gtins":[],"vat_key":2,"product_group":"MOPRO","unit":"piece"})");
  ASSERT_EQ(price.status, 200) << price.body;
  price = Call("PUT", "/api/v1/stores/B1/prices/1001/0", R"({"unit_price_cents":119})");
  ASSERT_EQ(price.status, 200) << price.body;
  EXPECT_EQ(price.body, R"({"article":"1001","store_id":"B1","unit_price_cents":119,"valid_from_ms":0})");
  EXPECT_EQ(nlohmann::json::parse(Call("GET", "/api/v1/vat-keys").body)["items"][0]["rate_bp"], 1900);
  EXPECT_EQ(Call("DELETE", "/api/v1/articles/1001").status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/stores/B1/prices/1001/0").status, 404);
}

TEST_P(MasterDataApiTest, ImportAnswersWithTheBadRows) {
  AddStoreAndGroup();
  http::HttpResponse response =
      Call("POST", "/api/v1/articles/import", "number;text;vat_key;product_group\n1;;1;MOPRO\n2;B;1;NOPE\n");
  ASSERT_EQ(response.status, 400);
  nlohmann::json body = nlohmann::json::parse(response.body);
  ASSERT_EQ(body["rows"].size(), 2u);
  EXPECT_EQ(body["rows"][0]["line"], 2);
  EXPECT_EQ(body["rows"][0]["field"], "text");
  EXPECT_EQ(body["rows"][1]["line"], 3);
  EXPECT_EQ(body["more_rows"], 0);
  response = Call("POST", "/api/v1/articles/import", "number;text;vat_key;product_group\n1;A;1;MOPRO\n", kAdmin,
                  {{"dry_run", "true"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(nlohmann::json::parse(response.body)["dry_run"], true);
  EXPECT_EQ(Call("GET", "/api/v1/articles/1").status, 404);
  EXPECT_EQ(Call("POST", "/api/v1/articles/import", "x", kAdmin, {{"dry_run", "vielleicht"}}).status, 400);
}

TEST_P(MasterDataApiTest, CatalogRouteAnswersOnlyRegistersOfThatStore) {
  AddStoreAndGroup();
  ASSERT_EQ(Call("PUT", "/api/v1/stores/L1", kStoreJson).status, 200);
  ASSERT_EQ(Call("PUT", "/api/v1/registers/K-1", R"({"store_id":"B1","label":"Kasse 1"})").status, 200);
  auto poll = [&](const std::string& store, const std::string& auth, std::map<std::string, std::string> query) {
    return Call("GET", "/api/v1/stores/" + store + "/catalog", "", auth, std::move(query));
  };
  EXPECT_EQ(poll("B1", "", {{"since", "0"}}).status, 401);
  EXPECT_EQ(poll("L1", "Device K-1", {{"since", "0"}}).status, 403);
  EXPECT_EQ(poll("B1", "Device K-9", {{"since", "0"}}).status, 403);
  EXPECT_EQ(poll("X9", "Device K-1", {{"since", "0"}}).status, 404);
  http::HttpResponse bad = poll("B1", "Device K-1", {{"since", "-1"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(FieldOf(bad), "since");
  EXPECT_EQ(FieldOf(poll("B1", "Device K-1", {{"since", "0"}, {"wait", "121"}})), "wait");
  EXPECT_EQ(FieldOf(poll("B1", "Device K-1", {})), "since");

  http::HttpResponse snapshot = poll("B1", "Device K-1", {{"since", "0"}, {"wait", "25"}});
  ASSERT_EQ(snapshot.status, 200) << snapshot.body;
  EXPECT_EQ(snapshot.headers, (std::vector<std::pair<std::string, std::string>>{{"Cache-Control", "no-store"}}));
  Result<catalog::CatalogDelta> delta = catalog::DecodeDelta(snapshot.body);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->upsert_groups.size(), 1u);
  http::HttpResponse nothing = poll("B1", "Device K-1", {{"since", std::to_string(delta->to_version)}, {"wait", "0"}});
  EXPECT_EQ(nothing.status, 204);
  EXPECT_TRUE(nothing.body.empty());

  // With wait > 0 the poll is held and answered by the next commit that concerns the store.
  http::HttpResponse held = poll("B1", "Device K-1", {{"since", std::to_string(delta->to_version)}, {"wait", "25"}});
  ASSERT_NE(held.deferred, nullptr);
  EXPECT_EQ(held.deferred->timeout, std::chrono::seconds(25));
  EXPECT_EQ(held.deferred->on_timeout().status, 204);
  std::promise<http::HttpResponse> answered;
  held.deferred->start([&](http::HttpResponse response) { answered.set_value(std::move(response)); });
  ASSERT_EQ(Call("PUT", "/api/v1/product-groups/OBST", R"({"name":"Obst"})").status, 200);
  std::future<http::HttpResponse> future = answered.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  http::HttpResponse change = future.get();
  EXPECT_EQ(change.status, 200);
  EXPECT_EQ(catalog::DecodeDelta(change.body).value().upsert_groups.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MasterDataApiTest,
                         ::testing::Values(storage::SqlDialect::kSqlite, storage::SqlDialect::kPostgres),
                         testing::BackendTestName);

}  // namespace
}  // namespace kasse::masterdata
