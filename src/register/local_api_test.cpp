#include "register/local_api.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/detail/test_records.h"
#include "http/client.h"
#include "http/server.h"
#include "register/sync_client.h"
#include "register/testing/till.h"

namespace kasse::reg {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test vocabulary
using Json = nlohmann::json;
namespace records = catalog::test_records;

class LocalApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    till_ = std::make_unique<Till>(dir_);
    till_->clock.Set(records::kT0 + records::kDay);
    catalog_ = std::make_unique<catalog::Catalog>(*catalog::Catalog::Open(dir_.File("catalog.db"), till_->vat));
    ASSERT_TRUE(catalog_->Apply(records::StoreDelta()).ok());
    LocalApiConfig config;
    config.seller = {"Muster Markt GmbH",
                     "Filiale Mitte",
                     "Hauptstr. 1",
                     "10115",
                     "Berlin",
                     "DE123456789",
                     "",
                     RegisterId("K-0101-01"),
                     ""};
    config.manager_ids = {"M1"};
    config.printer = [this](const std::string& bytes) { printed_ += bytes; };
    config.api_token = kToken;
    api_ = std::make_unique<LocalApi>(config, till_->vat, *till_->service, *till_->store, *catalog_, nullptr,
                                      till_->clock);
    http::HttpServer::Options options;
    options.max_body_bytes = 64 * 1024;
    server_ = std::make_unique<http::HttpServer>(options, [this](http::HttpRequest& r) { return api_->Handle(r); });
    ASSERT_TRUE(server_->Start().ok());
    api_->set_port(server_->port());
    client_ = std::make_unique<http::HttpClient>("127.0.0.1", server_->port());
  }

  static constexpr const char* kToken = "till-secret";

  // As the cashier screen calls: with the API token.
  http::HttpResponse Call(const std::string& method, const std::string& path, const std::string& body = "") {
    return CallWith(method, path, body, {{"X-Kasse-Register-Token", kToken}});
  }
  http::HttpResponse CallWith(const std::string& method, const std::string& path, const std::string& body,
                              const std::vector<std::pair<std::string, std::string>>& headers) {
    Result<http::HttpResponse> response = client_->Send(method, path, body, headers);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    return *response;
  }
  Json CallJson(const std::string& method, const std::string& path, const std::string& body = "", int expected = 200) {
    http::HttpResponse response = Call(method, path, body);
    EXPECT_EQ(response.status, expected) << method << " " << path << " " << body << " -> " << response.body;
    return Json::parse(response.body);
  }
  void OpenShift() {
    CallJson("POST", "/api/shift/open", R"({"cashier_id":"7","cashier_name":"Anna","opening_float":"100.00"})");
  }

  TempDir dir_;
  std::unique_ptr<Till> till_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<LocalApi> api_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<http::HttpClient> client_;
  std::string printed_;
};

TEST_F(LocalApiTest, ScanPayAndPrintAReceipt) {
  OpenShift();
  Json sale = CallJson("POST", "/api/sale/items", Json{{"code", records::kMilkGtin}, {"quantity", "2"}}.dump());
  EXPECT_EQ(sale["sale"]["total"], "2.38");
  sale = CallJson("POST", "/api/sale/items", R"({"code":"4011","quantity":"0,755"})");  // apples by PLU, weighed
  EXPECT_EQ(sale["sale"]["total"], "3.88");  // 2.38 + 1.99 × 0.755 = 1.50245
  Json done = CallJson("POST", "/api/sale/payments", R"({"method":"cash","amount":"5.00","settle":true})");
  EXPECT_EQ(done["entry"]["payload"]["total_cents"], 388);
  const std::string text = done["receipt_text"];
  EXPECT_NE(text.find("SUMME EUR"), std::string::npos) << text;
  EXPECT_NE(text.find("TSE-Signaturzähler"), std::string::npos);
  EXPECT_NE(printed_.find("\x1d(k"), std::string::npos);  // the QR code went to the printer
  int64_t number = done["entry"]["payload"]["receipt_number"];
  http::HttpResponse html = Call("GET", "/api/receipts/" + std::to_string(number) + "?format=html");
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("Vollmilch"), std::string::npos);
  Json json = CallJson("GET", "/api/receipts/" + std::to_string(number) + "?format=json");
  EXPECT_TRUE(json.contains("tse"));
  EXPECT_TRUE(CallJson("GET", "/api/sale")["sale"].is_null());
}

