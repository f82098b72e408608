// The operator's routes for a register's journal (register_admin_api.h): releasing
// quarantined entries of a register in CONFLICT and pinning a new signing unit,
// with every kind of bad request answered with a JSON error and nothing changed.
#include "server/register_admin_api.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/temp_dir.h"
#include "crypto/base64.h"
#include "crypto/ec_private_key.h"
#include "masterdata/testing/master_data_fixture.h"
#include "server/credentials.h"
#include "server/journal_store.h"
#include "server/server_database.h"

namespace kasse::server {
namespace {

constexpr int64_t kNow = 1'796'000'000'000;  // 2026-11-28
using Json = nlohmann::json;

class RegisterAdminApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = *OpenServerDatabase(dir_.File("server.db"), 2);
    credentials_ = std::make_unique<Credentials>(*pool_, clock_);
    admin_ = **credentials_->CreateAdminTokenIfNone();
    master_data_ = std::make_unique<masterdata::MasterDataStore>(*pool_);
    ASSERT_TRUE(master_data_->PutStore(masterdata::testing::MakeStore("B1")).ok());
    ASSERT_TRUE(master_data_->PutRegister(masterdata::testing::MakeRegister("K-0101-01", "B1")).ok());
    Credentials* credentials = credentials_.get();
    AddRegisterAdminRoutes(
        router_, {*pool_, *master_data_,
                  [credentials](std::string_view authorization) { return credentials->CheckAdmin(authorization); },
                  log_, clock_});
    crypto::EcPrivateKey key = *crypto::EcPrivateKey::Generate(crypto::Curve::kP256);
    public_key_ = crypto::Base64Encode(key.PublicKey());
  }

  http::HttpResponse Call(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& token) {
    http::HttpRequest request;
    request.method = method;
    request.target = path;
    request.path = path;
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    request.body = body;
    return router_.Handle(request);
  }
  http::HttpResponse Pin(const std::string& body, const std::string& register_id = "K-0101-01") {
    return Call("PUT", "/api/v1/registers/" + register_id + "/signing-unit", body, admin_);
  }
  http::HttpResponse Release(const std::string& body) {
    return Call("POST", "/api/v1/registers/K-0101-01/journal/release", body, admin_);
  }
  std::string PinnedSerial() {
    Result<std::vector<RegisterProgress>> progress = JournalStore::Progress(**pool_->Acquire());
    return progress->empty() ? "" : progress->front().tse_serial;
  }
  static std::string Field(const http::HttpResponse& response) {
    Json body = Json::parse(response.body, nullptr, false);
    return body.is_object() ? body["error"].value("field", "") : "";
  }

  TempDir dir_;
  FakeClock clock_{kNow};
  std::ostringstream log_out_;
  ops::Logger log_{log_out_, ops::LogLevel::kInfo, clock_};
  std::unique_ptr<storage::SqlPool> pool_;
  std::unique_ptr<Credentials> credentials_;
  std::unique_ptr<masterdata::MasterDataStore> master_data_;
  std::string admin_;
  std::string public_key_;
  http::Router router_;
};

TEST_F(RegisterAdminApiTest, NewSigningUnitIsPinnedAndLogged) {
  http::HttpResponse pinned = Pin(Json{{"public_key", public_key_}, {"reason", "TSE replaced"}}.dump());
  ASSERT_EQ(pinned.status, 200) << pinned.body;
  Json answer = Json::parse(pinned.body);
  EXPECT_EQ(answer["serial"].get<std::string>().size(), 64u);
  EXPECT_EQ(answer["replaced_serial"], "");
  EXPECT_EQ(PinnedSerial(), answer["serial"]);
  EXPECT_NE(log_out_.str().find(R"("msg":"signing unit pinned","register_id":"K-0101-01")"), std::string::npos)
      << log_out_.str();
  EXPECT_NE(log_out_.str().find(R"("reason":"TSE replaced")"), std::string::npos) << log_out_.str();
}

TEST_F(RegisterAdminApiTest, BadPinRequestsAreRefusedAndPinNothing) {
  std::string good = Json{{"public_key", public_key_}, {"reason", "TSE replaced"}}.dump();
  EXPECT_EQ(Call("PUT", "/api/v1/registers/K-0101-01/signing-unit", good, "").status, 401);
  EXPECT_EQ(Call("PUT", "/api/v1/registers/K-0101-01/signing-unit", good, "wrong").status, 401);
  EXPECT_EQ(Pin(good, "K-9999").status, 404);
  EXPECT_EQ(Pin("not json").status, 400);
  EXPECT_EQ(Pin("[1,2]").status, 400);
  EXPECT_EQ(Pin(std::string(100'000, '[')).status, 400);
  EXPECT_EQ(Field(Pin(Json{{"public_key", public_key_}}.dump())), "reason");
  EXPECT_EQ(Field(Pin(Json{{"public_key", public_key_}, {"reason", ""}}.dump())), "reason");
  EXPECT_EQ(Field(Pin(Json{{"public_key", public_key_}, {"reason", std::string(600, 'x')}}.dump())), "reason");
  EXPECT_EQ(Field(Pin(Json{{"public_key", public_key_}, {"reason", "bell\a"}}.dump())), "reason");
  EXPECT_EQ(Field(Pin(Json{{"reason", "r"}}.dump())), "public_key");
  EXPECT_EQ(Field(Pin(Json{{"public_key", 5}, {"reason", "r"}}.dump())), "public_key");
  EXPECT_EQ(Field(Pin(Json{{"public_key", "bm90IGEga2V5"}, {"reason", "r"}}.dump())), "public_key");
  EXPECT_EQ(Field(Pin(Json{{"public_key", "%%%"}, {"reason", "r"}}.dump())), "public_key");
  EXPECT_EQ(PinnedSerial(), "");
}

TEST_F(RegisterAdminApiTest, BadReleaseRequestsAreRefusedAndChangeNothing) {
  std::string good = Json{{"from_seq", 1}, {"reason", "forged"}}.dump();
  EXPECT_EQ(Call("POST", "/api/v1/registers/K-0101-01/journal/release", good, "").status, 401);
  EXPECT_EQ(Field(Release(Json{{"reason", "forged"}}.dump())), "from_seq");
  EXPECT_EQ(Field(Release(Json{{"from_seq", 0}, {"reason", "forged"}}.dump())), "from_seq");
  EXPECT_EQ(Field(Release(Json{{"from_seq", "1"}, {"reason", "forged"}}.dump())), "from_seq");
  EXPECT_EQ(Field(Release(Json{{"from_seq", 1}}.dump())), "reason");
  // Nothing stored for the register: nothing to set aside.
  http::HttpResponse empty = Release(good);
  EXPECT_EQ(empty.status, 400) << empty.body;
  EXPECT_NE(empty.body.find("holds entries 1 to 0"), std::string::npos) << empty.body;
  EXPECT_EQ((*(*pool_->Acquire())->QueryValue("SELECT COUNT(*) FROM journal_set_aside"))->AsInt(), 0);
}

}  // namespace
}  // namespace kasse::server
