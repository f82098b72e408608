#include "register/receipt_directory.h"

#include <gtest/gtest.h>

#include "http/router.h"
#include "http/server.h"
#include "journal/entry_json.h"
#include "register/testing/till.h"

namespace kasse::reg {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the test vocabulary

class ServerReceiptDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    till_ = std::make_unique<Till>(dir_, "", "K-0101-02");
    ASSERT_TRUE(till_->service->OpenShift(kAnna, Money::Zero()).ok());
    ASSERT_TRUE(till_->service->AddItem(kSoap, Quantity::Pieces(1)).ok());
    ASSERT_TRUE(till_->service->AddPayment(samples::Pay(PaymentMethod::kCash, 249)).ok());
    sale_ = Journal(*till_->store).back();
    router_.Add("GET", "/hq/api/v1/registers/{id}/receipts/{number}", http::Access::kDevice,
                [this](const http::HttpRequest& r) {
                  last_authorization_ = r.Header("authorization");
                  if (answer_) return *answer_;
                  if (r.path_params.at("id") != "K-0101-02" || r.path_params.at("number") != "1") {
                    return http::HttpResponse::Error(Status::NotFound("receipt", "unknown"));
                  }
                  return http::HttpResponse::Json(200,
                                                  "{\"entry\":" + journal::EncodeEntry(sale_) + ",\"returns\":[]}");
                });
    server_ = std::make_unique<http::HttpServer>(http::HttpServer::Options{},
                                                 [this](http::HttpRequest& r) { return router_.Handle(r); });
    ASSERT_TRUE(server_->Start().ok());
    directory_ = *ServerReceiptDirectory::Create("http://127.0.0.1:" + std::to_string(server_->port()) + "/hq",
                                                 "secret", std::chrono::milliseconds(2000));
  }

  TempDir dir_;
  std::unique_ptr<Till> till_;
  JournalEntry sale_;
  std::optional<http::HttpResponse> answer_;
  std::string last_authorization_;
  http::Router router_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<ServerReceiptDirectory> directory_;
};

TEST_F(ServerReceiptDirectoryTest, FindsTheSaleOfAnotherRegister) {
  Result<OriginalSale> found = directory_->Find(RegisterId("K-0101-02"), 1);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(journal::EncodeEntry(found->sale), journal::EncodeEntry(sale_));
  EXPECT_TRUE(found->returns.empty());
  EXPECT_EQ(last_authorization_, "Bearer secret");
  EXPECT_TRUE(directory_->Find(RegisterId("K-0101-02"), 2).status().IsNotFound());
}

TEST_F(ServerReceiptDirectoryTest, MalformedOrFailingAnswersAreUnavailable) {
  answer_ = http::HttpResponse::Json(200, R"({"entry":{"seq":1},"returns":[]})");
  EXPECT_TRUE(directory_->Find(RegisterId("K-0101-02"), 1).status().IsUnavailable());
  answer_ = http::HttpResponse::Json(200, "not json");
  EXPECT_TRUE(directory_->Find(RegisterId("K-0101-02"), 1).status().IsUnavailable());
  answer_ = http::HttpResponse::Json(503, "{}");
  EXPECT_TRUE(directory_->Find(RegisterId("K-0101-02"), 1).status().IsUnavailable());
  answer_.reset();
  // A server that answers with another register's receipt is not believed.
  EXPECT_TRUE(directory_->Find(RegisterId("K-0101-03"), 1).status().IsNotFound());
  server_->Stop();
  Status offline = directory_->Find(RegisterId("K-0101-02"), 1).status();
  EXPECT_TRUE(offline.IsUnavailable());
  EXPECT_NE(offline.message().find("without receipt"), std::string::npos);
}

// Issue 10, item 23: behind a load balancer, a server that is down answers 503 (or
// 502, 504) instead of refusing the connection. The cashier gets the same hint.
TEST_F(ServerReceiptDirectoryTest, AServerErrorIsTreatedLikeNoServer) {
  for (int status : {500, 502, 503, 504}) {
    answer_ = http::HttpResponse::Text(status, "<html>Service Unavailable</html>", "text/html");
    Status refused = directory_->Find(RegisterId("K-0101-02"), 1).status();
    EXPECT_TRUE(refused.IsUnavailable()) << status;
    EXPECT_NE(refused.message().find("return it without receipt or try again"), std::string::npos)
        << status << ": " << refused.message();
  }
}

// Issue 10, item 4: a hostile or man-in-the-middle server nests its answer
// 100,000 levels deep; the register refuses it instead of overflowing its stack.
TEST_F(ServerReceiptDirectoryTest, ADeeplyNestedAnswerIsRefused) {
  constexpr size_t kLevels = 100'000;
  answer_ = http::HttpResponse::Json(
      200, "{\"entry\":" + std::string(kLevels, '[') + std::string(kLevels, ']') + ",\"returns\":[]}");
  Status refused = directory_->Find(RegisterId("K-0101-02"), 1).status();
  EXPECT_TRUE(refused.IsUnavailable()) << refused.ToString();
  EXPECT_NE(refused.message().find("nests deeper"), std::string::npos) << refused.message();
}

}  // namespace
}  // namespace kasse::reg
