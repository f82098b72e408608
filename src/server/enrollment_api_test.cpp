// The enrollment routes (journal_api.h): the admin's one-time code and the
// register's exchange of it for a device credential, including every kind of
// bad request (a register not in the master data among them), each answered with
// a JSON error and nothing created.
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/temp_dir.h"
#include "http/router.h"
#include "masterdata/master_data_store.h"
#include "masterdata/testing/master_data_fixture.h"
#include "ops/json_log.h"
#include "server/credentials.h"
#include "server/journal_api.h"
#include "server/server_database.h"

namespace kasse::server {
namespace {

constexpr int64_t kNow = 1'796'000'000'000;  // 2026-11-28

class EnrollmentApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = *OpenServerDatabase(dir_.File("server.db"), 2);
    credentials_ = std::make_unique<Credentials>(*pool_, clock_);
    admin_ = **credentials_->CreateAdminTokenIfNone();
    master_data_ = std::make_unique<masterdata::MasterDataStore>(*pool_);
    ASSERT_TRUE(master_data_->PutStore(masterdata::testing::MakeStore("B1")).ok());
    ASSERT_TRUE(master_data_->PutRegister(masterdata::testing::MakeRegister("K-0101-01", "B1")).ok());
    AddEnrollmentRoutes(router_, *credentials_, *master_data_, log_);
  }

  http::HttpResponse Post(const std::string& path, const std::string& body, const std::string& token) {
    http::HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.path = path;
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    request.body = body;
    return router_.Handle(request);
  }
  http::HttpResponse CreateCode(const std::string& body) { return Post("/api/v1/enrollments", body, admin_); }
  int64_t Codes() { return (*(*pool_->Acquire())->QueryValue("SELECT COUNT(*) FROM enrollment_codes"))->AsInt(); }

  TempDir dir_;
  FakeClock clock_{kNow};
  std::ostringstream log_out_;
  ops::Logger log_{log_out_, ops::LogLevel::kInfo, clock_};
  std::unique_ptr<storage::SqlPool> pool_;
  std::unique_ptr<Credentials> credentials_;
  std::unique_ptr<masterdata::MasterDataStore> master_data_;
  std::string admin_;
  http::Router router_;
};

TEST_F(EnrollmentApiTest, CodeIsExchangedOnceForADeviceCredential) {
  http::HttpResponse created = CreateCode(R"({"register_id":"K-0101-01"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string code = nlohmann::json::parse(created.body)["code"];
  http::HttpResponse enrolled = Post("/api/v1/enroll", R"({"code":")" + code + R"(","device_id":"pos-1"})", "");
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  std::string token = nlohmann::json::parse(enrolled.body)["token"];
  EXPECT_EQ(*credentials_->Authenticate("Bearer " + token), RegisterId("K-0101-01"));
  // Used once: a second device with the same code is refused.
  http::HttpResponse again = Post("/api/v1/enroll", R"({"code":")" + code + R"(","device_id":"pos-2"})", "");
  EXPECT_GE(again.status, 400);
  EXPECT_LT(again.status, 500);
  EXPECT_NE(log_out_.str().find("enrollment refused"), std::string::npos);
}

TEST_F(EnrollmentApiTest, BadCodeRequestsAreRefusedAndCreateNothing) {
  struct Case {
    const char* name;
    std::string body;
    std::string token;
    int status;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"NoAdminToken", R"({"register_id":"K-0101-01"})", "", 401, ""},
      {"WrongAdminToken", R"({"register_id":"K-0101-01"})", "not-the-admin", 401, ""},
      {"NotJson", "{register_id:", admin_, 400, "register_id"},
      {"NotAnObject", R"(["K-0101-01"])", admin_, 400, "register_id"},
      {"NoRegister", R"({"replace_device":true})", admin_, 400, "register_id"},
      {"RegisterNotAString", R"({"register_id":101})", admin_, 400, "register_id"},
      {"HostileRegisterId", R"({"register_id":"K-01'; DROP TABLE devices;--"})", admin_, 400, "register_id"},
      {"RegisterNotInMasterData", R"({"register_id":"K-0101-09"})", admin_, 404, "register_id"},
      {"ReplaceDeviceNotABoolean", R"({"register_id":"K-0101-01","replace_device":"yes"})", admin_, 400,
       "replace_device"},
  };
  for (const Case& c : cases) {
    http::HttpResponse response = Post("/api/v1/enrollments", c.body, c.token);
    EXPECT_EQ(response.status, c.status) << c.name << ": " << response.body;
    nlohmann::json error = nlohmann::json::parse(response.body, nullptr, false);
    ASSERT_TRUE(error.is_object() && error.contains("error")) << c.name << ": " << response.body;
    if (*c.field != '\0') {
      EXPECT_EQ(error["error"]["field"], c.field) << c.name << ": " << response.body;
    }
  }
  EXPECT_EQ(Codes(), 0);
}

TEST_F(EnrollmentApiTest, BadExchangeRequestsAreRefused) {
  for (const std::string& body :
       {std::string("not json"), std::string(R"({"code":"abc"})"), std::string(R"({"code":7,"device_id":"pos"})"),
        std::string(R"({"code":"no-such-code","device_id":"pos"})")}) {
    http::HttpResponse response = Post("/api/v1/enroll", body, "");
    EXPECT_GE(response.status, 400) << body;
    EXPECT_LT(response.status, 500) << body << ": " << response.body;
  }
  EXPECT_EQ((*(*pool_->Acquire())->QueryValue("SELECT COUNT(*) FROM devices"))->AsInt(), 0);
}

TEST_F(EnrollmentApiTest, DeeplyNestedBodiesAreRefusedBeforeTheParser) {
  const std::string nested = R"({"code":)" + std::string(60'000, '[') + std::string(60'000, ']') + "}";
  for (const auto& [path, token] : {std::pair<std::string, std::string>("/api/v1/enroll", ""),
                                    std::pair<std::string, std::string>("/api/v1/enrollments", admin_)}) {
    http::HttpResponse response = Post(path, nested, token);
    EXPECT_EQ(response.status, 400) << path;
    EXPECT_NE(response.body.find("nests deeper than"), std::string::npos) << path << ": " << response.body;
  }
  EXPECT_EQ(Codes(), 0);
}

TEST_F(EnrollmentApiTest, AHugeDeviceIdIsLoggedCut) {
  const std::string device_id(8 * 1024 * 1024, 'd');
  http::HttpResponse response =
      Post("/api/v1/enroll", R"({"code":"no-such-code","device_id":")" + device_id + "\"}", "");
  EXPECT_EQ(response.status, 400) << response.body.substr(0, 300);
  std::string log = log_out_.str();
  ASSERT_NE(log.find("enrollment refused"), std::string::npos);
  EXPECT_LT(log.size(), 1024u) << log.substr(0, 2000);
}

}  // namespace
}  // namespace kasse::server