struct BadCall {
  std::string name;
  std::string method;
  std::string path;
  std::string body;
  int status;
  std::string field;
};

class LocalApiRejectTest : public LocalApiTest, public ::testing::WithParamInterface<BadCall> {};

TEST_P(LocalApiRejectTest, AnswersAClearErrorAndLeavesTheSaleUnchanged) {
  OpenShift();
  CallJson("POST", "/api/sale/items", Json{{"code", records::kMilkGtin}}.dump());
  std::string before = CallJson("GET", "/api/sale").dump();
  const BadCall& call = GetParam();
  Json error = CallJson(call.method, call.path, call.body, call.status);
  ASSERT_TRUE(error.contains("error")) << error.dump();
  EXPECT_EQ(error["error"]["field"], call.field) << error.dump();
  EXPECT_FALSE(error["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(CallJson("GET", "/api/sale").dump(), before);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LocalApiRejectTest,
    ::testing::Values(
        BadCall{"MalformedJson", "POST", "/api/sale/items", "{\"code\":", 400, ""},
        BadCall{"UnknownGtin", "POST", "/api/sale/items", R"({"code":"4000000000006"})", 404, "gtin"},
        BadCall{"BadCheckDigit", "POST", "/api/sale/items", R"({"code":"4006381333932"})", 400, ""},
        BadCall{"ZeroQuantity", "POST", "/api/sale/items", R"({"code":"4006381333931","quantity":"0"})", 400,
                "lines[1].quantity"},
        BadCall{"NegativeQuantity", "POST", "/api/sale/items", R"({"code":"4006381333931","quantity":"-2"})", 400,
                "quantity"},
        BadCall{"FractionalPieces", "POST", "/api/sale/items", R"({"code":"4006381333931","quantity":"1,5"})", 400, ""},
        BadCall{"WeighedWithoutWeight", "POST", "/api/sale/items", R"({"code":"4011"})", 400, "quantity"},
        BadCall{"NothingToAdd", "POST", "/api/sale/items", "{}", 400, "code"},
        BadCall{"CodeNotAString", "POST", "/api/sale/items", R"({"code":4006381333931})", 400, "code"},
        BadCall{"PaymentNotCovering", "POST", "/api/sale/payments",
                R"({"method":"cash","amount":"0.50","settle":true})", 400, "amount"},
        BadCall{"CardOverpays", "POST", "/api/sale/payments", R"({"method":"girocard","amount":"5.00"})", 400,
                "payments[0].amount"},
        BadCall{"AbsurdCashTender", "POST", "/api/sale/payments", R"({"method":"cash","amount":"99999999999999.99"})",
                400, "amount"},
        BadCall{"UnknownMethod", "POST", "/api/sale/payments", R"({"method":"bitcoin","amount":"1.19"})", 400,
                "method"},
        BadCall{"AmountWithThreeDecimals", "POST", "/api/sale/payments", R"({"method":"cash","amount":"1.199"})", 400,
                "amount"},
        BadCall{"DiscountWithoutManager", "POST", "/api/sale/discount", R"({"amount":"0.10","manager_id":"7",
                "reason":"x"})",
                400, "manager_id"},
        BadCall{"DiscountWithoutReason", "POST", "/api/sale/lines/1/discount",
                R"({"amount":"0.10","manager_id":"M1","reason":""})", 400, "approval.reason"},
        BadCall{"UnknownLine", "DELETE", "/api/sale/lines/9", "", 404, "line"},
        BadCall{"LineZero", "PUT", "/api/sale/lines/0", R"({"quantity":"1"})", 400, "line"},
        BadCall{"HostileText", "POST", "/api/sale/items", "{\"code\":\"<script>\\u0000\"}", 400, ""},
        BadCall{"UnknownParkedSale", "POST", "/api/parked/77/resume", "", 409, "sale"},
        BadCall{"UnknownCashKind", "POST", "/api/cash", R"({"kind":"Taschengeld","amount":"1.00"})", 400, "kind"},
        BadCall{"WrongMethod", "GET", "/api/sale/payments", "", 405, "method"},
        BadCall{"UnknownRoute", "GET", "/api/nothing", "", 404, "path"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST_F(LocalApiTest, OversizedBodyIsRefused) {
  OpenShift();
  http::HttpResponse response = Call("POST", "/api/sale/items", std::string(100 * 1024, ' '));
  EXPECT_EQ(response.status, 413);
  EXPECT_TRUE(CallJson("GET", "/api/sale")["sale"].is_null());
}

TEST_F(LocalApiTest, StatusShowsShiftTseAndSync) {
  Json status = CallJson("GET", "/api/status");
  EXPECT_EQ(status["register_id"], "K-0101-01");
  EXPECT_FALSE(status["shift"]["open"]);
  EXPECT_TRUE(status["tse"]["ok"]);
  EXPECT_EQ(status["sync"]["last_error"], "no server configured");
  EXPECT_EQ(status["catalog_version"], 1);
}

// The status counts what the journal holds, not what the sync client saw at its
// last upload: entries written since are pending (here the client never ran).
TEST_F(LocalApiTest, StatusCountsEntriesTheSyncClientHasNotSeenYet) {
  std::unique_ptr<JournalStore> outbox = *JournalStore::Open(dir_.File("register.db"), {});
  SyncClient::Options options;
  options.server_url = "http://127.0.0.1:1";
  std::unique_ptr<SyncClient> sync = *SyncClient::Create(options, RegisterId("K-0101-01"), *outbox, till_->clock);
  LocalApiConfig config;
  config.api_token = kToken;
  LocalApi api(config, till_->vat, *till_->service, *till_->store, *catalog_, sync.get(), till_->clock);
  OpenShift();  // shift opened, opening float: two entries
  http::HttpRequest request;
  request.method = "GET";
  request.target = request.path = "/api/status";
  request.headers["host"] = "127.0.0.1";
  Json status = Json::parse(api.Handle(request).body);
  EXPECT_EQ(status["sync"]["last_seq"], 2) << status.dump();
  EXPECT_EQ(status["sync"]["acked_seq"], 0);
  EXPECT_EQ(status["sync"]["backlog"], 2);
}

TEST_F(LocalApiTest, ParkReturnAndCash) {
  OpenShift();
  CallJson("POST", "/api/sale/items", Json{{"code", records::kMilkGtin}}.dump());
  Json parked = CallJson("POST", "/api/sale/park");
  EXPECT_EQ(CallJson("GET", "/api/parked")["parked"].size(), 1u);
  CallJson("POST", "/api/parked/" + std::to_string(parked["slot"].get<int64_t>()) + "/resume");
  Json done = CallJson("POST", "/api/sale/payments", R"({"method":"girocard","amount":"1.19"})");
  int64_t sold = done["entry"]["payload"]["receipt_number"];
  CallJson("POST", "/api/returns", Json{{"receipt_number", sold}}.dump());
  CallJson("POST", "/api/sale/returned-lines", R"({"line":1,"quantity":"1"})");
  Json refund = CallJson("POST", "/api/sale/payments", R"({"method":"cash","amount":"-1.19"})");
  EXPECT_EQ(refund["entry"]["payload"]["original"]["receipt_id"], std::to_string(sold));
  Json cash = CallJson("POST", "/api/cash", R"({"kind":"Geldtransit","amount":"-50.00","note":"Tresor"})");
  EXPECT_EQ(cash["entry"]["kind"], "cash_movement");
  Json closed = CallJson("POST", "/api/shift/close", R"({"counted_cash":"48.81"})");
  EXPECT_EQ(closed["entry"]["payload"]["difference_cents"], 0);
  EXPECT_NE(closed["receipt_text"].get<std::string>().find("Z"), std::string::npos);
}

// Issue 10, item 8: what a web page open in the cashier's browser can send. Each
// forgery would change the till if accepted (its precondition is set up first),
// and is refused with nothing journaled and the sale unchanged.
enum class Before { kNothing, kShift, kSale };

struct Forgery {
  std::string name;
  Before before;
  std::string path;
  std::string body;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Disguise {
  std::string name;
  Headers headers;  // "{port}" in a value becomes the API's port
  int status;
};

class LocalApiForgeryTest : public LocalApiTest, public ::testing::WithParamInterface<std::tuple<Forgery, Disguise>> {};

TEST_P(LocalApiForgeryTest, IsRefusedAndJournalsNothing) {
  const auto& [forgery, disguise] = GetParam();
  if (forgery.before != Before::kNothing) OpenShift();
  if (forgery.before == Before::kSale) CallJson("POST", "/api/sale/items", Json{{"code", records::kMilkGtin}}.dump());
  int64_t seq = *till_->store->LastSeq();
  std::string sale = CallJson("GET", "/api/sale").dump();
  Headers headers;
  for (auto [name, value] : disguise.headers) {
    if (size_t at = value.find("{port}"); at != std::string::npos) {
      value.replace(at, 6, std::to_string(server_->port()));
    }
    headers.emplace_back(name, value);
  }
  http::HttpResponse response = CallWith("POST", forgery.path, forgery.body, headers);
  EXPECT_EQ(response.status, disguise.status) << response.body;
  EXPECT_NE(response.body.find("\"error\""), std::string::npos) << response.body;
  EXPECT_EQ(*till_->store->LastSeq(), seq);
  EXPECT_EQ(CallJson("GET", "/api/sale").dump(), sale);
  EXPECT_TRUE(printed_.find("Mallory") == std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Issue10, LocalApiForgeryTest,
    ::testing::Combine(
        ::testing::Values(
            Forgery{"OpenShift", Before::kNothing, "/api/shift/open",
                    R"({"cashier_id":"666","cashier_name":"Mallory","opening_float":"0.00"})"},
            Forgery{"AddItems", Before::kShift, "/api/sale/items", R"({"code":"4006381333931","quantity":"5"})"},
            Forgery{"ManagerDiscount", Before::kSale, "/api/sale/discount",
                    R"({"amount":"1.00","manager_id":"M1","reason":"web page"})"},
            Forgery{"CashPayment", Before::kSale, "/api/sale/payments", R"({"method":"cash","amount":"5.00"})"},
            Forgery{"Privatentnahme20Eur", Before::kShift, "/api/cash",
                    R"({"kind":"Privatentnahme","amount":"-20.00","note":"Mallory"})"},
            Forgery{"CloseShift", Before::kShift, "/api/shift/close", R"({"counted_cash":"0.00"})"}),
        ::testing::Values(
            // A DNS-rebinding page: its own host name, its own origin, a simple request.
            Disguise{
                "Rebinding",
                {{"Host", "evil.example:{port}"}, {"Origin", "http://evil.example"}, {"Content-Type", "text/plain"}},
                403},
            Disguise{"RebindingWithoutPort",
                     {{"Host", "evil.example"}, {"Origin", "http://evil.example"}, {"Content-Type", "text/plain"}},
                     403},
            // A cross-site form or fetch to http://127.0.0.1:port: the right host, a foreign origin.
            Disguise{"CrossSite",
                     {{"Host", "127.0.0.1:{port}"}, {"Origin", "http://evil.example"}, {"Content-Type", "text/plain"}},
                     403},
            Disguise{"ForeignOriginEvenAsJson",
                     {{"Host", "localhost:{port}"},
                      {"Origin", "http://evil.example"},
                      {"Content-Type", "application/json"},
                      {"X-Kasse-Register-Token", "till-secret"}},
                     403},
            Disguise{"LocalhostOnAnotherPort", {{"Host", "127.0.0.1:{port}"}, {"Origin", "http://127.0.0.1:1"}}, 403},
            // No Origin (a client that strips it): the body must still be declared JSON...
            Disguise{"TextPlainBody", {{"Host", "127.0.0.1:{port}"}, {"Content-Type", "text/plain"}}, 415},
            // ...and a change needs the token.
            Disguise{"JsonWithoutToken", {{"Host", "127.0.0.1:{port}"}, {"Content-Type", "application/json"}}, 401},
            Disguise{"JsonWithWrongToken",
                     {{"Host", "[::1]:{port}"},
                      {"Content-Type", "application/json"},
                      {"X-Kasse-Register-Token", "till-secreT"}},
                     401},
            Disguise{"BearerWithWrongToken",
                     {{"Host", "localhost:{port}"},
                      {"Content-Type", "application/json; charset=utf-8"},
                      {"Authorization", "Bearer till-secret-and-more"}},
                     401})),
    [](const auto& param_info) {
      return std::get<0>(param_info.param).name + "_" + std::get<1>(param_info.param).name;
    });

TEST_F(LocalApiTest, TheOwnOriginWithTheTokenMayWorkTheTill) {
  std::string port = std::to_string(server_->port());
  Headers headers{{"Host", "localhost:" + port},
                  {"Origin", "http://localhost:" + port},
                  {"Content-Type", "application/json"},
                  {"Authorization", std::string("Bearer ") + kToken}};
  http::HttpResponse opened = CallWith("POST", "/api/shift/open",
                                       R"({"cashier_id":"7","cashier_name":"Anna","opening_float":"100.00"})", headers);
  EXPECT_EQ(opened.status, 200) << opened.body;
  // A GET reads without the token, from the API's own origin or with no Origin at all.
  http::HttpResponse status = CallWith("GET", "/api/status", "", {{"Host", "127.0.0.1:" + port}});
  EXPECT_EQ(status.status, 200) << status.body;
}

// A DNS-rebinding page makes the browser treat the till as its own site: it could
// read every receipt. The Host header gives it away.
TEST_F(LocalApiTest, ADnsRebindingPageCannotReadAReceipt) {
  OpenShift();
  CallJson("POST", "/api/sale/items", Json{{"code", records::kMilkGtin}}.dump());
  Json done = CallJson("POST", "/api/sale/payments", R"({"method":"cash","amount":"5.00","settle":true})");
  std::string path = "/api/receipts/" + std::to_string(done["entry"]["payload"]["receipt_number"].get<int64_t>());
  std::string port = std::to_string(server_->port());
  for (const Headers& headers : {Headers{{"Host", "evil.example:" + port}},
                                 Headers{{"Host", "evil.example:" + port}, {"Origin", "http://evil.example:" + port}},
                                 Headers{{"Host", "127.0.0.1.evil.example:" + port}}, Headers{{"Host", ""}}}) {
    http::HttpResponse response = CallWith("GET", path + "?format=json", "", headers);
    EXPECT_EQ(response.status, 403) << headers[0].second;
    EXPECT_EQ(response.body.find("Vollmilch"), std::string::npos) << response.body;
  }
  EXPECT_EQ(Call("GET", path).status, 200);
}

// Issue 10, item 9, its steps: a return against a receipt holding 1 × article 1001,
// then article 1002 with quantity -1: refused, nothing paid out.
TEST_F(LocalApiTest, AReturnRefusesAnArticleThatWasNotSold) {
  OpenShift();
  CallJson("POST", "/api/sale/items", R"({"article":"1001"})");
  Json sold = CallJson("POST", "/api/sale/payments", R"({"method":"cash","amount":"1.19","settle":true})");
  int64_t number = sold["entry"]["payload"]["receipt_number"];
  int64_t seq = *till_->store->LastSeq();
  CallJson("POST", "/api/returns", Json{{"receipt_number", number}}.dump());
  Json refused = CallJson("POST", "/api/sale/items", R"({"article":"1002","quantity":"-1"})", 400);
  EXPECT_EQ(refused["error"]["field"], "article") << refused.dump();
  EXPECT_TRUE(CallJson("GET", "/api/sale")["sale"]["lines"].empty());
  // Issue 10, item 10: the empty return is left by abort, journaling nothing.
  Json left = CallJson("POST", "/api/sale/abort");
  EXPECT_TRUE(left["sale"].is_null()) << left.dump();
  EXPECT_TRUE(CallJson("GET", "/api/sale")["sale"].is_null());
  EXPECT_EQ(*till_->store->LastSeq(), seq);
}

TEST_F(LocalApiTest, DeeplyNestedBodyIsRefused) {
  OpenShift();
  http::HttpResponse response =
      Call("POST", "/api/sale/items", R"({"code":)" + std::string(20'000, '[') + std::string(20'000, ']') + "}");
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_NE(response.body.find("nests deeper"), std::string::npos) << response.body;
  EXPECT_TRUE(CallJson("GET", "/api/sale")["sale"].is_null());
}

}  // namespace
}  // namespace kasse::reg
